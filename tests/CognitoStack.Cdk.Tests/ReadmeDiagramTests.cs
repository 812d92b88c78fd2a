using System.Text.RegularExpressions;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests;

/// <summary>The architecture diagram in README.md names only resource types the app really synthesizes.</summary>
[Collection(SynthCollection.Name)]
public sealed partial class ReadmeDiagramTests(SynthFixture synth)
{
    [Fact]
    public void Diagram_Should_NameOnlyResourceTypesTheAppSynthesizes()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var diagram = MermaidBlock().Match(readme);
        Assert.True(diagram.Success, "README.md has no ```mermaid block");

        var named = ResourceType().Matches(diagram.Value).Select(m => m.Value).Distinct().ToList();
        // Optional parts (identity providers) exist in the test-only environments.
        var synthesized = synth.All.SelectMany(env => env.AllResources()).Select(r => (string)r.Resource["Type"]!).ToHashSet();

        Assert.True(named.Count >= 8, $"expected the diagram to name the main resource types, found {named.Count}");
        Assert.All(named, type => Assert.Contains(type, synthesized));
    }

    [GeneratedRegex("```mermaid[\\s\\S]*?```")]
    private static partial Regex MermaidBlock();

    [GeneratedRegex("AWS::[A-Za-z0-9]+::[A-Za-z0-9]+")]
    private static partial Regex ResourceType();
}
