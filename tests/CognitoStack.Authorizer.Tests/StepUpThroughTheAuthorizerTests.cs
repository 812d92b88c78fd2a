using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Authorizer.Tests.Helpers;
using CognitoStack.Backend;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common.Aws;

namespace CognitoStack.Authorizer.Tests;

// Step-up (RFC 9470) in the verifiedPermissions mode: the policies decide access, the backend still decides whether the
// sign-in is strong and fresh enough. The authorizer's real answer goes to the backend as API Gateway passes a Lambda
// authorizer's output to a proxy integration: requestContext.authorizer holds principalId, integrationLatency and the
// context's entries (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html).
// So acr, amr and auth_time must survive the context; a too-weak or too-old token gets the 401 challenge.
public sealed class StepUpThroughTheAuthorizerTests
{
    private const long Now = 1_732_233_600;
    private const string Level2 = "urn:cognito:loa:2";

    private static readonly FunctionSettings BackendSettings = new()
    {
        EnvironmentName = "complete",
        AdminGroup = "admin",
        ReadScope = "myapp-api/read",
        WriteScope = "myapp-api/write",
        AllowedOrigins = ["http://localhost:5173"],
        AuthorizationMode = AuthorizationModes.VerifiedPermissions,
        StepUp = $"admin|{Level2}|900;items||600",
    };

    private sealed class Allowing : IVerifiedPermissions
    {
        public AwsResponse IsAuthorizedWithToken(ReadOnlyMemory<byte> requestJson) =>
            new(true, 200, Encoding.UTF8.GetBytes(LoopbackVerifiedPermissions.AllowBody), null, "IsAuthorizedWithToken succeeded");
    }

    private sealed class FixedTime(long seconds) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static string Claims(string? acr, long authTime) =>
        (acr is null ? "" : $",\"acr\":\"{acr}\"") + $",\"amr\":[\"pwd\",\"otp\"],\"auth_time\":{authTime}";

    // The authorizer's context for the token on the route.
    private static JsonObject AuthorizerContext(string token, ApiRoute route)
    {
        var e = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "request-event.json")))!;
        e["httpMethod"] = route.Method;
        e["resource"] = route.Resource;
        e["path"] = route.Resource;
        e["methodArn"] = $"arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/v1/{route.Method}{route.Resource}";
        e["headers"]!["authorization"] = "Bearer " + token;
        var function = new AuthorizerFunction(name => name == EnvironmentVariables.PolicyStoreId ? "PSEXAMPLEabcdefg111111" : null, new Allowing(), Stream.Null);
        var answer = JsonNode.Parse(function.Handle(new MemoryStream(Encoding.UTF8.GetBytes(e.ToJsonString()))))!;
        return answer["context"]!.AsObject();
    }

    // The backend's answer when API Gateway passes that context on.
    private static JsonNode BackendAnswer(string fixture, string token, ApiRoute route, Stream? log = null)
    {
        var authorizer = new JsonObject { ["principalId"] = TestTokens.Subject, ["integrationLatency"] = 23 };
        foreach (var (name, value) in AuthorizerContext(token, route))
        {
            authorizer[name] = value?.DeepClone();
        }

        var e = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "backend", fixture)))!;
        e["requestContext"]!["authorizer"] = authorizer;
        var function = new Function(BackendSettings, log ?? Stream.Null, new FixedTime(Now));
        return JsonNode.Parse(function.Handle(new MemoryStream(Encoding.UTF8.GetBytes(e.ToJsonString()))))!;
    }

    private static JsonNode AdminHealth(string? acr, long authTime) =>
        BackendAnswer("get-admin-health-id-token.json", TestTokens.Token("id", Claims(acr, authTime)), ApiRoutes.AdminHealth);

    private static string? Challenge(JsonNode response) => (string?)response["headers"]!["WWW-Authenticate"];

    [Fact]
    public void Context_Should_CarryAcrAmrAndAuthTimeAsTheBackendReadsThem()
    {
        var context = AuthorizerContext(TestTokens.Token("id", Claims(Level2, Now - 60)), ApiRoutes.AdminHealth);

        Assert.Equal(Level2, (string?)context["acr"]);
        Assert.Equal("pwd,otp", (string?)context["amr"]);
        Assert.Equal((Now - 60).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)context["auth_time"]);
    }

    [Fact]
    public void IdToken_Should_GetTheChallenge_When_ItsAcrIsTooWeak()
    {
        var response = AdminHealth("urn:cognito:loa:1", Now - 60);

        Assert.Equal(401, (int?)response["statusCode"]);
        Assert.StartsWith("Bearer error=\"insufficient_user_authentication\"", Challenge(response), StringComparison.Ordinal);
        Assert.Contains($"acr_values=\"{Level2}\"", Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public void IdToken_Should_GetTheChallenge_When_TheSignInIsOneSecondTooOld()
    {
        var response = AdminHealth(Level2, Now - 901);

        Assert.Equal(401, (int?)response["statusCode"]);
        Assert.Contains("max_age=900", Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public void IdToken_Should_BeAnswered_When_LevelAndSignInAreJustEnough()
    {
        var response = AdminHealth(Level2, Now - 900);

        Assert.Equal(200, (int?)response["statusCode"]);
        Assert.Null(Challenge(response));
    }

    [Theory]
    [InlineData(600, 200)]
    [InlineData(601, 401)]
    public void AccessToken_Should_BeChallenged_OnlyWhenOlderThanTheItemsRule(long age, int status)
    {
        var response = BackendAnswer("get-items-access-token.json", TestTokens.Access(Claims(null, Now - age)), ApiRoutes.ListItems);

        Assert.Equal(status, (int?)response["statusCode"]);
        Assert.Equal(status == 401, Challenge(response)?.Contains("max_age=600", StringComparison.Ordinal) ?? false);
    }

    // Token exchange: a derived token's act claim is an object, which a Lambda authorizer's context cannot hold as
    // one; it travels as JSON text, so the backend still names who acted for whom and still refuses the token on
    // the routes that answer for the user as a whole.
    private const string Act = ",\"act\":{\"sub\":\"agent-7f3a\",\"client_id\":\"agentclient1234567890abcd\"}";

    [Fact]
    public void Context_Should_CarryTheActClaimAsJsonText()
    {
        var context = AuthorizerContext(TestTokens.Access(Claims(null, Now - 60) + Act), ApiRoutes.ListItems);

        Assert.Equal("{\"sub\":\"agent-7f3a\",\"client_id\":\"agentclient1234567890abcd\"}", (string?)context["act"]);
    }

    [Fact]
    public void DerivedToken_Should_BeAnsweredOnItems_AndLogWhoActedForWhom()
    {
        using var log = new MemoryStream();

        var response = BackendAnswer("get-items-access-token.json", TestTokens.Access(Claims(null, Now - 60) + Act), ApiRoutes.ListItems, log);

        Assert.Equal(200, (int?)response["statusCode"]);
        var line = JsonNode.Parse(Encoding.UTF8.GetString(log.ToArray()).Trim().Split('\n')[^1])!;
        Assert.Equal("agent-7f3a", (string?)line["actor"]);
        Assert.Equal(TestTokens.Subject, (string?)line["onBehalfOf"]);
    }

    [Fact]
    public void DerivedToken_Should_BeRefusedOnAdmin_WhatEverThePoliciesSay()
    {
        var response = BackendAnswer("get-admin-health-id-token.json", TestTokens.Access(Claims(Level2, Now - 60) + Act), ApiRoutes.AdminHealth);

        Assert.Equal(403, (int?)response["statusCode"]);
    }
}
