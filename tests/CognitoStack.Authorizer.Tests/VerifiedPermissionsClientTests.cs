using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CognitoStack.Authorizer.Tests;

// The client against a loopback listener that answers as the API reference describes: 200 with the decision,
// or an error status with X-Amzn-ErrorType.
public sealed class VerifiedPermissionsClientTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Uri _endpoint;
    private readonly HttpClient _http = VerifiedPermissionsClient.CreateHttpClient(TimeSpan.FromSeconds(5));

    public VerifiedPermissionsClientTests()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(_endpoint.ToString());
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Close();
        _http.Dispose();
    }

    private static string? Credentials(string name) => name switch
    {
        "AWS_ACCESS_KEY_ID" => "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY" => "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "AWS_SESSION_TOKEN" => "session-token",
        _ => null,
    };

    private VerifiedPermissionsClient Client(Func<string, string?>? variables = null) =>
        new(_http, "eu-west-1", variables ?? Credentials, TimeProvider.System, _endpoint);

    private async Task<(HttpListenerRequest Request, string Body)> AnswerOnce(int status, string body, string? errorType = null)
    {
        var context = await _listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var received = await reader.ReadToEndAsync();
        context.Response.StatusCode = status;
        if (errorType is not null)
        {
            context.Response.Headers.Add("X-Amzn-ErrorType", errorType);
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
        return (context.Request, received);
    }

    [Fact]
    public async Task Call_Should_BeASignedJson10PostOfTheOperation()
    {
        var server = AnswerOnce(200, """{"decision":"ALLOW","determiningPolicies":[],"errors":[]}""");

        var answer = await Task.Run(() => Client().IsAuthorizedWithToken(Encoding.UTF8.GetBytes("""{"policyStoreId":"PS1"}""")));
        var (request, body) = await server;

        Assert.True(answer.Succeeded);
        Assert.Contains("ALLOW", Encoding.UTF8.GetString(answer.Body), StringComparison.Ordinal);
        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal("/", request.Url!.AbsolutePath);
        Assert.Equal("VerifiedPermissions.IsAuthorizedWithToken", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.0", request.ContentType);
        Assert.Equal("session-token", request.Headers["X-Amz-Security-Token"]);
        Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/eu-west-1/verifiedpermissions/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$",
            request.Headers["Authorization"]);
        Assert.Equal("""{"policyStoreId":"PS1"}""", body);
    }

    [Fact]
    public async Task ErrorStatus_Should_FailNamingTheStatusAndErrorType()
    {
        var server = AnswerOnce(400, """{"__type":"ValidationException","message":"token is expired"}""", "ValidationException:http://internal.amazon.com/coral/");

        var answer = await Task.Run(() => Client().IsAuthorizedWithToken([]));
        await server;

        Assert.False(answer.Succeeded);
        Assert.Equal("HTTP 400 ValidationException", answer.Problem);
        Assert.Empty(answer.Body);
    }

    [Fact]
    public void MissingCredentials_Should_FailWithoutACall()
    {
        var answer = Client(_ => null).IsAuthorizedWithToken([]);

        Assert.False(answer.Succeeded);
        Assert.Contains("no credentials", answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreachableEndpoint_Should_FailWithoutThrowing()
    {
        _listener.Stop();

        var answer = Client().IsAuthorizedWithToken([]);

        Assert.False(answer.Succeeded);
        Assert.NotNull(answer.Problem);
    }
}
