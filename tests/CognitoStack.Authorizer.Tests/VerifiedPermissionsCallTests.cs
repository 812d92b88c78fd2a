using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Authorizer.Tests.Helpers;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.Tests.Credentials;

namespace CognitoStack.Authorizer.Tests;

// The authorizer built as Lambda builds it (the shared call layer), against a loopback Verified Permissions: the
// request on the wire, retries inside the call budget, and failing closed on every error (401 and one error line).
public sealed class VerifiedPermissionsCallTests : IDisposable
{
    private static readonly TestCredentials Credentials = new(new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token"));

    private readonly MemoryStream _log = new();
    private readonly HttpClient _http = AwsClient.CreateHttpClient(AuthorizerFunction.CallBudget);

    public void Dispose()
    {
        _log.Dispose();
        _http.Dispose();
    }

    internal static Func<string, string?> Variables(string? region = "eu-west-1") => name => name switch
    {
        EnvironmentVariables.PolicyStoreId => "PSEXAMPLEabcdefg111111",
        AuthorizerFunction.RegionVariable => region,
        _ => null,
    };

    internal static MemoryStream Event(string token = "") =>
        new(Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "request-event.json"))
            .Replace("Bearer TOKEN", "Bearer " + (token.Length > 0 ? token : TestTokens.Access()), StringComparison.Ordinal)));

    private AuthorizerFunction Function(LoopbackVerifiedPermissions api, string? region = "eu-west-1") =>
        new(Variables(region), _http, _log, Credentials, api.Endpoint);

    private JsonNode[] LogLines() =>
        [.. Encoding.UTF8.GetString(_log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    private void AssertOneErrorLine(string errorType)
    {
        var line = Assert.Single(LogLines());
        Assert.Equal("error", (string?)line["level"]);
        Assert.Equal(errorType, (string?)line["errorType"]);
    }

    [Fact]
    public void Call_Should_BeASignedJson10PostOfIsAuthorizedWithToken()
    {
        using var api = new LoopbackVerifiedPermissions();

        var answer = JsonNode.Parse(Function(api).Handle(Event()))!;

        Assert.Equal("Allow", (string?)answer["policyDocument"]!["Statement"]![0]!["Effect"]);
        var request = Assert.Single(api.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("VerifiedPermissions.IsAuthorizedWithToken", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.0", request.Header("Content-Type"));
        Assert.Equal("session-token", request.Header("X-Amz-Security-Token"));
        Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/eu-west-1/verifiedpermissions/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$",
            request.Header("Authorization"));
        Assert.Equal("PSEXAMPLEabcdefg111111", (string?)JsonNode.Parse(request.Body)!["policyStoreId"]);
    }

    [Fact]
    public void Throttling_Should_BeRetriedInsideTheBudget()
    {
        var throttled = LoopbackVerifiedPermissions.Error(400, "ThrottlingException");
        using var api = new LoopbackVerifiedPermissions(throttled, throttled, (200, LoopbackVerifiedPermissions.AllowBody, null));

        var answer = JsonNode.Parse(Function(api).Handle(Event()))!;

        Assert.Equal("Allow", (string?)answer["policyDocument"]!["Statement"]![0]!["Effect"]);
        Assert.Equal(3, api.Requests.Count);
    }

    [Fact]
    public void ThrottlingThatOutlastsTheRetries_Should_BeUnauthorizedWithOneErrorLine()
    {
        using var api = new LoopbackVerifiedPermissions(LoopbackVerifiedPermissions.Error(400, "ThrottlingException"));

        Assert.Throws<UnauthorizedAccessException>(() => Function(api).Handle(Event()));

        Assert.Equal(RetryPolicy.Synchronous(AuthorizerFunction.CallBudget).MaxAttempts, api.Requests.Count);
        AssertOneErrorLine("ThrottlingException");
    }

    [Fact]
    public void ErrorOfTheCaller_Should_BeUnauthorizedWithoutARetry_AndTheErrorTypeOnly()
    {
        using var api = new LoopbackVerifiedPermissions(LoopbackVerifiedPermissions.Error(400, "ValidationException"));

        Assert.Throws<UnauthorizedAccessException>(() => Function(api).Handle(Event()));

        Assert.Single(api.Requests);
        AssertOneErrorLine("ValidationException");
        Assert.DoesNotContain("alice", Encoding.UTF8.GetString(_log.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointThatNeverAnswers_Should_BeUnauthorizedWithATimeoutLine_AfterTheBudget()
    {
        using var api = new LoopbackVerifiedPermissions { Hang = true };

        Assert.Throws<UnauthorizedAccessException>(() => Function(api).Handle(Event()));

        AssertOneErrorLine("Timeout");
    }

    [Fact]
    public void UnreachableEndpoint_Should_BeUnauthorizedWithOneErrorLine()
    {
        var api = new LoopbackVerifiedPermissions();
        var function = Function(api);
        api.Dispose();

        Assert.Throws<UnauthorizedAccessException>(() => function.Handle(Event()));

        Assert.Equal("error", (string?)Assert.Single(LogLines())["level"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eu-west-1.attacker.example/")]
    public void MissingOrInvalidRegion_Should_LogAnErrorAndRefuseEveryRequestWithoutACall(string? region)
    {
        using var api = new LoopbackVerifiedPermissions();
        var function = Function(api, region);

        Assert.Throws<UnauthorizedAccessException>(() => function.Handle(Event()));

        Assert.Empty(api.Requests);
        Assert.All(LogLines(), line => Assert.Equal("error", (string?)line["level"]));
        Assert.Contains(AuthorizerFunction.RegionVariable, (string?)LogLines()[0]["message"], StringComparison.Ordinal);
    }
}
