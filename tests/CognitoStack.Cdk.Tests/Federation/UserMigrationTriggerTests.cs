using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;
using CognitoStack.Contract;

namespace CognitoStack.Cdk.Tests.Federation;

// The test-only environment "migrating" sets migration.oldUserPoolId/oldClientId; every other one has no migration.
[Collection(SynthCollection.Name)]
public sealed class UserMigrationTriggerTests(SynthFixture synth)
{
    private const string Env = "migrating";

    [Fact]
    public void UserMigration_Should_BeWiredIntoThePoolsLambdaConfig()
    {
        Assert.Matches("""^\{"Fn::GetAtt":\["TriggersUserMigration[A-Za-z0-9]+","Arn"\]\}$""",
            SynthesizedEnvironment.Text(Pool(Env)["LambdaConfig"]!["UserMigration"]));
    }

    [Fact]
    public void UserMigrationFunction_Should_NameTheOldPoolItsClientAndRegion()
    {
        var function = Function(Env);

        Assert.Equal("dotnet10", (string?)function["Runtime"]);
        Assert.Equal(5, (int?)function["Timeout"]);
        var variables = function["Environment"]!["Variables"]!;
        Assert.Equal("eu-west-1_OldPool01", (string?)variables[EnvironmentVariables.OldUserPoolId]);
        Assert.Equal("7example23456789old", (string?)variables[EnvironmentVariables.OldClientId]);
        Assert.Equal("eu-west-1", (string?)variables[EnvironmentVariables.OldRegion]);
    }

    [Fact]
    public void UserMigration_Should_ReadTheOldPoolOnly_WithTheTwoCallsItMakes()
    {
        var statement = Assert.Single(
            synth[Env].Resources("Identity", "AWS::IAM::Policy").SelectMany(p => PolicyTests.Statements(p.Resource)),
            s => SynthesizedEnvironment.Text(s["Action"]).Contains("cognito-idp:Admin", StringComparison.Ordinal)
                && !SynthesizedEnvironment.Text(s["Action"]).Contains("AdminAddUserToGroup", StringComparison.Ordinal));

        Assert.Equal("""["cognito-idp:AdminGetUser","cognito-idp:AdminInitiateAuth"]""", SynthesizedEnvironment.Text(statement["Action"]));
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal(
            """{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":cognito-idp:eu-west-1:",{"Ref":"AWS::AccountId"},":userpool/eu-west-1_OldPool01"]]}""",
            SynthesizedEnvironment.Text(statement["Resource"]));
    }

    [Fact]
    public void OldPoolPolicy_Should_BelongToTheMigrationFunctionsRoleOnly()
    {
        var policy = synth[Env].Resources("Identity", "AWS::IAM::Policy")
            .Single(p => p.LogicalId.StartsWith("TriggersOldUserPoolPolicy", StringComparison.Ordinal)).Resource["Properties"]!;

        var role = Assert.Single(policy["Roles"]!.AsArray());
        Assert.Contains("TriggersUserMigration", SynthesizedEnvironment.Text(role), StringComparison.Ordinal);
    }

    [Fact]
    public void Cognito_Should_BeAllowedToInvokeTheMigrationTriggerFromThisPoolOnly()
    {
        var permission = synth[Env].Resources("Identity", "AWS::Lambda::Permission")
            .Select(p => p.Resource["Properties"]!)
            .Single(p => SynthesizedEnvironment.Text(p["FunctionName"]).Contains("TriggersUserMigration", StringComparison.Ordinal));

        Assert.Equal("cognito-idp.amazonaws.com", (string?)permission["Principal"]);
        Assert.Equal("""{"Fn::GetAtt":["UserDirectoryUserPoolD2758A4E","Arn"]}""", SynthesizedEnvironment.Text(permission["SourceArn"]));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("federated")]
    [InlineData("passwordless")]
    public void OtherEnvironments_Should_HaveNoMigrationTrigger(string env)
    {
        Assert.Null(Pool(env)["LambdaConfig"]!["UserMigration"]);
        Assert.DoesNotContain(synth[env].Resources("Identity", "AWS::Lambda::Function"),
            f => (string?)f.Resource["Properties"]!["Handler"] == LambdaHandlers.UserMigration);
    }

    private JsonNode Function(string env) =>
        synth[env].Resources("Identity", "AWS::Lambda::Function")
            .Select(f => f.Resource["Properties"]!)
            .Single(f => (string?)f["Handler"] == LambdaHandlers.UserMigration);

    private JsonNode Pool(string env) =>
        synth[env].Resources("Identity", "AWS::Cognito::UserPool").Single().Resource["Properties"]!;
}
