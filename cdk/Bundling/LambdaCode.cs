using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using CognitoStack.Cdk.Constructs;

namespace CognitoStack.Cdk.Bundling;

/// <summary>
/// The repository's .NET Lambda projects as Lambda code. An asset belongs to one stack, so the replica
/// Region's stack has its own instance of the triggers.
/// </summary>
public sealed record LambdaCode(Code Backend, Code Triggers, Code ReplicaTriggers, Code UserExport)
{
    /// <summary>The API backend project, relative to the repository root.</summary>
    public const string BackendProject = "src/CognitoStack.Backend";

    /// <summary>The user pool triggers project, relative to the repository root.</summary>
    public const string TriggersProject = "src/CognitoStack.Triggers";

    /// <summary>The scheduled user export project, relative to the repository root.</summary>
    public const string UserExportProject = "src/CognitoStack.UserExport";

    /// <summary>Every function project of the repository at <paramref name="repositoryRoot"/>.</summary>
    public static LambdaCode FromRepository(string repositoryRoot) =>
        new(FromProject(repositoryRoot, BackendProject), FromProject(repositoryRoot, TriggersProject), FromProject(repositoryRoot, TriggersProject),
            FromProject(repositoryRoot, UserExportProject));

    /// <summary>
    /// An asset bundled with <c>dotnet publish</c>, whose hash covers every input of that publish (see
    /// <see cref="PublishInputs"/>): the project, the projects it references, sources it includes from
    /// elsewhere and the repository's build settings. The CDK publishes again only when that hash changes;
    /// hashing the project folder alone would let a change to Directory.Build.props or a shared project
    /// ship stale code. When bundling is skipped for a stack (tests set the context
    /// <c>aws:cdk:bundling-stacks</c> to none), the CDK uses the same hash without publishing.
    /// </summary>
    public static Code FromProject(string repositoryRoot, string projectPath)
    {
        var projectDirectory = Path.Combine(repositoryRoot, projectPath);
        return Code.FromAsset(projectDirectory, new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            AssetHashType = AssetHashType.CUSTOM,
            AssetHash = PublishInputs.HashProject(repositoryRoot, projectPath),
            Exclude = ["bin", "obj"],
            Bundling = new BundlingOptions
            {
                // Only used if local bundling declined, which it never does: it publishes or fails.
                Image = DotnetFunction.Dotnet10.BundlingImage,
                Local = new DotnetPublishBundling(projectDirectory),
                OutputType = BundlingOutput.NOT_ARCHIVED,
            },
        });
    }
}
