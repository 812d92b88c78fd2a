using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Federation;

[Collection(SynthCollection.Name)]
public sealed class TriggerTests(SynthFixture synth)
{
    // dev invokes the function; prod (triggers.snapStart true) its live alias, whose Ref is the alias ARN.
    [Theory]
    [InlineData("dev", """^\{"Fn::GetAtt":\["TriggersPreTokenGeneration[A-Za-z0-9]+","Arn"\]\}$""")]
    [InlineData("prod", """^\{"Ref":"TriggersPreTokenGenerationLiveAlias[A-Za-z0-9]+"\}$""")]
    public void PreTokenGeneration_Should_UseTheV2Event(string env, string arn)
    {
        var config = Pool(env)["LambdaConfig"]!["PreTokenGenerationConfig"]!;

        Assert.Equal("V2_0", (string?)config["LambdaVersion"]);
        Assert.Matches(arn, SynthesizedEnvironment.Text(config["LambdaArn"]));
    }

    [Theory]
    [InlineData("dev", """^\{"Fn::GetAtt":\["TriggersPostConfirmation[A-Za-z0-9]+","Arn"\]\}$""")]
    [InlineData("prod", """^\{"Ref":"TriggersPostConfirmationLiveAlias[A-Za-z0-9]+"\}$""")]
    public void PostConfirmation_Should_BeWired(string env, string arn) =>
        Assert.Matches(arn, SynthesizedEnvironment.Text(Pool(env)["LambdaConfig"]!["PostConfirmation"]));

    [Theory]
    [InlineData("CognitoStack.Triggers::CognitoStack.Triggers.PreTokenGeneration::Handle", "ADMIN_GROUP", "admin")]
    [InlineData("CognitoStack.Triggers::CognitoStack.Triggers.PostConfirmation::Handle", "DEFAULT_GROUP", "users")]
    public void TriggerFunctions_Should_RunDotnet10WithinCognitosTimeLimit(string handler, string variable, string value)
    {
        var function = synth["prod"].Resources("Identity", "AWS::Lambda::Function")
            .Select(f => f.Resource["Properties"]!)
            .Single(f => (string?)f["Handler"] == handler);

        Assert.Equal("dotnet10", (string?)function["Runtime"]);
        Assert.Equal("""["arm64"]""", SynthesizedEnvironment.Text(function["Architectures"]));
        Assert.Equal(5, (int?)function["Timeout"]);
        Assert.Equal("Active", (string?)function["TracingConfig"]!["Mode"]);
        Assert.Equal(value, (string?)function["Environment"]!["Variables"]![variable]);
    }

    [Fact]
    public void PostConfirmation_Should_AddUsersToGroupsOfThisPoolOnly()
    {
        // The user export's read-only grant is checked with the Backup stack (BackupStackTests).
        var statements = synth["prod"].AllResources()
            .Where(r => r.StackId != "Backup")
            .SelectMany(r => PolicyTests.Statements(r.Resource))
            .Where(s => SynthesizedEnvironment.Text(s["Action"]).Contains("cognito-idp:", StringComparison.Ordinal))
            .ToList();

        var statement = Assert.Single(statements);
        Assert.Equal("\"cognito-idp:AdminAddUserToGroup\"", SynthesizedEnvironment.Text(statement["Action"]));
        Assert.Equal("""{"Fn::GetAtt":["UserDirectoryUserPoolD2758A4E","Arn"]}""", SynthesizedEnvironment.Text(statement["Resource"]));
    }

    [Fact]
    public void Cognito_Should_BeAllowedToInvokeEachTriggerFromThisPoolOnly()
    {
        var permissions = synth["prod"].Resources("Identity", "AWS::Lambda::Permission").Select(p => p.Resource["Properties"]!).ToList();

        Assert.Equal(2, permissions.Count);
        Assert.All(permissions, p =>
        {
            Assert.Equal("cognito-idp.amazonaws.com", (string?)p["Principal"]);
            Assert.Equal("""{"Fn::GetAtt":["UserDirectoryUserPoolD2758A4E","Arn"]}""", SynthesizedEnvironment.Text(p["SourceArn"]));
        });
    }

    [Fact]
    public void EveryTemplate_Should_HaveNoDependencyCycle() =>
        Assert.All(synth.All, env => Assert.All(env.StackIds, stack =>
            Assert.Null(DependencyGraph.FindCycle(env.Json[stack]))));

    [Fact]
    public void CycleFinder_Should_Report_When_TwoResourcesReferenceEachOther()
    {
        var template = System.Text.Json.Nodes.JsonNode.Parse("""
            {"Resources":{
              "Pool":{"Properties":{"Trigger":{"Fn::GetAtt":["Fn","Arn"]}}},
              "Fn":{"Properties":{"Policy":{"Ref":"Pool"}}},
              "Other":{"DependsOn":["Pool"]}}}
            """)!;

        Assert.NotNull(DependencyGraph.FindCycle(template));
    }

    private System.Text.Json.Nodes.JsonNode Pool(string env) =>
        synth[env].Resources("Identity", "AWS::Cognito::UserPool").Single().Resource["Properties"]!;
}
