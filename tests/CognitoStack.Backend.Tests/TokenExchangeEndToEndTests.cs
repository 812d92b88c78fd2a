using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoStack.Backend.Tests.Helpers;
using CognitoStack.Fakes;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.Tests.Credentials;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

/// <summary>
/// Token exchange end to end, offline (issue 28.3): a user's access token (subject) and the agent's client-credentials
/// token (actor) go to <c>GetDerivedToken</c> — the loopback fake <see cref="LoopbackTokenExchange"/>, since
/// cognito-local 5.3 has none — through the shared call layer (<see cref="AwsJsonService"/>); the derived token then
/// calls the API: the gateway's decision as a Cognito user pools authorizer makes it (a method's scopes on an access
/// token; methods without scopes take ID tokens only), then the real backend with the claims as that authorizer
/// renders them. Accepted on <c>GET /items</c> (its scope), refused everywhere else; the log says who acted for whom.
/// </summary>
public sealed class TokenExchangeEndToEndTests : IDisposable
{
    private const string Issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI";
    private const string WebClientId = "4ex4mpl3cl13nt1d0abcdefghi";
    private const string UserSub = "8f3b7c2a-1d4e-4a5b-9c6d-7e8f9a0b1c2d";
    private const string Audience = "myapp-api";

    private static readonly FakeClient Agent = new("7ag3ntcl13nt1d0abcdefghijk", "agent-secret", Delegation: true, Impersonation: false,
        [Audience], [TestFunction.Settings.ReadScope]);

    private readonly LoopbackTokenExchange _pool = new([Agent], Issuer);

    public void Dispose() => _pool.Dispose();

    [Fact]
    public async Task DerivedToken_Should_BeNarrowedAudienceBoundWithAnActorAndNoRefreshToken()
    {
        var response = await ExchangeAsync(Request(scopes: [TestFunction.Settings.ReadScope]));

        Assert.True(response.Succeeded, response.Message);
        var body = JsonNode.Parse(response.Body)!.AsObject();
        var claims = _pool.Verify((string?)body["IssuedToken"])!;
        Assert.Equal((Audience, "myapp-api/read", UserSub, Agent.ClientId), ((string?)claims["aud"], (string?)claims["scope"], (string?)claims["sub"], (string?)claims["act"]!["sub"]));
        Assert.Equal(LoopbackTokenExchange.AccessTokenType, (string?)body["IssuedTokenType"]);
        Assert.Null(body["RefreshToken"]);
    }

    [Fact]
    public async Task DerivedToken_Should_CallGetItems_And_TheLogShouldSayWhoActedForWhom()
    {
        var token = await DerivedTokenAsync();
        using var log = new MemoryStream();

        Assert.True(CognitoAuthorizerAdmits("GET", "/items", token));
        var response = TestFunction.Send(EventFor("GET", "/items", token), TestFunction.Create(log: log));

        Assert.Equal(200, response.StatusCode);
        var line = JsonDocument.Parse(Encoding.UTF8.GetString(log.ToArray())).RootElement;
        Assert.Equal((Agent.ClientId, UserSub), (line.GetProperty("actor").GetString(), line.GetProperty("onBehalfOf").GetString()));
    }

    [Fact]
    public async Task DerivedToken_Should_BeRefusedOnPostItems_ByTheGatewayAndTheBackend()
    {
        var token = await DerivedTokenAsync();

        Assert.False(CognitoAuthorizerAdmits("POST", "/items", token));
        Assert.Equal(403, TestFunction.Send(EventFor("POST", "/items", token)).StatusCode);
    }

