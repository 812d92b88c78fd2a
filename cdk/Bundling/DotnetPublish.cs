using System.Diagnostics;

namespace CognitoStack.Cdk.Bundling;

/// <summary>
/// The <c>dotnet publish</c> of a Lambda project: framework-dependent (the managed <c>dotnet10</c> runtime
/// supplies .NET) for one Linux runtime identifier, with ReadyToRun code so the function does not JIT
/// its own code on a cold start. Every function of the app is published this way (the default of
/// <see cref="LambdaCode.FromProject"/>); no Docker, the SDK on this machine cross-compiles.
/// </summary>
/// <remarks>
/// ReadyToRun needs the target's runtime pack (<c>Microsoft.NETCore.App.Runtime.linux-arm64</c>) and the
/// host's crossgen2 pack (<c>Microsoft.NETCore.App.Crossgen2.linux-x64</c> here), both restored from
/// NuGet on the first publish. The result keeps its IL beside the native code, so the runtime falls back
/// to JIT for anything the precompiled code does not cover.
/// </remarks>
public static class DotnetPublish
{
    /// <summary>The runtime identifier of the arm64 (Graviton) Lambda architecture, the app's default.</summary>
    public const string LinuxArm64 = "linux-arm64";

    /// <summary>The runtime identifier of the x86_64 Lambda architecture.</summary>
    public const string LinuxX64 = "linux-x64";

    /// <summary>
    /// The arguments that decide what the publish produces, in order; part of the asset hash (see
    /// <see cref="PublishInputs.HashProject(string, string, IReadOnlyList{string})"/>), so changing them publishes every function again.
    /// </summary>
    /// <param name="runtimeIdentifier"><see cref="LinuxArm64"/> or <see cref="LinuxX64"/>.</param>
    public static IReadOnlyList<string> Settings(string runtimeIdentifier) =>
    [
        "--configuration", "Release",
        "--runtime", RequireLinux(runtimeIdentifier),
        "--self-contained", "false",
        "-p:PublishReadyToRun=true",
    ];

    /// <summary>
    /// The arguments of a Native AOT publish: a self-contained native executable for
    /// <paramref name="runtimeIdentifier"/>, linked by clang with lld (Microsoft's cross-compilation page for
    /// Native AOT: https://learn.microsoft.com/dotnet/core/deploying/native-aot/cross-compile, and the
    /// prerequisites https://learn.microsoft.com/dotnet/core/deploying/native-aot/#prerequisites). The
    /// ILCompiler packages are restored from NuGet, at the version the SDK picks. Trim and AOT warnings are
    /// errors (the ILCompiler follows <c>TreatWarningsAsErrors</c>, Directory.Build.props). Part of the asset
    /// hash with <see cref="NativeToolchain.Versions"/>.
    /// </summary>
    /// <param name="runtimeIdentifier"><see cref="LinuxArm64"/> or <see cref="LinuxX64"/>.</param>
    public static IReadOnlyList<string> NativeAotSettings(string runtimeIdentifier) =>
    [
        "--configuration", "Release",
        "--runtime", RequireLinux(runtimeIdentifier),
        "--self-contained", "true",
        "-p:PublishAot=true",
        "-p:LinkerFlavor=lld",
        "-p:StripSymbols=true",
    ];

    /// <summary><see cref="NativeAotSettings"/> when <paramref name="nativeAot"/>, otherwise <see cref="Settings(string)"/>.</summary>
    public static IReadOnlyList<string> Settings(string runtimeIdentifier, bool nativeAot) =>
        nativeAot ? NativeAotSettings(runtimeIdentifier) : Settings(runtimeIdentifier);

    /// <summary>The whole <c>dotnet</c> command line: <c>publish</c>, the project, <see cref="Settings(string, bool)"/>, the output.</summary>
    /// <param name="projectDirectory">The project folder.</param>
    /// <param name="outputDirectory">Where the published files go.</param>
    /// <param name="runtimeIdentifier"><see cref="LinuxArm64"/> or <see cref="LinuxX64"/>.</param>
    /// <param name="nativeAot">Publish with <see cref="NativeAotSettings"/>.</param>
    public static IReadOnlyList<string> Arguments(string projectDirectory, string outputDirectory, string runtimeIdentifier, bool nativeAot = false) =>
    [
        "publish", projectDirectory,
        .. Settings(runtimeIdentifier, nativeAot),
        "--output", outputDirectory,
        "--nologo",
        "--verbosity", "quiet",
    ];

    /// <summary>
    /// Publishes <paramref name="projectDirectory"/> into <paramref name="outputDirectory"/>; throws with
    /// dotnet's output on failure. A Native AOT publish leaves the executable as <see cref="BootstrapFile"/>
    /// (what <c>provided.al2023</c> starts) and drops the separate symbol file. One publish at a time per process:
    /// publishes of one kind share a project's <c>obj/</c> folder and <c>project.assets.json</c> whatever the runtime
    /// identifier, so two at once (say linux-arm64 and linux-x64 of the same function) race on that file
    /// (NETSDK1047, seen when the tests published both in parallel).
    /// </summary>
    /// <param name="projectDirectory">The project folder, named like its assembly.</param>
    /// <param name="outputDirectory">Where the published files go.</param>
    /// <param name="runtimeIdentifier"><see cref="LinuxArm64"/> or <see cref="LinuxX64"/>.</param>
    /// <param name="nativeAot">Publish with <see cref="NativeAotSettings"/>.</param>
    public static void Run(string projectDirectory, string outputDirectory, string runtimeIdentifier, bool nativeAot = false)
    {
        lock (OnePublishAtATime)
        {
            Publish(projectDirectory, outputDirectory, runtimeIdentifier, nativeAot);
        }
    }

    private static readonly Lock OnePublishAtATime = new();

    private static void Publish(string projectDirectory, string outputDirectory, string runtimeIdentifier, bool nativeAot)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(projectDirectory, outputDirectory, runtimeIdentifier, nativeAot))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start dotnet to publish {projectDirectory}: is the .NET SDK on PATH?");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet publish {projectDirectory} failed with exit code {process.ExitCode}:{System.Environment.NewLine}{stdout.Result}{stderr.Result}");
        }

        if (nativeAot)
        {
            var assemblyName = Path.GetFileName(Path.TrimEndingDirectorySeparator(projectDirectory));
            File.Move(Path.Combine(outputDirectory, assemblyName), Path.Combine(outputDirectory, BootstrapFile), overwrite: true);
            foreach (var symbols in Directory.GetFiles(outputDirectory, "*.dbg"))
            {
                File.Delete(symbols);
            }
        }
    }

    /// <summary>The executable a custom runtime starts (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html).</summary>
    public const string BootstrapFile = "bootstrap";

    private static string RequireLinux(string runtimeIdentifier) =>
        runtimeIdentifier is LinuxArm64 or LinuxX64
            ? runtimeIdentifier
            : throw new ArgumentOutOfRangeException(nameof(runtimeIdentifier), runtimeIdentifier, $"Lambda runs {LinuxArm64} or {LinuxX64}");
}
