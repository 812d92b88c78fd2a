using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Api;

/// <summary>
/// <c>api.authorizer: JWT</c> ("replicated", which also uses the updated issuer): the template's JWT authorizer,
/// and what it decides for real-shaped Cognito ID and access tokens of both issuers on every method
/// (claims as Cognito documents them:
/// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html,
/// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html).
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class JwtAuthorizerTests(SynthFixture synth)
{
    private const string Env = "replicated";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    public static TheoryData<int> IssuerIndexes => new() { 0, 1 };

    [Fact]
    public void Authorizer_Should_TrustTheOriginalAndTheUpdatedIssuerOfThePool()
    {
        var issuers = Configuration()["Issuers"]!.AsArray().Select(i => PlainJson.String(i!["Issuer"])).ToList();

        Assert.Equal(2, issuers.Count);
        Assert.Matches(@"^https://cognito-idp\.eu-west-1\.amazonaws\.com/\$\{import:[^}]*UserPool[^}]*\}$", issuers[0]);
        Assert.Equal(issuers[0].Replace("https://cognito-idp.", "https://issuer-cognito-idp.", StringComparison.Ordinal), issuers[1]);
    }

    [Fact]
    public void Authorizer_Should_AcceptEveryAppClientOfThePoolRs256AndOnlyCognitoTokenUses()
    {
        var authorizer = Assert.Single(synth[Env].Resources("Api", "AWS::ApiGateway::Authorizer")).Resource["Properties"]!;
        var clients = synth[Env].Resources("Identity", "AWS::Cognito::UserPoolClient").Count();

        Assert.Equal(("JWT", "method.request.header.Authorization"), ((string?)authorizer["Type"], (string?)authorizer["IdentitySource"]));
        Assert.Equal("""["RS256"]""", PlainJson.Text(Configuration()["DefaultAlgorithms"]));
        Assert.All(Configuration()["Issuers"]!.AsArray(), issuer =>
        {
            Assert.Equal(clients, issuer!["Audiences"]!.AsArray().Count);
            Assert.Equal("""[{"ClaimName":"token_use","Format":"SINGLE_STRING","Required":true,"ExpectedValues":["id","access"]}]""",
                PlainJson.Text(issuer["AdditionalClaims"]));
        });
    }

    [Fact]
    public void EveryMethodButPreflight_Should_UseTheJwtAuthorizer()
    {
        var authorizerId = Assert.Single(synth[Env].Resources("Api", "AWS::ApiGateway::Authorizer")).LogicalId;
        var methods = Methods();

        Assert.Equal(5, methods.Count);
        Assert.All(methods, m =>
        {
            Assert.Equal("JWT", (string?)m.Properties["AuthorizationType"]);
            Assert.Equal($"${{{authorizerId}}}", PlainJson.String(m.Properties["AuthorizerId"]));
        });
    }

    [Theory]
    [MemberData(nameof(IssuerIndexes))]
    public void IdToken_Should_PassEveryMethodWithoutScopes_And_BeForbiddenWhereAScopeIsRequired(int issuer)
    {
        var token = IdToken(Issuer(issuer), Audience("WebClient"));

        Assert.All(Methods(), m => Assert.Equal(m.Scopes.Count == 0 ? 200 : 403, Decide(m, token)));
    }

    [Theory]
    [MemberData(nameof(IssuerIndexes))]
    public void UserAccessToken_Should_PassEveryMethodWhoseScopeItCarries(int issuer)
    {
        var token = AccessToken(Issuer(issuer), Audience("WebClient"), "openid email myapp-api/read");

        Assert.All(Methods(), m => Assert.Equal(m.Scopes.Count == 0 || m.Scopes.Contains("myapp-api/read") ? 200 : 403, Decide(m, token)));
    }

    [Theory]
    [MemberData(nameof(IssuerIndexes))]
    public void MachineAccessToken_Should_PassEveryMethod_When_ItCarriesBothScopes(int issuer)
    {
        var token = AccessToken(Issuer(issuer), Audience("MachineClient"), "myapp-api/read myapp-api/write");

        Assert.All(Methods(), m => Assert.Equal(200, Decide(m, token)));
    }

    [Fact]
    public void Tokens_Should_BeRefused_When_OfAnotherPoolClientAlgorithmOrTokenUse()
    {
        var me = Assert.Single(Methods(), m => m.Path == "/me");
        var issuer = Issuer(0);
        var web = Audience("WebClient");
        var otherPool = IdToken(issuer[..^5] + "OTHER", web);
        var otherClient = IdToken(issuer, "1example23456789");
        var noTokenUse = IdToken(issuer, web);
        noTokenUse.Remove("token_use");
        var expired = AccessToken(issuer, web, "openid");
        expired["exp"] = Now.ToUnixTimeSeconds() - 1;

        Assert.Equal(200, Decide(me, IdToken(issuer, web)));
        Assert.Equal([401, 401, 401, 401, 401],
            new[] { Decide(me, otherPool), Decide(me, otherClient), Decide(me, noTokenUse), Decide(me, expired), Decide(me, IdToken(issuer, web), "HS256") });
    }

    private JsonNode Configuration() =>
        Assert.Single(synth[Env].Resources("Api", "AWS::ApiGateway::Authorizer")).Resource["Properties"]!["JwtConfiguration"]!;

    private string Issuer(int index) => PlainJson.String(Configuration()["Issuers"]![index]!["Issuer"]);

    private string Audience(string client) =>
        Assert.Single(Configuration()["Issuers"]![0]!["Audiences"]!.AsArray().Select(PlainJson.String), a => a.Contains(client, StringComparison.Ordinal));

    private int Decide(ApiMethod method, JsonObject claims, string algorithm = "RS256") =>
        JwtAuthorizerEvaluator.Decide(Configuration(), method.Scopes, algorithm, claims, Now);

    /// <summary>Every method but the CORS preflight, with its path and required scopes.</summary>
    private List<ApiMethod> Methods()
    {
        var resources = synth[Env].Json["Api"]["Resources"]!.AsObject();
        string PathOf(JsonNode resourceId) => PlainJson.Flatten(resourceId) is JsonValue v && ((string)v!).StartsWith("${", StringComparison.Ordinal)
            && resources[((string)v!)[2..^1]] is { } resource
                ? PathOf(resource["Properties"]!["ParentId"]!) + "/" + (string)resource["Properties"]!["PathPart"]!
                : "";
        return [.. synth[Env].Resources("Api", "AWS::ApiGateway::Method")
            .Select(m => m.Resource["Properties"]!)
            .Where(p => (string?)p["HttpMethod"] != "OPTIONS")
            .Select(p => new ApiMethod($"{PathOf(p["ResourceId"]!)}", (string)p["HttpMethod"]!,
                p["AuthorizationScopes"] is JsonArray scopes ? [.. scopes.Select(PlainJson.String)] : [], p))];
    }

    private static JsonObject IdToken(string issuer, string clientId) => new()
    {
        ["sub"] = "aaaaaaaa-bbbb-cccc-dddd-example",
        ["cognito:groups"] = new JsonArray("users"),
        ["email_verified"] = true,
        ["iss"] = issuer,
        ["cognito:username"] = "aaaaaaaa-bbbb-cccc-dddd-example",
        ["origin_jti"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        ["aud"] = clientId,
        ["event_id"] = "64f513be-32db-42b0-b78e-b02127b4f463",
        ["token_use"] = "id",
        ["auth_time"] = Now.ToUnixTimeSeconds() - 60,
        ["exp"] = Now.ToUnixTimeSeconds() + 840,
        ["iat"] = Now.ToUnixTimeSeconds() - 60,
        ["jti"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        ["email"] = "user@example.com",
    };

    private static JsonObject AccessToken(string issuer, string clientId, string scope) => new()
    {
        ["sub"] = "aaaaaaaa-bbbb-cccc-dddd-example",
        ["cognito:groups"] = new JsonArray("users"),
        ["iss"] = issuer,
        ["version"] = 2,
        ["client_id"] = clientId,
        ["origin_jti"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        ["event_id"] = "64f513be-32db-42b0-b78e-b02127b4f463",
        ["token_use"] = "access",
        ["scope"] = scope,
        ["auth_time"] = Now.ToUnixTimeSeconds() - 60,
        ["exp"] = Now.ToUnixTimeSeconds() + 840,
        ["iat"] = Now.ToUnixTimeSeconds() - 60,
        ["jti"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        ["username"] = "aaaaaaaa-bbbb-cccc-dddd-example",
    };

    private sealed record ApiMethod(string Path, string HttpMethod, IReadOnlyList<string> Scopes, JsonNode Properties);
}
