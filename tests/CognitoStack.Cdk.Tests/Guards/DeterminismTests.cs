using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Guards;

/// <summary>Two synths of the same commit are byte-identical, so reviewers only ever see real changes.</summary>
[Collection(SynthCollection.Name)]
public sealed class DeterminismTests(SynthFixture synth)
{
    [Fact]
    public void SecondSynth_Should_ProduceByteIdenticalTemplatesAndAssetManifests()
    {
        var first = synth["prod"];

        var second = synth.Synthesize(first.Settings, "prod-again");

        var files = Directory.GetFiles(first.AssemblyDirectory)
            .Select(Path.GetFileName)
            .Where(f => f!.EndsWith(".template.json", StringComparison.Ordinal) || f.EndsWith(".assets.json", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(first.StackIds.Count * 2, files.Count);
        Assert.All(files, f => Assert.Equal(
            File.ReadAllBytes(Path.Combine(first.AssemblyDirectory, f!)),
            File.ReadAllBytes(Path.Combine(second.AssemblyDirectory, f!))));
    }
}
