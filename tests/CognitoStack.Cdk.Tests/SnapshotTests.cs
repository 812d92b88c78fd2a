using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests;

/// <summary>One committed template per stack per environment, for reviewers to diff.</summary>
[Collection(SynthCollection.Name)]
public sealed class SnapshotTests(SynthFixture synth)
{
    public static TheoryData<string, string> Stacks()
    {
        var data = new TheoryData<string, string>();
        var environments = Repository.EnvironmentNames.Select(n => (n, Repository.Environments))
            .Concat(Repository.TestEnvironmentNames.Select(n => (n, Repository.TestEnvironments)));
        foreach (var (environment, source) in environments)
        {
            foreach (var stack in SynthesizedEnvironment.StackIdsFor(SettingsLoader.Load(source, environment, Repository.Root)))
            {
                data.Add(environment, stack);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Template_Should_MatchCommittedSnapshot(string environment, string stackId) =>
        Snapshot.Verify(environment, stackId, synth[environment].TemplateText(stackId));

    [Fact]
    public void Normalize_Should_ScrubAssetHashes_When_TemplateReferencesAnAsset()
    {
        var hash = new string('a', 64);

        var normalized = Snapshot.Normalize($$"""{"S3Key":"{{hash}}.zip"}""");

        Assert.Contains("ASSET_HASH.zip", normalized);
        Assert.DoesNotContain(hash, normalized);
    }

    [Fact]
    public void Normalize_Should_ScrubTheVersionHash_When_AFunctionPublishesItsCurrentVersion()
    {
        var normalized = Snapshot.Normalize("""{"Ref":"BackendFunctionCurrentVersion3C3E1D2A0123456789abcdef0123456789abcdef"}""");

        Assert.Contains("BackendFunctionCurrentVersion3C3E1D2AVERSION_HASH", normalized);
        Assert.DoesNotContain("0123456789abcdef", normalized);
    }

    [Fact]
    public void Diff_Should_ShowChangedLinesWithNumbers()
    {
        var diff = Snapshot.Diff("a\nb\nc", "a\nB\nc");

        Assert.Equal("+     2: B\n-     2: b\n", diff);
    }
}
