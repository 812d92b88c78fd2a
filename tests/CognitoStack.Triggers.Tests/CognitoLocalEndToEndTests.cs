using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CognitoStack.Tests.Credentials;
using CognitoStack.Triggers.Tests.Helpers;

namespace CognitoStack.Triggers.Tests;

// End to end on two cognito-local instances: the NEW pool (its UserMigration trigger configured, invoked through
// a stand-in Lambda endpoint that runs UserMigration.Handle in this process) and the OLD pool the trigger checks.
// A user who exists only in the old pool signs in to the new one with the old password and is created there.
// Both emulators name their pool CognitoLocal.PoolId: they are separate processes with separate data.
public sealed class CognitoLocalEndToEndTests : IDisposable
{
    private const string Password = "Old-Pool-Passw0rd!";

    private readonly CognitoLocal _old = new();
    private readonly FakeLambda _lambda;
    private readonly CognitoLocal _new;
    private readonly LogLines _log = new();

    public CognitoLocalEndToEndTests()
    {
        _lambda = new FakeLambda(Trigger);
        _new = new CognitoLocal(new JsonObject
        {
            ["TriggerFunctions"] = new JsonObject { ["UserMigration"] = "user-migration" },
            ["LambdaClient"] = new JsonObject
            {
                ["endpoint"] = _lambda.Url,
                ["region"] = "eu-west-1",
                ["credentials"] = new JsonObject { ["accessKeyId"] = "local", ["secretAccessKey"] = "local" },
            },
        }.ToJsonString());
    }

    public void Dispose()
    {
        _new.Dispose();
        _lambda.Dispose();
        _old.Dispose();
        _log.Dispose();
    }

    [Fact]
    public void SignIn_Should_CreateTheUserInTheNewPool_WithTheOldPassword()
    {
        _old.PoolWithUser("alice@example.com", Password);
        var (_, newClient) = _new.PoolWithUser("someone-else@example.com", "Other-Passw0rd!");

        var answer = _new.Call("AdminInitiateAuth", new JsonObject
        {
            ["UserPoolId"] = CognitoLocal.PoolId,
            ["ClientId"] = newClient,
            ["AuthFlow"] = "ADMIN_USER_PASSWORD_AUTH",
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = "alice@example.com", ["PASSWORD"] = Password },
        });

        Assert.NotNull(answer["AuthenticationResult"]?["IdToken"]);
        var user = _new.Call("AdminGetUser", new JsonObject { ["UserPoolId"] = CognitoLocal.PoolId, ["Username"] = "alice@example.com" });
        Assert.Equal("CONFIRMED", (string?)user["UserStatus"]);
        Assert.Contains(user["UserAttributes"]!.AsArray(), a => (string?)a!["Name"] == "email_verified" && (string?)a["Value"] == "true");
        Assert.Equal("user migrated with their password", _log.Lines.Single().Text("message"));
        Assert.DoesNotContain(Password, _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SignIn_Should_Fail_When_ThePasswordIsWrongInTheOldPool()
    {
        _old.PoolWithUser("alice@example.com", Password);
        var (_, newClient) = _new.PoolWithUser("someone-else@example.com", "Other-Passw0rd!");

        var status = _new.Status("AdminInitiateAuth", new JsonObject
        {
            ["UserPoolId"] = CognitoLocal.PoolId,
            ["ClientId"] = newClient,
            ["AuthFlow"] = "ADMIN_USER_PASSWORD_AUTH",
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = "alice@example.com", ["PASSWORD"] = "Wrong-Passw0rd!" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("user not migrated: the old pool refused", _log.Lines.Single().Text("message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, _new.Status("AdminGetUser", new JsonObject { ["UserPoolId"] = CognitoLocal.PoolId, ["Username"] = "alice@example.com" }));
    }

    private Stream Trigger(Stream input)
    {
        var variables = new Dictionary<string, string>
        {
            ["OLD_USER_POOL_ID"] = CognitoLocal.PoolId,
            ["OLD_CLIENT_ID"] = _old.PoolWithUser("alice@example.com", Password).Client,
            ["OLD_REGION"] = "eu-west-1",
            ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        };
        using var http = new HttpClient { Timeout = UserMigration.HttpTimeout * 4 };
        return new UserMigration(n => variables.GetValueOrDefault(n), http, _log.Stream, null, _old.Endpoint, new TestCredentials(variables)).Handle(input);
    }
}

/// <summary>
/// The Lambda Invoke API on 127.0.0.1 for one function: runs the handler on the request body and answers as
/// Lambda does — the payload, or for a thrown exception <c>X-Amz-Function-Error: Unhandled</c> with
/// <c>{"errorMessage", "errorType"}</c>.
/// </summary>
internal sealed class FakeLambda : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<Stream, Stream> _handle;
    private readonly Thread _thread;

    public FakeLambda(Func<Stream, Stream> handle)
    {
        _handle = handle;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
            probe.Stop();
        }

        _listener.Prefixes.Add(Url);
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public string Url { get; }

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

            byte[] payload;
            try
            {
                using var output = _handle(context.Request.InputStream);
                using var copy = new MemoryStream();
                output.CopyTo(copy);
                payload = copy.ToArray();
            }
            catch (Exception exception)
            {
                context.Response.AddHeader("X-Amz-Function-Error", "Unhandled");
                payload = System.Text.Encoding.UTF8.GetBytes(new JsonObject
                {
                    ["errorMessage"] = exception.Message,
                    ["errorType"] = exception.GetType().Name,
                }.ToJsonString());
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.OutputStream.Write(payload);
            context.Response.Close();
        }
    }
}
