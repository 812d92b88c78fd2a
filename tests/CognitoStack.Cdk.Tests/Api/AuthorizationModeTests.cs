using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Tests.Infrastructure;
using CognitoStack.Contract;
using static CognitoStack.Cdk.Tests.Configuration.Settings;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Api;

// authorization.mode verifiedPermissions (the test-only environment "complete") against scopes (dev, prod).
[Collection(SynthCollection.Name)]
public sealed class AuthorizationModeTests(SynthFixture synth)
{
    private const string Env = "complete";

    [Fact]
    public void PolicyStore_Should_ValidateStrict_WithTheSchemaFileAndDeletionProtection()
    {
        var schema = File.ReadAllText(Path.Combine(Repository.Root, "config", "authorization", "schema.cedarschema.json"));

        synth[Env].Identity.HasProperties("AWS::VerifiedPermissions::PolicyStore", Obj(
            ("ValidationSettings", Obj(("Mode", "STRICT"))),
            ("Schema", Obj(("CedarJson", schema))),
            ("DeletionProtection", Obj(("Mode", "ENABLED"))),
            ("EncryptionSettings", Match.Absent())));
    }

    [Fact]
    public void IdentitySource_Should_TrustThePoolsUserClients_WithGroupsAsEntities()
    {
        var source = synth[Env].Resources("Identity", "AWS::VerifiedPermissions::IdentitySource").Single().Resource["Properties"]!;
        var cognito = source["Configuration"]!["CognitoUserPoolConfiguration"]!;

        Assert.Equal(ApiRoutes.UserEntityType, (string?)source["PrincipalEntityType"]);
        Assert.Equal(ApiRoutes.GroupEntityType, (string?)cognito["GroupConfiguration"]!["GroupEntityType"]);
        Assert.Contains("UserPool", SynthesizedEnvironment.Text(cognito["UserPoolArn"]), StringComparison.Ordinal);
        Assert.NotEmpty(cognito["ClientIds"]!.AsArray());
    }

