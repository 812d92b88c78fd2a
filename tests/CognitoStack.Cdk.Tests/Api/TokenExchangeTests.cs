using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Api;

/// <summary>
/// Token exchange (issue 28.3) in the templates: the agent client ("federated" with a Cognito authorizer, "replicated"
/// with a JWT authorizer, "complete" with the Verified Permissions authorizer), and what each authorizer decides for a derived token — an access token of the user bound to
/// the resource server (<c>aud</c>), narrowed to <c>myapp-api/read</c>, naming the agent in <c>act</c>
/// (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-token-exchange.html). The default
/// environments have no agent client.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class TokenExchangeTests(SynthFixture synth)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Theory]
    [InlineData("complete")]
    [InlineData("federated")]
    [InlineData("replicated")]
    public void AgentClient_Should_BeConfidentialWithDelegationOnly_And_ClientCredentialsForItsScopes(string env)
    {
        var client = AgentClient(env);

        Assert.True((bool)client["GenerateSecret"]!);
        Assert.Equal("""["ALLOW_TOKEN_EXCHANGE_DELEGATION"]""", client["ExplicitAuthFlows"]!.ToJsonString());
        Assert.Equal("""["client_credentials"]""", client["AllowedOAuthFlows"]!.ToJsonString());
        Assert.Equal("/read", PlainJson.String(Assert.Single(client["AllowedOAuthScopes"]!.AsArray()))[^5..]);
        Assert.Equal("""["COGNITO"]""", client["SupportedIdentityProviders"]!.ToJsonString());
    }

    [Fact]
    public void AgentClient_Should_AllowImpersonation_OnlyWhenWrittenOut()
    {
        var settings = synth["complete"].Settings;
        var impersonating = settings with { Clients = settings.Clients with { Agent = settings.Clients.Agent! with { Impersonation = true } } };

        var client = Assert.Single(synth.Synthesize(impersonating, "complete-impersonation").Resources("Identity", "AWS::Cognito::UserPoolClient"),
            c => c.LogicalId.Contains("AgentClient", StringComparison.Ordinal)).Resource["Properties"]!;

        Assert.Equal("""["ALLOW_TOKEN_EXCHANGE_DELEGATION","ALLOW_TOKEN_EXCHANGE_IMPERSONATION"]""", client["ExplicitAuthFlows"]!.ToJsonString());
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void DefaultEnvironments_Should_HaveNoClientThatExchangesTokens(string env) =>
        Assert.All(synth[env].Resources("Identity", "AWS::Cognito::UserPoolClient"), c =>
            Assert.DoesNotContain("TOKEN_EXCHANGE", SynthesizedEnvironment.Text(c.Resource["Properties"]!["ExplicitAuthFlows"]), StringComparison.Ordinal));

    [Fact]
    public void JwtAuthorizer_Should_AcceptTheResourceServerAsAudience_When_AnAgentClientExists() =>
        Assert.All(JwtConfiguration()["Issuers"]!.AsArray(), issuer =>
            Assert.Contains("myapp-api", issuer!["Audiences"]!.AsArray().Select(PlainJson.String)));

    [Fact]
    public void JwtAuthorizer_Should_AdmitADerivedToken_OnlyWhereItsScopeIsRequired_OrNoScopeIs()
    {
        var token = DerivedToken(Issuer());

        // Methods without scopes (/me, /admin/*) pass the gateway; the backend refuses derived tokens there (backend tests).
        Assert.All(Methods("replicated"), m => Assert.Equal(
            m.Scopes.Count == 0 || m.Scopes.Any(s => s.EndsWith("/read", StringComparison.Ordinal)) ? 200 : 403,
            JwtAuthorizerEvaluator.Decide(JwtConfiguration(), m.Scopes, "RS256", token, Now)));
        Assert.Contains(Methods("replicated"), m => m.HttpMethod == "POST" && JwtAuthorizerEvaluator.Decide(JwtConfiguration(), m.Scopes, "RS256", token, Now) == 403);
    }

    [Fact]
    public void JwtAuthorizer_Should_RefuseADerivedToken_When_BoundToAnotherAudience()
    {
        var token = DerivedToken(Issuer());
        token["aud"] = "other-api";

        Assert.All(Methods("replicated"), m => Assert.Equal(401, JwtAuthorizerEvaluator.Decide(JwtConfiguration(), m.Scopes, "RS256", token, Now)));
    }

    /// <summary>
    /// A Cognito user pools authorizer admits an access token only on a method whose scopes it carries; a method without
    /// scopes takes ID tokens only (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html,
    /// https://repost.aws/questions/QUrEQW0PtJTZm34jx0UrnLlw): the derived token passes GET /items alone.
    /// </summary>
    [Fact]
    public void CognitoAuthorizer_Should_AdmitADerivedToken_OnlyOnGetItems()
    {
        var admitted = Methods("federated")
            .Where(m => m.Scopes.Any(s => s.EndsWith("/read", StringComparison.Ordinal)))
            .Select(m => $"{m.HttpMethod} {m.Path}");

        Assert.All(Methods("federated"), m => Assert.Equal("COGNITO_USER_POOLS", (string?)m.Properties["AuthorizationType"]));
        Assert.Equal(["GET /items"], admitted);
    }

    [Fact]
    public void OidcProvider_Should_MapItsAcrValuesToCognitoLevels_When_Configured()
    {
        var provider = Assert.Single(synth["complete"].Resources("Identity", "AWS::Cognito::UserPoolIdentityProvider"),
            p => (string?)p.Resource["Properties"]!["ProviderType"] == "OIDC").Resource["Properties"]!;

        Assert.Equal("""{"Level1":"http://idp.example.com/pwd","Level2":"http://idp.example.com/mfa"}""", provider["AcrMapping"]!.ToJsonString());
    }

    [Fact]
    public void OidcProvider_Should_HaveNoAcrMapping_When_NotConfigured() =>
        Assert.All(synth["federated"].Resources("Identity", "AWS::Cognito::UserPoolIdentityProvider"), p =>
            Assert.Null(p.Resource["Properties"]!["AcrMapping"]));

    private JsonNode AgentClient(string env) =>
        Assert.Single(synth[env].Resources("Identity", "AWS::Cognito::UserPoolClient"), c => c.LogicalId.Contains("AgentClient", StringComparison.Ordinal))
            .Resource["Properties"]!;

    private JsonNode JwtConfiguration() =>
        Assert.Single(synth["replicated"].Resources("Api", "AWS::ApiGateway::Authorizer")).Resource["Properties"]!["JwtConfiguration"]!;

    private string Issuer() => PlainJson.String(JwtConfiguration()["Issuers"]![0]!["Issuer"]);

    /// <summary>The claims of a derived access token as the developer guide describes it; the agent is named in <c>act</c>.</summary>
    private static JsonObject DerivedToken(string issuer) => new()
    {
        ["sub"] = "aaaaaaaa-bbbb-cccc-dddd-example",
        ["cognito:groups"] = new JsonArray("users"),
        ["iss"] = issuer,
        ["version"] = 2,
        ["aud"] = "myapp-api",
        ["client_id"] = "7ag3ntcl13nt1d0abcdefghijk",
        ["token_use"] = "access",
        ["scope"] = "myapp-api/read",
        ["act"] = new JsonObject { ["sub"] = "7ag3ntcl13nt1d0abcdefghijk" },
        ["auth_time"] = Now.ToUnixTimeSeconds() - 60,
        ["exp"] = Now.ToUnixTimeSeconds() + 840,
        ["iat"] = Now.ToUnixTimeSeconds() - 60,
        ["jti"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        ["username"] = "aaaaaaaa-bbbb-cccc-dddd-example",
    };

    private List<ApiMethod> Methods(string env) => synth[env].Methods();
}
