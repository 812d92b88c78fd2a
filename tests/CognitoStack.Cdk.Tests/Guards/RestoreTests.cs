using System.Text.Json;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Guards;

/// <summary>
/// NuGet restores exactly the versions the repository asks for: a resolved version other than the one asked
/// for (NU1603) is fixed at the source (a central pin in Directory.Packages.props), never tolerated.
/// </summary>
public sealed class RestoreTests
{
    [Theory]
    [InlineData("cdk")]
    [InlineData("tests/CognitoStack.Cdk.Tests")]
    public void Restore_Should_LogNoWarnings_For(string project)
    {
        var assets = Path.Combine(Repository.Root, project, "obj", "project.assets.json");
        using var document = JsonDocument.Parse(File.ReadAllText(assets));

        var logs = document.RootElement.TryGetProperty("logs", out var entries)
            ? entries.EnumerateArray().Select(e => $"{e.GetProperty("code").GetString()}: {e.GetProperty("message").GetString()}").ToList()
            : [];

        Assert.Empty(logs);
    }

    [Fact]
    public void BuildProps_Should_NotExemptAnyWarningFromWarningsAsErrors()
    {
        var props = File.ReadAllText(Path.Combine(Repository.Root, "Directory.Build.props"));

        Assert.DoesNotContain("WarningsNotAsErrors", props, StringComparison.Ordinal);
        Assert.Contains("<TreatWarningsAsErrors>true</TreatWarningsAsErrors>", props, StringComparison.Ordinal);
    }
}
