using System.Net;
using System.Text;
using System.Text.Json;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Tests.Credentials;
using CognitoStack.UserExport.Tests.Helpers;

namespace CognitoStack.UserExport.Tests;

// The exporter built as Lambda builds it (LambdaCredentials on the process environment) under each way Lambda hands
// credentials over: (a) access key variables, (b) only the container-credentials variables, expiring, (c) none.
// Cognito refuses the first call here: what counts is which credentials signed it.
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CredentialSourceTests : IDisposable
{
    private readonly ContainerCredentialsEndpoint _endpoint = new();
    private readonly MemoryStream _log = new();
    private readonly ScriptedHandler _http = new([.. Enumerable.Repeat(() => ScriptedHandler.Json(HttpStatusCode.BadRequest, """{"__type":"AccessDeniedException"}"""), 2)]);

    public void Dispose()
    {
        _endpoint.Dispose();
        _log.Dispose();
    }

    private UserExportFunction Function() => new(FunctionTests.Configuration.GetValueOrDefault, new HttpClient(_http), _log);

    private static MemoryStream Event() => new("{}"u8.ToArray());

    private static string? KeyId(SentRequest request) => request.Header("Authorization")?.Split("Credential=")[1].Split('/')[0];

    private List<JsonElement> LogLines() =>
        [.. Encoding.UTF8.GetString(_log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public void Export_Should_SignWithTheAccessKeyVariables_When_LambdaSetsThem()
    {
        using var environment = ProcessEnvironment.AccessKeys();

        Assert.Throws<AwsApiException>(() => Function().Handle(Event()));

        Assert.Equal("AKIDEXAMPLE", KeyId(Assert.Single(_http.Requests)));
    }

    [Fact]
    public void Export_Should_UseContainerCredentialsAndRenewThem_When_OnlyTheContainerVariablesAreSet()
    {
        using var environment = ProcessEnvironment.Container(_endpoint);
        _endpoint.Lifetime = TimeSpan.FromSeconds(2);
        var function = Function();

        Assert.Throws<AwsApiException>(() => function.Handle(Event()));
        Thread.Sleep(TimeSpan.FromSeconds(2.5));
        Assert.Throws<AwsApiException>(() => function.Handle(Event()));

        Assert.Equal([ContainerCredentialsEndpoint.AccessKeyId(1), ContainerCredentialsEndpoint.AccessKeyId(2)], _http.Requests.Select(KeyId));
        Assert.Equal("container-session-token-2", _http.Requests[1].Header("X-Amz-Security-Token"));
        Assert.Equal(0, _endpoint.Refused);
    }

    [Fact]
    public void Export_Should_LogOneErrorAndThrow_When_LambdaGaveNoCredentials()
    {
        using var environment = new ProcessEnvironment();

        var error = Assert.Throws<AwsApiException>(() => Function().Handle(Event()));

        Assert.Equal("MissingCredentials", error.ErrorType);
        Assert.Empty(_http.Requests);
        var line = Assert.Single(LogLines());
        Assert.Equal("error", line.GetProperty("level").GetString());
        Assert.Equal("MissingCredentials", line.GetProperty("errorType").GetString());
    }

    [Fact]
    public void Export_Should_ResolveNoCredentialsAndOpenNoConnection_When_Constructed()
    {
        using var environment = ProcessEnvironment.Container(_endpoint);

        _ = Function();

        Assert.Equal(0, _endpoint.Requests);
        Assert.Empty(_http.Requests);
        Assert.Empty(SnapshotHygiene.ForbiddenStaticFields(typeof(UserExportFunction).Assembly));
    }
}
