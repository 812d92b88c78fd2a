using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests;

/// <summary>Rules over every IAM policy in every template.</summary>
[Collection(SynthCollection.Name)]
public sealed class PolicyTests(SynthFixture synth)
{
    [Fact]
    public void NoAllowStatement_Should_UseAWildcardAction()
    {
        var offenders = synth.All
            .SelectMany(env => env.AllResources().SelectMany(r => Statements(r.Resource)
                .Where(s => (string?)s["Effect"] == "Allow" && Actions(s).Any(a => a.Contains('*', StringComparison.Ordinal)))
                .Select(s => $"{env.Settings.Name}/{r.StackId}/{r.LogicalId}: {SynthesizedEnvironment.Text(s["Action"])}")))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void PolicyScan_Should_FindStatementsInRolesAndPolicies()
    {
        var count = synth["prod"].AllResources().Sum(r => Statements(r.Resource).Count());

        Assert.True(count >= 10, $"expected the scan to see the stack's policy statements, saw {count}");
    }

    [Fact]
    public void NoRole_Should_AttachAnAwsManagedPolicy_ExceptTheApiGatewayAccountRole()
    {
        var roles = synth.All.SelectMany(env => env.AllResources())
            .Where(r => (string?)r.Resource["Type"] == "AWS::IAM::Role" && r.Resource["Properties"]!["ManagedPolicyArns"] is not null)
            .Select(r => r.LogicalId)
            .Distinct();

        Assert.All(roles, id => Assert.StartsWith("ApiRestApiCloudWatchRole", id, StringComparison.Ordinal));
    }

    /// <summary>Statements of a role's inline policies, an IAM policy or a bucket policy.</summary>
    internal static IEnumerable<JsonNode> Statements(JsonNode resource)
    {
        var properties = resource["Properties"];
        var documents = (string?)resource["Type"] switch
        {
            "AWS::IAM::Role" => properties?["Policies"]?.AsArray().Select(p => p!["PolicyDocument"]) ?? [],
            "AWS::IAM::Policy" or "AWS::S3::BucketPolicy" => [properties!["PolicyDocument"]],
            _ => [],
        };
        return documents.SelectMany(d => d!["Statement"]!.AsArray()).Select(s => s!);
    }

    private static IEnumerable<string> Actions(JsonNode statement) => statement["Action"] switch
    {
        JsonArray array => array.Select(a => (string)a!),
        JsonValue value => [(string)value!],
        _ => [],
    };
}
