using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;
using CognitoStack.Cdk.Tests.Monitoring;

namespace CognitoStack.Cdk.Tests.Identity;

/// <summary>Custom attributes, the clients' attribute lists and the triggers of section 2, on the synthesized templates.</summary>
[Collection(SynthCollection.Name)]
public sealed class UserAttributeTests(SynthFixture synth)
{
    public static TheoryData<string> Environments => [.. Repository.AllEnvironmentNames];

    [Fact]
    public void Complete_Should_DeclareEveryCustomAttributeWithItsTypeMutabilityAndLimits()
    {
        var schema = Pool("complete")["Schema"]!.AsArray().Where(a => a!["AttributeDataType"] is not null).ToDictionary(a => (string)a!["Name"]!);

        Assert.Equal(["tenant", "groups", "plan", "seats", "beta", "joinedOn"], schema.Keys);
        Assert.Equal("""{"AttributeDataType":"String","Mutable":false,"Name":"tenant","StringAttributeConstraints":{"MaxLength":"64","MinLength":"1"}}""", SynthesizedEnvironment.Text(schema["tenant"]));
        Assert.Equal("""{"AttributeDataType":"Number","Mutable":true,"Name":"seats","NumberAttributeConstraints":{"MaxValue":"10000","MinValue":"1"}}""", SynthesizedEnvironment.Text(schema["seats"]));
        Assert.Equal("DateTime", (string?)schema["joinedOn"]!["AttributeDataType"]);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void NoClientAUserHolds_Should_WriteATrustedAttributeOrAVerifiedFlag(string env)
    {
        var trusted = synth[env].Settings.UserPool.CustomAttributes.Where(a => a.Trusted).Select(a => a.AttributeName).ToList();
        var clients = synth[env].Resources("Identity", "AWS::Cognito::UserPoolClient").Select(c => c.Resource["Properties"]!).ToList();

        Assert.All(clients, client =>
        {
            var writable = Strings(client["WriteAttributes"]);
            Assert.DoesNotContain(writable, a => trusted.Contains(a) || a.EndsWith("_verified", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Prod_Should_GiveEveryUserClientTheLeastPrivilegeDefaults()
    {
        foreach (var id in new[] { "AppClientsWebClient", "AppClientsConfidentialClient" })
        {
            var client = Client("prod", id);

            Assert.Equal(["email", "email_verified", "locale", "name"], Strings(client["ReadAttributes"]));
            Assert.Equal(["email", "locale", "name"], Strings(client["WriteAttributes"]));
        }
    }

    [Fact]
    public void Complete_Should_GiveEachClientItsOwnLists()
    {
        Assert.Equal(["custom:beta", "custom:groups", "custom:plan", "custom:tenant", "email", "email_verified", "locale", "name"], Strings(Client("complete", "AppClientsWebClient")["ReadAttributes"]));
        Assert.Equal(["custom:beta", "custom:plan", "email", "locale", "name"], Strings(Client("complete", "AppClientsWebClient")["WriteAttributes"]));
        Assert.Contains("custom:seats", Strings(Client("complete", "AppClientsConfidentialClient")["ReadAttributes"]));
    }

    [Fact]
    public void SmokeTestClient_Should_ReadTheAddressAndWriteNothing()
    {
        var client = Client("dev", "AppClientsSmokeTestClient");

        Assert.Equal(["email", "email_verified"], Strings(client["ReadAttributes"]));
        Assert.Empty(Strings(client["WriteAttributes"]));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Backend_Should_ReturnWhatTheUserClientsMayRead(string env)
    {
        var clients = new[] { "AppClientsWebClient", "AppClientsConfidentialClient" }.SelectMany(id => Strings(Client(env, id)["ReadAttributes"]));
        var backend = synth[env].Resources("Api", "AWS::Lambda::Function").Single(f => (string?)f.Resource["Properties"]!["Handler"] == CognitoStack.Contract.LambdaHandlers.Backend);

        Assert.Equal(string.Join(",", clients.Distinct().Order(StringComparer.Ordinal)), (string?)backend.Resource["Properties"]!["Environment"]!["Variables"]!["READABLE_ATTRIBUTES"]);
    }

    [Fact]
    public void Complete_Should_WireTheThreeTriggersToThePool()
    {
        var config = Pool("complete")["LambdaConfig"]!;

        Assert.Matches("TriggersPreSignUpFunction", SynthesizedEnvironment.Text(config["PreSignUp"]));
        Assert.Matches("TriggersCustomMessageFunction", SynthesizedEnvironment.Text(config["CustomMessage"]));
        Assert.Matches("TriggersInboundFederationFunction", SynthesizedEnvironment.Text(config["InboundFederation"]!["LambdaArn"]));
        Assert.Equal("V1_0", (string?)config["InboundFederation"]!["LambdaVersion"]);
    }

    [Fact]
    public void Prod_Should_HaveNoneOfTheOptionalTriggers()
    {
        var config = Pool("prod")["LambdaConfig"]!.AsObject();

        Assert.Equal(["PostConfirmation", "PreTokenGenerationConfig"], config.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Complete_Should_LetOnlyThisPoolInvokeEachTrigger()
    {
        var permissions = synth["complete"].Resources("Identity", "AWS::Lambda::Permission").Select(p => p.Resource["Properties"]!).ToList();

        Assert.Equal(5, permissions.Count);
        Assert.All(permissions, p =>
        {
            Assert.Equal("cognito-idp.amazonaws.com", (string?)p["Principal"]);
            Assert.Equal("""{"Fn::GetAtt":["UserDirectoryUserPoolD2758A4E","Arn"]}""", SynthesizedEnvironment.Text(p["SourceArn"]));
        });
    }

    [Theory]
    [InlineData("PreSignUp", "ALLOWED_EMAIL_DOMAINS", "example.com,corp.example.com")]
    [InlineData("CustomMessage", "MESSAGE_LOCALES", "en,de")]
    public void Complete_Should_PassEachTriggerItsSettings(string trigger, string variable, string value) =>
        Assert.Equal(value, (string?)Function("complete", trigger)["Environment"]!["Variables"]![variable]);

    [Fact]
    public void InboundFederation_Should_KeepEachMappedProvidersEmailAndName()
    {
        var mappings = JsonNode.Parse((string)Function("complete", "InboundFederation")["Environment"]!["Variables"]!["CLAIM_MAPPINGS"]!)!.AsArray();

        string[] expected = ["CorpOidc custom:groups", "CorpOidc email", "CorpOidc name", "CorpSaml custom:groups", "CorpSaml email", "CorpSaml name"];
        Assert.Equal(expected, mappings.Select(m => $"{m!["provider"]} {m["attribute"]}").Order(StringComparer.Ordinal));
        Assert.Contains(mappings, m => (string?)m!["claim"] == "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress");
    }

    [Fact]
    public void PreSignUpErrorsAlarm_Should_NotCountItsDeliberateRefusals()
    {
        var alarm = Alarms.Named(synth["complete"], "presignup-errors");
        var filters = synth["complete"].Resources("Monitoring", "AWS::Logs::MetricFilter").Select(f => (string?)f.Resource["Properties"]!["FilterPattern"]).ToList();

        Assert.Equal("errors - FILL(expected, 0)", Alarms.Expression(alarm));
        Assert.Contains("{ $.outcome = \"rejected\" }", filters);
        Assert.Equal(6, filters.Count);
    }

    private JsonNode Pool(string env) => synth[env].Resources("Identity", "AWS::Cognito::UserPool").Single().Resource["Properties"]!;

    private JsonNode Client(string env, string idPrefix) =>
        synth[env].Resources("Identity", "AWS::Cognito::UserPoolClient").Single(c => c.LogicalId.StartsWith(idPrefix, StringComparison.Ordinal)).Resource["Properties"]!;

    private JsonNode Function(string env, string trigger) =>
        synth[env].Resources("Identity", "AWS::Lambda::Function").Single(f => f.LogicalId.StartsWith($"Triggers{trigger}Function", StringComparison.Ordinal)).Resource["Properties"]!;

    private static List<string> Strings(JsonNode? node) => node?.AsArray().Select(n => (string)n!).ToList() ?? [];
}
