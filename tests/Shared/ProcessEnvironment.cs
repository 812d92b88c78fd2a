using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CognitoStack.Tests.Credentials;

/// <summary>
/// The xunit collection of tests that set credential variables in the process environment (what
/// <c>LambdaCredentials</c> and the AWS SDK read): they run one at a time, never beside each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>
/// Sets the credential variables Lambda may set for one test and restores the process environment on dispose.
/// Every variable of either source is cleared first, so a test sees exactly what it set.
/// </summary>
internal sealed class ProcessEnvironment : IDisposable
{
    private static readonly string[] CredentialVariables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    ];

    private readonly Dictionary<string, string?> _saved = [];

    public ProcessEnvironment(IReadOnlyDictionary<string, string>? variables = null)
    {
        foreach (var name in CredentialVariables.Concat(variables?.Keys ?? []).Distinct())
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, null);
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>Access key variables, as Lambda sets them without SnapStart.</summary>
    public static ProcessEnvironment AccessKeys(string accessKeyId = "AKIDEXAMPLE") => new(new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = accessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ["AWS_SESSION_TOKEN"] = "env-session-token",
    });

    /// <summary>Only the container-credentials variables, as Lambda sets them with SnapStart.</summary>
    public static ProcessEnvironment Container(ContainerCredentialsEndpoint endpoint) => new(new Dictionary<string, string>
    {
        ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = endpoint.Url,
        ["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = ContainerCredentialsEndpoint.Token,
    });

    /// <summary>
    /// Resolves container credentials once, from an endpoint of its own, so the AWS SDK's code for it is compiled
    /// before a test that bounds a call by a trigger's timeout (a Debug build on a busy machine may need more than
    /// 1.5 s to JIT it; Lambda runs the ReadyToRun publish).
    /// </summary>
    public static void WarmUpSdk()
    {
        using var endpoint = new ContainerCredentialsEndpoint();
        using var environment = Container(endpoint);
        _ = new CognitoStack.Lambda.Common.Aws.LambdaCredentials().GetCredentials();
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}

/// <summary>
/// The container-credentials endpoint on 127.0.0.1 (a loopback address the SDK accepts over http), answering as the
/// SDKs' container credential provider expects (https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html):
/// a GET with the authorization token in <c>Authorization</c>, answered with <c>AccessKeyId</c>, <c>SecretAccessKey</c>,
/// <c>Token</c> and <c>Expiration</c>. Each answer has new keys (<c>ASIACONTAINER1</c>, <c>ASIACONTAINER2</c>, …), valid
/// for <see cref="Lifetime"/>; a request without the token gets 401 and no keys.
/// </summary>
internal sealed class ContainerCredentialsEndpoint : IDisposable
{
    public const string Token = "container-authorization-token";

    private readonly HttpListener _listener = new();
    private readonly Thread _thread;
    private int _issued;

    public ContainerCredentialsEndpoint()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public int Port { get; }

    /// <summary>A new endpoint, after <see cref="ProcessEnvironment.WarmUpSdk"/>.</summary>
    public static ContainerCredentialsEndpoint WarmedUp()
    {
        ProcessEnvironment.WarmUpSdk();
        return new ContainerCredentialsEndpoint();
    }

    public string Url => $"http://127.0.0.1:{Port}/2018-06-01/credentials";

    /// <summary>How long issued credentials stay valid; Lambda's last hours, a test's may last seconds.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(6);

    public int Requests => Volatile.Read(ref _requests);

    public int Refused => Volatile.Read(ref _refused);

    public int Issued => Volatile.Read(ref _issued);

    public static string AccessKeyId(int issue) => $"ASIACONTAINER{issue}";

    private int _requests;
    private int _refused;

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }

    private void Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            if (context.Request.HttpMethod != "GET" || context.Request.Headers["Authorization"] != Token)
            {
                Interlocked.Increment(ref _refused);
                context.Response.StatusCode = 401;
                context.Response.Close();
                continue;
            }

            var issue = Interlocked.Increment(ref _issued);
            var body = new JsonObject
            {
                ["AccessKeyId"] = AccessKeyId(issue),
                ["SecretAccessKey"] = $"container-secret-{issue}",
                ["Token"] = $"container-session-token-{issue}",
                ["Expiration"] = DateTime.UtcNow.Add(Lifetime).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            };
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.OutputStream.Write(bytes);
            context.Response.Close();
        }
    }
}
