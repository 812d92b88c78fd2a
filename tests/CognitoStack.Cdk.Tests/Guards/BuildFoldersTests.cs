using System.Diagnostics;
using System.Text.Json;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Guards;

/// <summary>
/// A ReadyToRun or Native AOT publish builds the projects it references in folders of its own (Directory.Build.props),
/// so it never recompiles the plain build's libraries in place or rewrites their restore output, and the plain build
/// after a publish stays incremental. Each case asks MSBuild itself how it evaluates the shared library with the
/// publish's properties.
/// </summary>
public sealed class BuildFoldersTests
{
    private const string Library = "src/CognitoStack.Lambda.Common/CognitoStack.Lambda.Common.csproj";

    [Theory]
    [InlineData("", "obj/", "bin/")]
    [InlineData("-p:PublishReadyToRun=true", "obj/readytorun/", "bin/readytorun/")]
    [InlineData("-p:PublishAot=true", "obj/nativeaot/", "bin/nativeaot/")]
    [InlineData("-p:PublishAot=true -p:PublishReadyToRun=true", "obj/nativeaot/", "bin/nativeaot/")]
    public void Build_Should_UseTheFoldersOfItsKind_When_Published(string properties, string intermediate, string output)
    {
        var evaluated = Evaluate(properties);

        Assert.Equal(intermediate, Folder(evaluated, "BaseIntermediateOutputPath"));
        Assert.EndsWith($"/CognitoStack.Lambda.Common/{intermediate}", Folder(evaluated, "MSBuildProjectExtensionsPath"), StringComparison.Ordinal);
        Assert.Equal(output, Folder(evaluated, "BaseOutputPath"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-p:PublishAot=true")]
    public void Build_Should_CompileNothingFromAnotherBuildsFolders(string properties)
    {
        using var document = Run(properties, "-getItem:Compile");

        var sources = document.RootElement.GetProperty("Items").GetProperty("Compile").EnumerateArray()
            .Select(item => item.GetProperty("Identity").GetString()!.Replace('\\', '/'))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.DoesNotContain(sources, s => s.StartsWith("obj/", StringComparison.Ordinal) || s.StartsWith("bin/", StringComparison.Ordinal));
    }

    // The SDK writes its defaults with a backslash (obj\), which MSBuild reads as a separator on every platform.
    private static string Folder(JsonElement properties, string name) => properties.GetProperty(name).GetString()!.Replace('\\', '/');

    private static JsonElement Evaluate(string properties)
    {
        using var document = Run(properties,
            "-getProperty:BaseIntermediateOutputPath", "-getProperty:MSBuildProjectExtensionsPath", "-getProperty:BaseOutputPath");
        return document.RootElement.GetProperty("Properties").Clone();
    }

    private static JsonDocument Run(string properties, params string[] queries)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in (string[])["msbuild", Library, "-p:Configuration=Release", .. properties.Split(' ', StringSplitOptions.RemoveEmptyEntries), .. queries])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet msbuild exited {process.ExitCode}: {output}{errors.Result}");
        return JsonDocument.Parse(output);
    }
}
