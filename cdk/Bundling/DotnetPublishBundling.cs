using System.Diagnostics;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;

namespace CognitoStack.Cdk.Bundling;

/// <summary>
/// Bundles a .NET Lambda project on this machine with <c>dotnet publish</c> (no Docker). The output is
/// portable IL for the managed runtime (no runtime identifier, so no runtime pack is needed and it runs
/// on arm64 and x86_64 alike). The CDK calls it
/// only when no asset with the same source hash exists in the cloud assembly yet, so an unchanged
/// backend is not published again.
/// </summary>
/// <remarks>Derives from <see cref="DeputyBase"/> because jsii calls it back from the CDK's Node process.</remarks>
public sealed class DotnetPublishBundling(string projectDirectory) : DeputyBase, ILocalBundling
{
    /// <summary>Publishes the project into <paramref name="outputDir"/>; throws with dotnet's output on failure.</summary>
    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "publish", projectDirectory,
            "--configuration", "Release",
            "--output", outputDir,
            "--nologo",
            "--verbosity", "quiet",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("Could not start dotnet to publish the backend: is the .NET SDK on PATH?");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet publish {projectDirectory} failed with exit code {process.ExitCode}:{System.Environment.NewLine}{stdout.Result}{stderr.Result}");
        }

        return true;
    }
}
