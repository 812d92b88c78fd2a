using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests;

/// <summary>The app deploys to the aws partition only; a deploy elsewhere stops before anything is created.</summary>
[Collection(SynthCollection.Name)]
public sealed class PartitionTests(SynthFixture synth)
{
    private const string SupportedPartitionRule = "SupportedPartition";

    [Fact]
    public void CdkJson_Should_TargetTheAwsPartitionOnly() =>
        Assert.Equal(["aws"], Repository.CdkJson.GetProperty("context").GetProperty("@aws-cdk/core:target-partitions").EnumerateArray().Select(p => p.GetString()));

    [Theory]
    [InlineData("dev", "Identity")]
    [InlineData("dev", "Api")]
    [InlineData("prod", "Identity")]
    [InlineData("prod", "Api")]
    public void EnvironmentAgnosticStack_Should_RejectOtherPartitionsBeforeDeploying(string env, string stackId)
    {
        var rule = synth[env].Json[stackId]["Rules"]?[SupportedPartitionRule];

        Assert.NotNull(rule);
        var assertion = Assert.Single(rule["Assertions"]!.AsArray())!;
        Assert.Equal(JsonNode.Parse("""{ "Fn::Equals": [{ "Ref": "AWS::Partition" }, "aws"] }"""), assertion["Assert"], JsonNode.DeepEquals);
        Assert.StartsWith("CognitoStack deploys to the aws partition only", (string?)assertion["AssertDescription"], StringComparison.Ordinal);
    }

    [Fact]
    public void StackWithAKnownRegion_Should_NeedNoRule_AndUseTheAwsPartitionsHostedUiDomain()
    {
        var regional = synth.Synthesize(synth["prod"].Settings with { Region = "eu-west-1", Account = "123456789012" }, "prod-eu-west-1");

        Assert.All(SynthesizedEnvironment.StackIds, id => Assert.Null(regional.Json[id]["Rules"]?[SupportedPartitionRule]));
        Assert.Contains("\"domain\":\"myapp-auth-prod.auth.eu-west-1.amazoncognito.com\"",
            SynthesizedEnvironment.Text(regional.Json["Api"]["Outputs"]!["FrontendConfig"]).Replace("\\", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
