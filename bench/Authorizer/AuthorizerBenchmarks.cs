using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using CognitoStack.Lambda.Common.Aws;

namespace CognitoStack.Authorizer.Benchmarks;

/// <summary>
/// One warm <c>Handle</c> of an allowed <c>GET /items</c> with an access token: with an in-process answer
/// (the authorizer's own work: read the event and the token, write the request and the policy) and through
/// the shared AWS call layer as Lambda runs it (credentials from <see cref="LambdaCredentials"/> on the access key
/// variables, SigV4 signing, HTTP/1.1) against a loopback listener that answers as Verified Permissions does. Neither includes the network to Verified Permissions or its evaluation time.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class AuthorizerBenchmarks
{
    private const string AllowBody = """{"decision":"ALLOW","determiningPolicies":[{"policyId":"SPEXAMPLEabcdefg111111"}],"errors":[]}""";
    private byte[] _event = [];
    private AuthorizerFunction _inProcess = null!;
    private AuthorizerFunction _loopback = null!;
    private HttpListener _listener = null!;
    private HttpClient _http = null!;
    private CancellationTokenSource _stop = null!;

    private sealed class Answering : IVerifiedPermissions
    {
        private static readonly byte[] Body = Encoding.UTF8.GetBytes(AllowBody);

        public AwsResponse IsAuthorizedWithToken(ReadOnlyMemory<byte> requestJson) => new(true, 200, Body, null, "IsAuthorizedWithToken succeeded");
    }

    /// <summary>Builds the event, both functions and the loopback listener.</summary>
    [GlobalSetup]
    public void Setup()
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = $"{Part("""{"kid":"k1","alg":"RS256"}""")}.{Part("""{"sub":"11111111-2222-3333-4444-555555555555","token_use":"access","scope":"myapp-api/read","client_id":"client1","cognito:groups":["users"],"tenant":"a.example.com","exp":1900000000,"iat":1800000000}""")}.{new string('s', 342)}";
        using var stream = typeof(AuthorizerBenchmarks).Assembly.GetManifestResourceStream("request-event.json")!;
        using var reader = new StreamReader(stream);
        _event = Encoding.UTF8.GetBytes(reader.ReadToEnd().Replace("Bearer TOKEN", "Bearer " + token, StringComparison.Ordinal));

        string? Variables(string name) => name switch
        {
            "POLICY_STORE_ID" => "PSEXAMPLEabcdefg111111",
            "AWS_REGION" => "eu-west-1",
            _ => null,
        };

        // What Lambda sets without SnapStart; LambdaCredentials reads them through AWSSDK.Core.
        Environment.SetEnvironmentVariable(LambdaCredentials.AccessKeyIdVariable, "AKIDEXAMPLE");
        Environment.SetEnvironmentVariable(LambdaCredentials.SecretAccessKeyVariable, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "session-token");
        _inProcess = new AuthorizerFunction(Variables, new Answering(), Stream.Null);

        var port = FreePort();
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _stop = new CancellationTokenSource();
        _ = Task.Run(Serve);
        _http = AwsClient.CreateHttpClient(AuthorizerFunction.CallBudget);
        _loopback = new AuthorizerFunction(Variables, _http, Stream.Null, endpoint: new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Stops the listener.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _listener.Close();
        _http.Dispose();
        _stop.Dispose();
    }

    /// <summary>The authorizer's own work.</summary>
    [Benchmark(Baseline = true)]
    public Stream InProcessAnswer() => _inProcess.Handle(new MemoryStream(_event, writable: false));

    /// <summary>With signing and HTTP to a loopback Verified Permissions.</summary>
    [Benchmark]
    public Stream LoopbackHttp() => _loopback.Handle(new MemoryStream(_event, writable: false));

    private async Task Serve()
    {
        var body = Encoding.UTF8.GetBytes(AllowBody);
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await context.Request.InputStream.CopyToAsync(Stream.Null).ConfigureAwait(false);
            context.Response.ContentType = "application/x-amz-json-1.0";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