    [Theory]
    [InlineData("/me")]
    [InlineData("/admin/health")]
    [InlineData("/admin/claims")]
    public async Task DerivedToken_Should_BeRefusedOnRoutesWithoutAScope(string route)
    {
        var token = await DerivedTokenAsync();

        // A Cognito authorizer refuses an access token there; a JWT authorizer lets it through, and the backend refuses.
        Assert.False(CognitoAuthorizerAdmits("GET", route, token));
        var response = TestFunction.Send(EventFor("GET", route, token));
        Assert.Equal(403, response.StatusCode);
        Assert.Contains("token exchange", response.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other-api", "myapp-api/read", "InvalidParameterException")]
    [InlineData(Audience, "myapp-api/write", "InvalidParameterException")]
    public async Task Exchange_Should_BeRefused_When_TheAudienceOrScopeIsNotTheClients(string audience, string scope, string error)
    {
        var response = await ExchangeAsync(Request(audiences: [audience], scopes: [scope]));

        Assert.Equal((400, error), (response.Status, response.ErrorType));
    }

    [Fact]
    public async Task Exchange_Should_BeRefused_When_TheSecretIsWrongOrTheClientUnknown()
    {
        var wrongSecret = Request();
        wrongSecret["ClientSecret"] = "guess";
        var unknown = Request();
        unknown["ClientId"] = "1unkn0wncl13nt1d0abcdefghi";

        Assert.Equal("NotAuthorizedException", (await ExchangeAsync(wrongSecret)).ErrorType);
        Assert.Equal("ResourceNotFoundException", (await ExchangeAsync(unknown)).ErrorType);
    }

    [Fact]
    public async Task Exchange_Should_BeRefused_When_ADelegationOnlyClientSendsNoActorToken()
    {
        var impersonation = Request();
        impersonation.Remove("ActorToken");
        impersonation.Remove("ActorTokenType");

        Assert.Equal("NotAuthorizedException", (await ExchangeAsync(impersonation)).ErrorType);
    }

    [Fact]
    public async Task Exchange_Should_BeRefused_When_TheSubjectTokenIsNotThePools()
    {
        var forged = Request();
        var parts = ((string)forged["SubjectToken"]!).Split('.');
        forged["SubjectToken"] = $"{parts[0]}.{parts[1]}.{parts[2][..^4]}AAAA";

        Assert.Equal("NotAuthorizedException", (await ExchangeAsync(forged)).ErrorType);
    }

    /// <summary>The gateway's part: a Cognito user pools authorizer admits an access token only on a method with one of its scopes.</summary>
    /// <remarks>
    /// A method without scopes takes ID tokens only (https://repost.aws/questions/QUrEQW0PtJTZm34jx0UrnLlw; the CDK tests
    /// prove which methods carry which scope: GET /items read, POST /items write, the others none).
    /// </remarks>
    private static bool CognitoAuthorizerAdmits(string method, string route, JsonObject claims)
    {
        var scopes = ((string?)claims["scope"] ?? "").Split(' ');
        return (method, route) switch
        {
            ("GET", "/items") => scopes.Contains(TestFunction.Settings.ReadScope),
            ("POST", "/items") => scopes.Contains(TestFunction.Settings.WriteScope),
            _ => (string?)claims["token_use"] == "id",
        };
    }

    /// <summary>A real-shaped event with the derived token's claims as a Cognito user pools authorizer renders them: text.</summary>
    private static JsonObject EventFor(string method, string route, JsonObject claims)
    {
        var e = Load(method == "POST" ? CreateItem : ListItems).WithRoute(method, route);
        var rendered = new JsonObject();
        foreach (var (name, value) in claims)
        {
            rendered[name] = value switch
            {
                JsonArray list => string.Join(',', list.Select(v => (string?)v)),
                JsonObject nested => nested.ToJsonString(),
                _ => value?.ToString(),
            };
        }

        e["requestContext"]!["authorizer"]!["claims"] = rendered;
        return e;
    }

    private async Task<JsonObject> DerivedTokenAsync()
    {
        var response = await ExchangeAsync(Request());
        Assert.True(response.Succeeded, response.Message);
        return _pool.Verify((string?)JsonNode.Parse(response.Body)!["IssuedToken"])!;
    }

    /// <summary>What the agent sends: the user's token as subject, its own client-credentials token as actor.</summary>
    private JsonObject Request(string[]? audiences = null, string[]? scopes = null) => new()
    {
        ["ClientId"] = Agent.ClientId,
        ["ClientSecret"] = Agent.ClientSecret,
        ["SubjectToken"] = _pool.UserAccessToken(UserSub, "jane", ["users"], "openid myapp-api/read myapp-api/write", WebClientId),
        ["SubjectTokenType"] = LoopbackTokenExchange.AccessTokenType,
        ["ActorToken"] = _pool.ClientCredentialsToken(Agent.ClientId, TestFunction.Settings.ReadScope),
        ["ActorTokenType"] = LoopbackTokenExchange.AccessTokenType,
        ["Audiences"] = new JsonArray([.. (audiences ?? [Audience]).Select(a => (JsonNode)a)]),
        ["Scopes"] = new JsonArray([.. (scopes ?? [TestFunction.Settings.ReadScope]).Select(s => (JsonNode)s)]),
        ["RequestedTokenType"] = LoopbackTokenExchange.AccessTokenType,
    };

    /// <summary>The agent's call, through the shared call layer (signed, as with IAM credentials), one attempt.</summary>
    private async Task<AwsResponse> ExchangeAsync(JsonObject request)
    {
        using var http = new HttpClient();
        var credentials = new TestCredentials(new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        var api = AwsJsonService.CognitoUserPools(new AwsClient(http, "eu-west-1", credentials, RetryPolicy.None), _pool.Endpoint);
        return await api.SendAsync("GetDerivedToken", Encoding.UTF8.GetBytes(request.ToJsonString()), CancellationToken.None);
    }
}
