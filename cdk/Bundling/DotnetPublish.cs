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

    /// <summary>The whole <c>dotnet</c> command line: <c>publish</c>, the project, <see cref="Settings"/>, the output.</summary>
    /// <param name="projectDirectory">The project folder.</param>
    /// <param name="outputDirectory">Where the published files go.</param>
    /// <param name="runtimeIdentifier"><see cref="LinuxArm64"/> or <see cref="LinuxX64"/>.</param>
    public static IReadOnlyList<string> Arguments(string projectDirectory, string outputDirectory, string runtimeIdentifier) =>
    [
        "publish", projectDirectory,
        .. Settings(runtimeIdentifier),
        "--output", outputDirectory,
        "--nologo",
        "--verbosity", "quiet",
    ];

    /// <summary>Publishes <paramref name="projectDirectory"/> into <paramref name="outputDirectory"/>; throws with dotnet's output on failure.</summary>
    /// <param name="projectDirectory">The project folder.</param>
    /// <param name="outputDirectory">Where the published files go.</param>
    /// <param name="runtimeIdentifier"><see cref="LinuxArm64"/> or <see cref="LinuxX64"/>.</param>
    public static void Run(string projectDirectory, string outputDirectory, string runtimeIdentifier)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(projectDirectory, outputDirectory, runtimeIdentifier))
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
    }

    private static string RequireLinux(string runtimeIdentifier) =>
        runtimeIdentifier is LinuxArm64 or LinuxX64
            ? runtimeIdentifier
            : throw new ArgumentOutOfRangeException(nameof(runtimeIdentifier), runtimeIdentifier, $"Lambda runs {LinuxArm64} or {LinuxX64}");
}
