using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Functions;

// prod turns SnapStart on for the backend and both triggers (backend.snapStart, triggers.snapStart); dev
// leaves it off. With it, every caller must reach the published version through the live alias: the
// unpublished function ($LATEST) is never snapshotted.
[Collection(SynthCollection.Name)]
public sealed class SnapStartTests(SynthFixture synth)
{
    [Theory]
    [InlineData("Api", 1)]
    [InlineData("Identity", 2)]
    public void Functions_Should_SnapshotPublishedVersions_When_SnapStartIsOn(string stack, int functions)
    {
        var snapStart = synth["prod"].Resources(stack, "AWS::Lambda::Function")
            .Select(f => SynthesizedEnvironment.Text(f.Resource["Properties"]!["SnapStart"]))
            .ToList();

        Assert.Equal(functions, snapStart.Count);
        Assert.All(snapStart, s => Assert.Equal("""{"ApplyOn":"PublishedVersions"}""", s));
    }

    [Theory]
    [InlineData("Api", 1)]
    [InlineData("Identity", 2)]
    public void EachFunction_Should_HaveALiveAliasOnItsCurrentVersion_When_SnapStartIsOn(string stack, int functions)
    {
        var env = synth["prod"];
        var versions = env.Resources(stack, "AWS::Lambda::Version").ToList();
        var aliases = env.Resources(stack, "AWS::Lambda::Alias").Select(a => a.Resource).ToList();

        Assert.Equal(functions, versions.Count);
        Assert.Equal(functions, aliases.Count);
        Assert.All(aliases, alias =>
        {
            Assert.Equal("live", (string?)alias["Properties"]!["Name"]);
            var version = Assert.Single(versions, v => SynthesizedEnvironment.Text(alias["Properties"]!["FunctionVersion"]) == $$"""{"Fn::GetAtt":["{{v.LogicalId}}","Version"]}""");
            // A replaced version is deleted, so its snapshot stops being billed.
            Assert.Equal("Delete", (string?)version.Resource["DeletionPolicy"]);
        });
    }

    [Fact]
    public void ApiGateway_Should_InvokeTheAlias_When_SnapStartIsOn()
    {
        var env = synth["prod"];
        var alias = Assert.Single(env.Resources("Api", "AWS::Lambda::Alias")).LogicalId;
        var integrations = env.Resources("Api", "AWS::ApiGateway::Method")
            .Select(m => m.Resource["Properties"]!["Integration"])
            .Where(i => (string?)i?["Type"] == "AWS_PROXY")
            .ToList();

        Assert.Equal(CognitoStack.Contract.ApiRoutes.All.Count, integrations.Count);
        Assert.All(integrations, i => Assert.Contains($$"""{"Ref":"{{alias}}"}""", SynthesizedEnvironment.Text(i!["Uri"]), StringComparison.Ordinal));
        Assert.All(Permissions(env, "Api"), p => Assert.Equal($$"""{"Ref":"{{alias}}"}""", SynthesizedEnvironment.Text(p["FunctionName"])));
    }

    [Fact]
    public void Cognito_Should_BeAllowedToInvokeTheAliases_When_SnapStartIsOn()
    {
        var env = synth["prod"];
        var aliases = env.Resources("Identity", "AWS::Lambda::Alias").Select(a => $$"""{"Ref":"{{a.LogicalId}}"}""").Order(StringComparer.Ordinal).ToList();

        var invoked = Permissions(env, "Identity").Select(p => SynthesizedEnvironment.Text(p["FunctionName"])).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(aliases, invoked);
    }

    [Theory]
    [InlineData("Api")]
    [InlineData("Identity")]
    public void Functions_Should_HaveNoSnapStartVersionOrAlias_When_SnapStartIsOff(string stack)
    {
        var env = synth["dev"];

        Assert.All(env.Resources(stack, "AWS::Lambda::Function"), f => Assert.Null(f.Resource["Properties"]!["SnapStart"]));
        Assert.Empty(env.Resources(stack, "AWS::Lambda::Version"));
        Assert.Empty(env.Resources(stack, "AWS::Lambda::Alias"));
    }

    private static IEnumerable<JsonNode> Permissions(SynthesizedEnvironment env, string stack) =>
        env.Resources(stack, "AWS::Lambda::Permission").Select(p => p.Resource["Properties"]!);
}
