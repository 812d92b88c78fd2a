using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoStack.Authorizer.Tests.Helpers;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common.Aws;

namespace CognitoStack.Authorizer.Tests;

public sealed class AuthorizerFunctionTests
{
    private const string PolicyStoreId = "PSEXAMPLEabcdefg111111";
    private const string AllowBody = """{"decision":"ALLOW","determiningPolicies":[{"policyId":"SPEXAMPLEabcdefg111111"}],"errors":[]}""";
    private const string DenyBody = """{"decision":"DENY","determiningPolicies":[],"errors":[]}""";

    private sealed class FakeVerifiedPermissions(AwsResponse answer) : IVerifiedPermissions
    {
        public List<JsonNode> Requests { get; } = [];

        public AwsResponse IsAuthorizedWithToken(ReadOnlyMemory<byte> requestJson)
        {
            Requests.Add(JsonNode.Parse(requestJson.Span)!);
            return answer;
        }
    }

    private static FakeVerifiedPermissions Answering(string body) =>
        new(new AwsResponse(true, 200, Encoding.UTF8.GetBytes(body), null, "IsAuthorizedWithToken succeeded"));

    private static MemoryStream Event(string method, string resource, string? authorization, string? tenant = null)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "request-event.json")))!;
        node["httpMethod"] = method;
        node["resource"] = resource;
        node["methodArn"] = $"arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/v1/{method}{resource.Replace("{tenant}", tenant ?? "x", StringComparison.Ordinal)}";
        var headers = node["headers"]!.AsObject();
        headers.Remove("authorization");
        if (authorization is not null)
        {
            headers["authorization"] = authorization;
        }

        if (tenant is not null)
        {
            node["pathParameters"] = new JsonObject { ["tenant"] = tenant };
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(node.ToJsonString()));
    }

    private static (AuthorizerFunction Function, MemoryStream Log) Create(IVerifiedPermissions client, string? policyStoreId = PolicyStoreId)
    {
        var log = new MemoryStream();
        var function = new AuthorizerFunction(name => name == EnvironmentVariables.PolicyStoreId ? policyStoreId : null, client, log);
        return (function, log);
    }

    private static JsonNode Answer(Stream output) => JsonNode.Parse(output)!;

    private static string[] LogLevels(MemoryStream log) =>
        [.. Encoding.UTF8.GetString(log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["level"]!)];

    [Fact]
    public void Allow_Should_AnswerAnAllowPolicyForTheMethodArnWithTheClaimsInTheContext()
    {
        var client = Answering(AllowBody);
        var (function, log) = Create(client);

        var answer = Answer(function.Handle(Event("GET", "/items", "Bearer " + TestTokens.Token("access"))));

        var statement = answer["policyDocument"]!["Statement"]![0]!;
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal("execute-api:Invoke", (string?)statement["Action"]);
        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/v1/GET/items", (string?)statement["Resource"]);
        Assert.Equal("11111111-2222-3333-4444-555555555555", (string?)answer["principalId"]);
        Assert.Equal("admin,users", (string?)answer["context"]!["cognito:groups"]);
        Assert.Equal("GET /items", (string?)answer["context"]![AuthorizerContext.Action]);
        Assert.Equal(["info"], LogLevels(log));
    }

    [Fact]
    public void AccessToken_Should_BeSentAsAccessToken_WithTheRouteAsTheAction()
    {
        var client = Answering(AllowBody);
        var token = TestTokens.Token("access");

        Create(client).Function.Handle(Event("POST", "/items", token));

        var request = Assert.Single(client.Requests);
        Assert.Equal(PolicyStoreId, (string?)request["policyStoreId"]);
        Assert.Equal(token, (string?)request["accessToken"]);
        Assert.Null(request["identityToken"]);
        Assert.Equal("""{"actionType":"CognitoStack::Action","actionId":"POST /items"}""", request["action"]!.ToJsonString());
        Assert.Equal("""{"entityType":"CognitoStack::Application","entityId":"api"}""", request["resource"]!.ToJsonString());
        Assert.Null(request["entities"]);
    }

    [Fact]
    public void IdToken_Should_BeSentAsIdentityToken()
    {
        var client = Answering(AllowBody);
        var token = TestTokens.Token("id");

        Create(client).Function.Handle(Event("GET", "/me", "Bearer " + token));

        var request = Assert.Single(client.Requests);
        Assert.Equal(token, (string?)request["identityToken"]);
        Assert.Null(request["accessToken"]);
    }

    [Fact]
    public void TenantRoute_Should_SendTheTenantAsTheResourceEntityWithItsName()
    {
        var client = Answering(AllowBody);

        Create(client).Function.Handle(Event("GET", "/tenants/{tenant}/items", TestTokens.Token("id"), tenant: "a.example.com"));

        var request = Assert.Single(client.Requests);
        Assert.Equal("""{"entityType":"CognitoStack::Tenant","entityId":"a.example.com"}""", request["resource"]!.ToJsonString());
        Assert.Equal(
            """{"entityList":[{"identifier":{"entityType":"CognitoStack::Tenant","entityId":"a.example.com"},"attributes":{"name":{"string":"a.example.com"}}}]}""",
            request["entities"]!.ToJsonString());
    }

    [Fact]
    public void TenantRoute_Should_BeDeniedWithoutACall_When_ThePathParameterIsMissing()
    {
        var client = Answering(AllowBody);

        var answer = Answer(Create(client).Function.Handle(Event("GET", "/tenants/{tenant}/items", TestTokens.Token("id"))));

        Assert.Equal("Deny", (string?)answer["policyDocument"]!["Statement"]![0]!["Effect"]);
        Assert.Empty(client.Requests);
    }

    [Fact]
    public void Deny_Should_AnswerADenyPolicyWithoutContext()
    {
        var (function, log) = Create(Answering(DenyBody));

        var answer = Answer(function.Handle(Event("GET", "/admin/health", TestTokens.Token("id"))));

        Assert.Equal("Deny", (string?)answer["policyDocument"]!["Statement"]![0]!["Effect"]);
        Assert.Null(answer["context"]);
        Assert.Equal(["warn"], LogLevels(log));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public void MissingOrMalformedToken_Should_BeUnauthorizedWithoutACall(string? authorization)
    {
        var client = Answering(AllowBody);

        var error = Assert.Throws<UnauthorizedAccessException>(() => Create(client).Function.Handle(Event("GET", "/me", authorization)));

        Assert.Equal(AuthorizerFunction.Unauthorized, error.Message);
        Assert.Empty(client.Requests);
    }

    [Fact]
    public void TokenOfAnotherUse_Should_BeUnauthorized()
    {
        var client = Answering(AllowBody);

        Assert.Throws<UnauthorizedAccessException>(() => Create(client).Function.Handle(Event("GET", "/me", TestTokens.Token("refresh"))));
        Assert.Empty(client.Requests);
    }

    [Theory]
    [InlineData(400, "ValidationException", "IsAuthorizedWithToken was refused (HTTP 400 ValidationException)")]
    [InlineData(null, "Timeout", "IsAuthorizedWithToken timed out after 3 s (Timeout)")]
    public void FailedCall_Should_BeUnauthorizedWithAnErrorLine(int? status, string errorType, string expected)
    {
        var message = status is null ? "IsAuthorizedWithToken timed out after 3 s" : "IsAuthorizedWithToken was refused";
        var (function, log) = Create(new FakeVerifiedPermissions(new AwsResponse(false, status, [], errorType, message)));

        Assert.Throws<UnauthorizedAccessException>(() => function.Handle(Event("GET", "/me", TestTokens.Token("id"))));

        Assert.Equal(["error"], LogLevels(log));
        var line = JsonNode.Parse(Encoding.UTF8.GetString(log.ToArray()))!;
        Assert.Contains(expected, (string?)line["message"], StringComparison.Ordinal);
        Assert.Equal(errorType, (string?)line["errorType"]);
    }

    [Theory]
    [InlineData("""{"decision":"MAYBE"}""")]
    [InlineData("""{"errors":[]}""")]
    [InlineData("not json")]
    public void UnexpectedAnswer_Should_BeUnauthorizedWithAnErrorLine(string body)
    {
        var (function, log) = Create(Answering(body));

        Assert.Throws<UnauthorizedAccessException>(() => function.Handle(Event("GET", "/me", TestTokens.Token("id"))));

        Assert.Equal(["error"], LogLevels(log));
    }

    [Fact]
    public void RouteTheContractDoesNotList_Should_BeDeniedWithAnErrorLineWithoutACall()
    {
        var client = Answering(AllowBody);
        var (function, log) = Create(client);

        var answer = Answer(function.Handle(Event("DELETE", "/items", TestTokens.Token("access"))));

        Assert.Equal("Deny", (string?)answer["policyDocument"]!["Statement"]![0]!["Effect"]);
        Assert.Empty(client.Requests);
        Assert.Equal(["error"], LogLevels(log));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("PS EXAMPLE")]
    public void MissingOrInvalidPolicyStoreId_Should_LogAnErrorAndRefuseEveryRequest(string? policyStoreId)
    {
        var client = Answering(AllowBody);
        var (function, log) = Create(client, policyStoreId);

        Assert.Throws<UnauthorizedAccessException>(() => function.Handle(Event("GET", "/me", TestTokens.Token("id"))));

        Assert.Empty(client.Requests);
        Assert.All(LogLevels(log), level => Assert.Equal("error", level));
        Assert.Contains(EnvironmentVariables.PolicyStoreId, Encoding.UTF8.GetString(log.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"TOKEN","methodArn":"arn:aws:execute-api:eu-west-1:1:a/v1/GET/me","authorizationToken":"x"}""")]
    [InlineData("""{"type":"REQUEST"}""")]
    [InlineData("[]")]
    [InlineData("{")]
    public void NotARequestEvent_Should_BeUnauthorized(string json)
    {
        var (function, log) = Create(Answering(AllowBody));

        Assert.Throws<UnauthorizedAccessException>(() => function.Handle(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Equal(["error"], LogLevels(log));
    }

    [Fact]
    public void EveryContractRoute_Should_MapToItsAction()
    {
        foreach (var route in ApiRoutes.All)
        {
            var client = Answering(AllowBody);
            Create(client).Function.Handle(Event(route.Method, route.Resource, TestTokens.Token("access"), route.IsTenantRoute ? "a.example.com" : null));
            Assert.Equal(route.Action, (string?)Assert.Single(client.Requests)["action"]!["actionId"]);
        }
    }

    [Fact]
    public void AnswerJson_Should_BeValidJson_When_AClaimNeedsEscaping()
    {
        var client = Answering(AllowBody);

        var output = Create(client).Function.Handle(Event("GET", "/me", TestTokens.Token("id", ""","name":"a \"quoted\" \u2028 name" """)));

        using var document = JsonDocument.Parse(output);
        Assert.Equal("a \"quoted\" \u2028 name", document.RootElement.GetProperty("context").GetProperty("name").GetString());
    }
}