    [Fact]
    public void Policies_Should_BeOnePerFile_WithThePlaceholdersFilled()
    {
        var files = Directory.GetFiles(Path.Combine(Repository.Root, "config", "authorization"), "*.cedar");
        var policies = synth[Env].Resources("Identity", "AWS::VerifiedPermissions::Policy").Select(p => p.Resource["Properties"]!).ToList();

        Assert.Equal(files.Length, policies.Count);
        var statements = policies.Select(p => SynthesizedEnvironment.Text(p["Definition"]!["Static"]!["Statement"])).ToList();
        Assert.All(statements, s => Assert.DoesNotContain("{{", s, StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("myapp-api/read", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("{\"Ref\":\"UserDirectoryUserPool", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryMethodButPreflight_Should_UseTheLambdaAuthorizer_WithoutScopes()
    {
        var authorizer = synth[Env].Resources("Api", "AWS::ApiGateway::Authorizer").Single();
        var methods = synth[Env].Resources("Api", "AWS::ApiGateway::Method").Select(m => m.Resource["Properties"]!)
            .Where(m => (string?)m["HttpMethod"] != "OPTIONS").ToList();

        Assert.Equal("REQUEST", (string?)authorizer.Resource["Properties"]!["Type"]);
        Assert.Equal("method.request.header.Authorization,context.httpMethod,context.path", (string?)authorizer.Resource["Properties"]!["IdentitySource"]);
        Assert.Equal(300, (int?)authorizer.Resource["Properties"]!["AuthorizerResultTtlInSeconds"]);
        Assert.Equal(ApiRoutes.All.Count, methods.Count);
        Assert.All(methods, m =>
        {
            Assert.Equal("CUSTOM", (string?)m["AuthorizationType"]);
            Assert.Null(m["AuthorizationScopes"]);
        });
    }

    [Fact]
    public void Authorizer_Should_AskOnlyThisPolicyStore()
    {
        var statements = synth[Env].Resources("Api", "AWS::IAM::Policy")
            .SelectMany(p => p.Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Where(s => SynthesizedEnvironment.Text(s!["Action"]).Contains("verifiedpermissions", StringComparison.Ordinal)).ToList();

        var statement = Assert.Single(statements)!;
        Assert.Equal("verifiedpermissions:IsAuthorizedWithToken", (string?)statement["Action"]);
        Assert.Contains("AuthorizationPolicyStore", SynthesizedEnvironment.Text(statement["Resource"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void DefaultEnvironments_Should_StayOnScopes(string env)
    {
        synth[env].Identity.ResourceCountIs("AWS::VerifiedPermissions::PolicyStore", 0);
        Assert.DoesNotContain(synth[env].Resources("Api", "AWS::Lambda::Function"), f => (string?)f.Resource["Properties"]!["Handler"] == LambdaHandlers.Authorizer);
    }

    [Fact]
    public void TheApiMethods_Should_BeExactlyTheContractsRoutes()
    {
        var resources = synth[Env].Resources("Api", "AWS::ApiGateway::Resource").ToDictionary(r => r.LogicalId, r => r.Resource["Properties"]!);
        string PathOf(JsonNode? id) => id is JsonObject o && o["Ref"] is { } r && resources.TryGetValue((string)r!, out var p)
            ? PathOf(p["ParentId"]) + "/" + (string?)p["PathPart"] : "";
        var methods = synth[Env].Resources("Api", "AWS::ApiGateway::Method").Select(m => m.Resource["Properties"]!)
            .Where(m => (string?)m["HttpMethod"] != "OPTIONS").Select(m => $"{(string?)m["HttpMethod"]} {PathOf(m["ResourceId"])}").Order(StringComparer.Ordinal);

        Assert.Equal(ApiRoutes.All.Select(r => r.Action).Order(StringComparer.Ordinal), methods);
    }

    [Fact]
    public void Mode_Should_BeRefusedWithReplication_NamingBothKeys() =>
        Assert.StartsWith($"{Key("authorization.mode")} \"verifiedPermissions\" is invalid with replication.enabled true: Verified Permissions policy stores are regional and do not replicate",
            Error(All(Set("region", "eu-west-1"), Set("removalPolicy", "RETAIN"),
                SetJson("replication", """{"enabled": true, "region": "eu-central-1", "allowTotpLockout": true}"""),
                SetJson("authorization", """{"mode": "verifiedPermissions"}"""))));

    [Fact]
    public void Mode_Should_BeRefusedWithTheJwtAuthorizer_NamingBothKeys() =>
        Assert.Equal($"{Key("authorization.mode")} \"verifiedPermissions\" is invalid with api.authorizer \"JWT\": in that mode a Lambda authorizer is on every method and Verified Permissions verifies the token against the user pool itself, so there is no method for a JWT authorizer; leave api.authorizer out or set it to \"COGNITO\" (the user pool's tokens, verified by Verified Permissions), or use mode \"scopes\" (docs/authorization.md, Which authorizer)",
            Error(All(Set("api.authorizer", "JWT"), SetJson("authorization", """{"mode": "verifiedPermissions"}"""))));

    [Theory]
    [InlineData("COGNITO", "verifiedPermissions")]
    [InlineData("JWT", "scopes")]
    public void Authorizer_Should_Load_When_CognitoWithPolicies_OrJwtWithScopes(string authorizer, string mode)
    {
        var settings = Load(All(Set("api.authorizer", authorizer), SetJson("authorization", $$"""{"mode": "{{mode}}"}""")));

        Assert.Equal(authorizer == "JWT" ? ApiAuthorizer.Jwt : ApiAuthorizer.Cognito, settings.Api.Authorizer);
    }

    [Fact]
    public void Mode_Should_Load_WithReplicationOff_ReadingEveryPolicyFile()
    {
        var settings = Load(SetJson("authorization", """{"mode": "verifiedPermissions"}"""));

        Assert.Equal(AuthorizationMode.VerifiedPermissions, settings.Authorization.Mode);
        Assert.Equal(Directory.GetFiles(Path.Combine(Repository.Root, "config", "authorization"), "*.cedar").Length, settings.Authorization.Policies.Count);
    }

    [Theory]
    [InlineData("SCOPES")]
    [InlineData("verifiedpermissions")]
    [InlineData("avp")]
    public void Mode_Should_Fail_When_NotOneOfTheSpellings(string mode) =>
        Assert.StartsWith($"{Key("authorization.mode")} \"{mode}\" is invalid", Error(SetJson("authorization", $$"""{"mode": "{{mode}}"}""")));

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(3_600, true)]
    [InlineData(3_601, false)]
    public void CacheTtlSeconds_Should_BeWithin0To3600(int ttl, bool valid)
    {
        void Mutate(JsonObject env) => SetJson("authorization", $$"""{"cacheTtlSeconds": {{ttl}}}""")(env);

        if (valid)
        {
            Assert.Equal(ttl, Load(Mutate).Authorization.CacheTtlSeconds);
        }
        else
        {
            Assert.StartsWith($"{Key("authorization.cacheTtlSeconds")} {ttl} is invalid", Error(Mutate));
        }
    }
}
