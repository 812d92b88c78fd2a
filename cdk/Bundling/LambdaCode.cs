using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using CognitoStack.Cdk.Constructs;

namespace CognitoStack.Cdk.Bundling;

/// <summary>
/// The repository's .NET Lambda projects as Lambda code, each a linux-arm64 ReadyToRun publish (see
/// <see cref="DotnetPublish"/>). An asset belongs to one stack, so the replica Region's stack has its own
/// instance of the triggers.
/// </summary>
public sealed record LambdaCode(Code Backend, Code Triggers, Code ReplicaTriggers, Code UserExport, Code Authorizer)
{
    /// <summary>The API backend project, relative to the repository root.</summary>
    public const string BackendProject = "src/CognitoStack.Backend";

    /// <summary>The user pool triggers project, relative to the repository root.</summary>
    public const string TriggersProject = "src/CognitoStack.Triggers";

    /// <summary>The scheduled user export project, relative to the repository root.</summary>
    public const string UserExportProject = "src/CognitoStack.UserExport";

    /// <summary>The API's Lambda authorizer project (the verifiedPermissions mode), relative to the repository root.</summary>
    public const string AuthorizerProject = "src/CognitoStack.Authorizer";

    /// <summary>Every function project of the repository at <paramref name="repositoryRoot"/>, each ReadyToRun.</summary>
    public static LambdaCode FromRepository(string repositoryRoot) => FromRepository(repositoryRoot, default);

    /// <summary>Every function project of the repository at <paramref name="repositoryRoot"/>, each group published as <paramref name="nativeAot"/> says.</summary>
    public static LambdaCode FromRepository(string repositoryRoot, NativeAotGroups nativeAot) =>
        new(FromProject(repositoryRoot, BackendProject, nativeAot: nativeAot.Backend),
            FromProject(repositoryRoot, TriggersProject, nativeAot: nativeAot.Triggers),
            FromProject(repositoryRoot, TriggersProject, nativeAot: nativeAot.Triggers),
            FromProject(repositoryRoot, UserExportProject, nativeAot: nativeAot.UserExport),
            FromProject(repositoryRoot, AuthorizerProject, nativeAot: nativeAot.Backend));

    /// <summary>
    /// An asset bundled with <c>dotnet publish</c> (<see cref="DotnetPublish"/>: framework-dependent,
    /// ReadyToRun, for <paramref name="runtimeIdentifier"/>; linux-arm64 unless a function runs on x86_64),
    /// whose hash covers every input of that publish (see <see cref="PublishInputs"/>): the project, the
    /// projects it references, sources it includes from elsewhere, the repository's build settings and the
    /// publish settings themselves. The CDK publishes again only when that hash changes;
    /// hashing the project folder alone would let a change to Directory.Build.props or a shared project
    /// ship stale code. When bundling is skipped for a stack (tests set the context
    /// <c>aws:cdk:bundling-stacks</c> to none), the CDK uses the same hash without publishing.
    /// </summary>
    /// <param name="repositoryRoot">The repository root.</param>
    /// <param name="projectPath">The project folder, relative to the root.</param>
    /// <param name="runtimeIdentifier"><see cref="DotnetPublish.LinuxArm64"/> (the default, for arm64 functions) or <see cref="DotnetPublish.LinuxX64"/>.</param>
    /// <param name="nativeAot">
    /// A Native AOT <c>bootstrap</c> (<see cref="DotnetPublish.NativeAotSettings"/>) instead; its hash also
    /// covers the native toolchain (<see cref="NativeToolchain.Versions"/>).
    /// </param>
    public static Code FromProject(string repositoryRoot, string projectPath, string runtimeIdentifier = DotnetPublish.LinuxArm64, bool nativeAot = false)
    {
        var projectDirectory = Path.Combine(repositoryRoot, projectPath);
        return Code.FromAsset(projectDirectory, new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            AssetHashType = AssetHashType.CUSTOM,
            AssetHash = PublishInputs.HashProject(repositoryRoot, projectPath, HashedSettings(runtimeIdentifier, nativeAot)),
            Exclude = ["bin", "obj"],
            Bundling = new BundlingOptions
            {
                // Only used if local bundling declined, which it never does: it publishes or fails.
                Image = DotnetFunction.Dotnet10.BundlingImage,
                Local = new DotnetPublishBundling(projectDirectory, runtimeIdentifier, nativeAot),
                OutputType = BundlingOutput.NOT_ARCHIVED,
            },
        });
    }

    /// <summary>What the asset hash covers besides the files: the publish settings, and for Native AOT the toolchain's versions.</summary>
    public static IReadOnlyList<string> HashedSettings(string runtimeIdentifier, bool nativeAot) =>
        nativeAot ? [.. DotnetPublish.NativeAotSettings(runtimeIdentifier), .. NativeToolchain.Versions(runtimeIdentifier)] : DotnetPublish.Settings(runtimeIdentifier);
}

/// <summary>Which function groups are published as Native AOT (the rest ReadyToRun).</summary>
/// <param name="Backend">The API backend, and the API's Lambda authorizer in front of it (the verifiedPermissions mode).</param>
/// <param name="Triggers">The user pool triggers (primary and replica Region).</param>
/// <param name="UserExport">The scheduled user export.</param>
public readonly record struct NativeAotGroups(bool Backend, bool Triggers, bool UserExport);
