using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Authorizer.Tests.Helpers;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Tests.Credentials;

namespace CognitoStack.Authorizer.Tests;

// The authorizer built as Lambda builds it (no credential source given: LambdaCredentials on the process environment)
// under each way Lambda hands credentials over: (a) access key variables, (b) only the container-credentials
// variables (SnapStart, which this function may run with) with expiring credentials, (c) none.
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CredentialSourceTests : IDisposable
{
    private readonly ContainerCredentialsEndpoint _endpoint = ContainerCredentialsEndpoint.WarmedUp();
    private readonly LoopbackVerifiedPermissions _api = new();
    private readonly MemoryStream _log = new();
    private readonly HttpClient _http = AwsClient.CreateHttpClient(AuthorizerFunction.CallBudget);

    public void Dispose()
    {
        _endpoint.Dispose();
        _api.Dispose();
        _log.Dispose();
        _http.Dispose();
    }

    private AuthorizerFunction Function() => new(VerifiedPermissionsCallTests.Variables(), _http, _log, endpoint: _api.Endpoint);

    private JsonNode[] LogLines() =>
        [.. Encoding.UTF8.GetString(_log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    [Fact]
    public void Authorizer_Should_SignWithTheAccessKeyVariables_When_LambdaSetsThem()
    {
        using var environment = ProcessEnvironment.AccessKeys();

        Function().Handle(VerifiedPermissionsCallTests.Event());

        Assert.Equal("AKIDEXAMPLE", Assert.Single(_api.Requests).KeyId);
        Assert.Equal("env-session-token", _api.Requests[0].Header("X-Amz-Security-Token"));
    }

    [Fact]
    public void Authorizer_Should_UseContainerCredentialsAndRenewThem_When_OnlyTheContainerVariablesAreSet()
    {
        using var environment = ProcessEnvironment.Container(_endpoint);
        _endpoint.Lifetime = TimeSpan.FromSeconds(2);
        var function = Function();

        function.Handle(VerifiedPermissionsCallTests.Event());
        Thread.Sleep(TimeSpan.FromSeconds(2.5));
        function.Handle(VerifiedPermissionsCallTests.Event());

        Assert.Equal([ContainerCredentialsEndpoint.AccessKeyId(1), ContainerCredentialsEndpoint.AccessKeyId(2)], _api.Requests.Select(r => r.KeyId));
        Assert.Equal("container-session-token-2", _api.Requests[1].Header("X-Amz-Security-Token"));
        Assert.Equal(0, _endpoint.Refused);
        Assert.All(LogLines(), line => Assert.Equal("info", (string?)line["level"]));
    }

    [Fact]
    public void Authorizer_Should_FailClosedWithOneErrorLine_When_LambdaGaveNoCredentials()
    {
        using var environment = new ProcessEnvironment();

        var error = Assert.Throws<UnauthorizedAccessException>(() => Function().Handle(VerifiedPermissionsCallTests.Event()));

        Assert.Equal(AuthorizerFunction.Unauthorized, error.Message);
        Assert.Empty(_api.Requests);
        var line = Assert.Single(LogLines());
        Assert.Equal("error", (string?)line["level"]);
        Assert.Equal("MissingCredentials", (string?)line["errorType"]);
        Assert.Contains(LambdaCredentials.ContainerCredentialsUriVariable, (string?)line["message"], StringComparison.Ordinal);
    }

    [Fact]
    public void Authorizer_Should_ResolveNoCredentialsAndOpenNoConnection_When_Constructed()
    {
        using var environment = ProcessEnvironment.Container(_endpoint);

        _ = Function();

        Assert.Equal(0, _endpoint.Requests);
        Assert.Empty(_api.Requests);
        Assert.Empty(SnapshotHygiene.ForbiddenStaticFields(typeof(AuthorizerFunction).Assembly));
    }
}
