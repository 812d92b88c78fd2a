using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Guards;

/// <summary>
/// Guards the deployed prod stacks' cross-stack exports: every export in the committed prod snapshots
/// (read before any test can rewrite them) must still be there, unless its removal is acknowledged below.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class CrossStackExportTests(SynthFixture synth)
{
    /// <summary>
    /// Exports that may disappear, each with why that is safe now (step 2 of
    /// <see cref="CrossStackExports.TwoStepRemoval"/>: no deployed stack imports it any more).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> AcknowledgedRemovals = new Dictionary<string, string>(StringComparer.Ordinal);

    // Read once, when the class is first used, before a snapshot update in the same run could rewrite them.
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Committed = new(() =>
        SynthesizedEnvironment.StackIds.ToDictionary(id => id, id => File.ReadAllText(Snapshot.PathOf("prod", id))));

    public static TheoryData<string> StackIds() => [.. SynthesizedEnvironment.StackIds];

    [Theory]
    [MemberData(nameof(StackIds))]
    public void ProdStack_Should_KeepEveryCommittedExport(string stackId)
    {
        var removed = CrossStackExports.Removed(CommittedTemplate(stackId), synth["prod"].Json[stackId], AcknowledgedRemovals.Keys);

        Assert.True(removed.Count == 0,
            $"prod {stackId} would stop exporting {string.Join(", ", removed)}. {CrossStackExports.TwoStepRemoval}");
    }

    [Fact]
    public void ProdIdentity_Should_ExportWhatTheApiStackImports() =>
        // The guard only means something while the stacks share values through exports.
        Assert.NotEmpty(CrossStackExports.Names(CommittedTemplate("Identity")));

    [Fact]
    public void Guard_Should_Catch_When_AnExportDisappears()
    {
        var committed = CommittedTemplate("Identity");
        var (changed, exportName) = WithoutFirstExport(committed);

        var removed = Assert.Single(CrossStackExports.Removed(committed, changed, []));

        Assert.Equal(exportName, removed);
    }

    [Fact]
    public void Guard_Should_Allow_When_TheRemovalIsAcknowledged()
    {
        var committed = CommittedTemplate("Identity");
        var (changed, exportName) = WithoutFirstExport(committed);

        Assert.Empty(CrossStackExports.Removed(committed, changed, [exportName]));
    }

    [Fact]
    public void Guard_Should_Allow_When_AnExportIsAdded()
    {
        var committed = CommittedTemplate("Identity");
        var changed = committed.DeepClone();
        changed["Outputs"]!["ExportsOutputRefSomethingNew"] = JsonNode.Parse("""{ "Value": "x", "Export": { "Name": "CognitoStack-prod-Identity:New" } }""");

        Assert.Empty(CrossStackExports.Removed(committed, changed, []));
    }

    [Fact]
    public void Guard_Should_ExplainTheTwoStepRemoval() =>
        Assert.Contains("this.ExportValue(", CrossStackExports.TwoStepRemoval, StringComparison.Ordinal);

    [Fact]
    public void AcknowledgedRemovals_Should_EachGiveAReason() =>
        Assert.All(AcknowledgedRemovals, a => Assert.True(a.Value.Trim().Length >= 20, $"{a.Key}: give the reason the removal is safe"));

    private static JsonNode CommittedTemplate(string stackId) => JsonNode.Parse(Committed.Value[stackId])!;

    /// <summary>A copy of <paramref name="template"/> without its first exported output, and that export's name.</summary>
    private static (JsonNode Changed, string ExportName) WithoutFirstExport(JsonNode template)
    {
        var changed = template.DeepClone();
        var outputs = changed["Outputs"]!.AsObject();
        var exported = outputs.First(o => o.Value!["Export"] is not null);
        outputs.Remove(exported.Key);
        return (changed, SynthesizedEnvironment.Text(exported.Value!["Export"]!["Name"]).Trim('"'));
    }
}
