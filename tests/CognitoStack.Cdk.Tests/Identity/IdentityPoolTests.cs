using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Identity;

[Collection(SynthCollection.Name)]
public sealed class IdentityPoolTests(SynthFixture synth)
{
    private const string Role = "AWS::IAM::Role";
    private const string OwnPrefix = "/private/${cognito-identity.amazonaws.com:sub}/*";

    [Theory]
    [InlineData("dev", true, 3)]
    [InlineData("prod", false, 2)]
    public void IdentityPool_Should_FederateUserClientsWithServerSideTokenCheck(string env, bool guests, int clients)
    {
        var pool = synth[env].Resources("Identity", "AWS::Cognito::IdentityPool").Single().Resource["Properties"]!;

        Assert.Equal(guests, (bool?)pool["AllowUnauthenticatedIdentities"]);
        Assert.Equal(false, (bool?)pool["AllowClassicFlow"]);
        var providers = pool["CognitoIdentityProviders"]!.AsArray();
        // The smoke test's client (dev) federates too: its identity-pool steps sign in through it.
        Assert.Equal(clients, providers.Count);
        Assert.All(providers, p => Assert.True((bool?)p!["ServerSideTokenCheck"]));
        Assert.Contains(providers, p => SynthesizedEnvironment.Text(p).Contains("AppClientsWebClient", StringComparison.Ordinal));
        Assert.Contains(providers, p => SynthesizedEnvironment.Text(p).Contains("AppClientsConfidentialClient", StringComparison.Ordinal));
        Assert.DoesNotContain(providers, p => SynthesizedEnvironment.Text(p).Contains("MachineClient", StringComparison.Ordinal));
        Assert.Equal(clients == 3, providers.Any(p => SynthesizedEnvironment.Text(p).Contains("AppClientsSmokeTestClient", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("dev", 3)]
    [InlineData("prod", 2)]
    public void EveryIdentityRole_Should_TrustOnlyThisPoolWithAudAndAmr(string env, int expectedRoles)
    {
        var roles = IdentityRoles(env).ToList();

        Assert.Equal(expectedRoles, roles.Count);
        Assert.All(roles, role =>
        {
            var statement = Assert.Single(role["AssumeRolePolicyDocument"]!["Statement"]!.AsArray())!;
            Assert.Equal("sts:AssumeRoleWithWebIdentity", (string?)statement["Action"]);
            Assert.Equal("""{"Federated":"cognito-identity.amazonaws.com"}""", SynthesizedEnvironment.Text(statement["Principal"]));
            Assert.Equal("""{"Ref":"IdentityFederationIdentityPoolFF77C2C6"}""",
                SynthesizedEnvironment.Text(statement["Condition"]!["StringEquals"]!["cognito-identity.amazonaws.com:aud"]));
            Assert.Contains((string?)statement["Condition"]!["ForAnyValue:StringLike"]!["cognito-identity.amazonaws.com:amr"],
                new[] { "authenticated", "unauthenticated" });
        });
    }

    [Fact]
    public void UnauthenticatedRole_Should_OnlyReadPublicFiles()
    {
        var role = synth["dev"].Resources("Identity", Role).Single(r => r.LogicalId.StartsWith("IdentityFederationUnauthenticatedRole", StringComparison.Ordinal)).Resource;
        var statements = role["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray();

        Assert.Equal("unauthenticated", (string?)role["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Condition"]!["ForAnyValue:StringLike"]!["cognito-identity.amazonaws.com:amr"]);
        Assert.Equal(2, statements.Count);
        var statement = statements[0]!;
        Assert.Equal("\"s3:GetObject\"", SynthesizedEnvironment.Text(statement["Action"]));
        Assert.EndsWith("/public/*\"]]}", SynthesizedEnvironment.Text(statement["Resource"]), StringComparison.Ordinal);
        var key = statements[1]!;
        Assert.Equal("\"kms:Decrypt\"", SynthesizedEnvironment.Text(key["Action"]));
        Assert.Contains("kms:ViaService", SynthesizedEnvironment.Text(key["Condition"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void AuthenticatedRole_Should_WriteOnlyUnderItsOwnIdentityPrefix(string env)
    {
        var role = synth[env].Resources("Identity", Role).Single(r => r.LogicalId.StartsWith("IdentityFederationAuthenticatedRole", StringComparison.Ordinal)).Resource;
        var statements = role["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray();

        var writes = statements.Where(s => SynthesizedEnvironment.Text(s!["Action"]).Contains("s3:PutObject", StringComparison.Ordinal)).ToList();
        var write = Assert.Single(writes)!;
        Assert.Contains(OwnPrefix, SynthesizedEnvironment.Text(write["Resource"]), StringComparison.Ordinal);
        var list = statements.Single(s => SynthesizedEnvironment.Text(s!["Action"]) == "\"s3:ListBucket\"")!;
        Assert.Contains("private/${cognito-identity.amazonaws.com:sub}/", SynthesizedEnvironment.Text(list["Condition"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev", true)]
    [InlineData("prod", false)]
    public void RoleAttachment_Should_MapAdminsByTokenAndFallBackToAuthenticatedRole(string env, bool guests)
    {
        var userClients = env == "dev" ? 3 : 2;
        var attachment = synth[env].Resources("Identity", "AWS::Cognito::IdentityPoolRoleAttachment").Single().Resource["Properties"]!;

        Assert.Equal(guests, attachment["Roles"]!["unauthenticated"] is not null);
        Assert.NotNull(attachment["Roles"]!["authenticated"]);
        var mappings = attachment["RoleMappings"]!.AsObject().Select(m => m.Value!).ToList();
        Assert.Equal(userClients, mappings.Count);
        Assert.All(mappings, m =>
        {
            Assert.Equal("Token", (string?)m["Type"]);
            Assert.Equal("AuthenticatedRole", (string?)m["AmbiguousRoleResolution"]);
            Assert.Matches("""^\{"Fn::Join":\["",\[\{"Fn::GetAtt":\["UserDirectoryUserPoolD2758A4E","ProviderName"\]\},":",\{"Ref":"AppClients(Web|Confidential|SmokeTest)Client[0-9A-F]+"\}\]\]\}$""",
                SynthesizedEnvironment.Text(m["IdentityProvider"]));
        });
    }

    [Fact]
    public void Prod_Should_RetainTheIdentityPool() =>
        synth["prod"].Identity.HasPolicies("AWS::Cognito::IdentityPool", "Retain");

    [Fact]
    public void Dev_Should_SayWhyGuestsAreAllowed() =>
        synth["dev"].Identity.HasResource("AWS::Cognito::IdentityPool", Obj(("Metadata", Obj(("cdk_nag", Obj(("rules_to_suppress",
            Match.ArrayWith([Match.ObjectLike(Obj(("id", "AwsSolutions-COG7")))]))))))));

    private IEnumerable<JsonNode> IdentityRoles(string env) =>
        synth[env].Resources("Identity", Role)
            .Select(r => r.Resource["Properties"]!)
            .Where(p => SynthesizedEnvironment.Text(p["AssumeRolePolicyDocument"]).Contains("cognito-identity.amazonaws.com", StringComparison.Ordinal));
}
