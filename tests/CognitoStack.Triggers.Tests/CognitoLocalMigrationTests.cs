using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoStack.Tests.Credentials;
using CognitoStack.Triggers.Tests.Helpers;

namespace CognitoStack.Triggers.Tests;

// The migration trigger's old-pool calls (AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH, AdminGetUser),
// signed as in Lambda, against cognito-local (npm, pinned in package.json; CI runs npm ci first): a real
// implementation of the API checks the request shapes and the answers the fake in UserMigrationTests assumes.
public sealed class CognitoLocalMigrationTests(CognitoLocal emulator) : IClassFixture<CognitoLocal>
{
    private const string Password = "Old-Pool-Passw0rd!";

    [Fact]
    public void Authentication_Should_MigrateTheUser_When_TheOldPoolAcceptsThePassword()
    {
        var (pool, client) = emulator.PoolWithUser("alice@example.com", Password);
        using var log = new LogLines();

        var e = TestEvents.Load("user-migration-authentication.json");
        e["request"]!["password"] = Password;

        var response = Handle(pool, client, log, e)["response"]!;

        Assert.Equal("CONFIRMED", (string?)response["finalUserStatus"]);
        Assert.Equal("SUPPRESS", (string?)response["messageAction"]);
        Assert.Equal("alice@example.com", (string?)response["userAttributes"]!["email"]);
        Assert.Equal("true", (string?)response["userAttributes"]!["email_verified"]);
        Assert.Null(response["userAttributes"]!["sub"]);
        Assert.Equal("user migrated with their password", log.Lines.Single().Text("message"));
    }

    [Fact]
    public void Authentication_Should_Refuse_When_ThePasswordIsWrong()
    {
        var (pool, client) = emulator.PoolWithUser("alice@example.com", Password);
        using var log = new LogLines();
        var e = TestEvents.Load("user-migration-authentication.json");
        e["request"]!["password"] = "Wrong-Passw0rd!";

        Assert.Throws<UserNotMigratedException>(() => Handle(pool, client, log, e));

        // Real Cognito answers NotAuthorizedException; cognito-local InvalidPasswordException. Both are the user's.
        Assert.Matches("^user not migrated: the old pool refused: (NotAuthorizedException|InvalidPasswordException)$", log.Lines.Single().Text("message"));
        Assert.Equal("info", log.Lines.Single().Text("level"));
        Assert.DoesNotContain("Passw0rd", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Authentication_Should_Refuse_When_TheUserIsUnknownInTheOldPool()
    {
        var (pool, client) = emulator.PoolWithUser("alice@example.com", Password);
        using var log = new LogLines();
        var e = TestEvents.Load("user-migration-authentication.json");
        e["userName"] = "nobody@example.com";

        Assert.Throws<UserNotMigratedException>(() => Handle(pool, client, log, e));

        Assert.StartsWith("user not migrated: the old pool refused: ", log.Lines.Single().Text("message"), StringComparison.Ordinal);
    }

    [Fact]
    public void ForgotPassword_Should_MigrateTheUserWithoutAPassword()
    {
        var (pool, client) = emulator.PoolWithUser("alice@example.com", Password);
        using var log = new LogLines();

        var answer = Handle(pool, client, log, TestEvents.Load("user-migration-forgot-password.json"));

        Assert.Equal("SUPPRESS", (string?)answer["response"]!["messageAction"]);
        Assert.Null(answer["response"]!["finalUserStatus"]);
        Assert.Equal("alice@example.com", (string?)answer["response"]!["userAttributes"]!["email"]);
    }

    private JsonObject Handle(string pool, string client, LogLines log, JsonObject e)
    {
        var variables = new Dictionary<string, string>
        {
            ["OLD_USER_POOL_ID"] = pool,
            ["OLD_CLIENT_ID"] = client,
            ["OLD_REGION"] = pool[..pool.IndexOf('_', StringComparison.Ordinal)],
            ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        };
        using var http = new HttpClient { Timeout = UserMigration.HttpTimeout * 4 };
        var trigger = new UserMigration(n => variables.GetValueOrDefault(n), http, log.Stream, null, emulator.Endpoint, new TestCredentials(variables));
        using var input = new MemoryStream(e.ToUtf8());
        using var output = trigger.Handle(input);
        return JsonNode.Parse(output)!.AsObject();
    }
}

/// <summary>
/// One cognito-local for the test class: started from the repository's node_modules on 127.0.0.1 with a port
/// the kernel picks, data in a temporary directory, stopped (by its process id) when the tests end.
/// </summary>
public sealed partial class CognitoLocal : IDisposable
{
    private readonly Process? _process;
    private readonly string _directory = Directory.CreateTempSubdirectory("cognito-local-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly StringBuilder _output = new();
    private string? _client;

    /// <summary>The old pool's ID: a region, as real pool IDs have.</summary>
    public const string PoolId = "eu-west-1_OldPool01";

    public CognitoLocal()
        : this(null)
    {
    }

    /// <summary>Starts one with <paramref name="config"/> as its .cognito/config.json (triggers, Lambda endpoint).</summary>
    internal CognitoLocal(string? config)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CognitoStack.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        var bin = Path.Combine(root, "node_modules", ".bin", "cognito-local");
        if (!File.Exists(bin))
        {
            Problem = "cognito-local is not installed: run npm ci";
            return;
        }

        // cognito-local names the pools it creates "local_…", which is no region; a pool file written before
        // it starts gives the old pool a real ID (it loads every .cognito/db/<id>.json at start-up).
        Directory.CreateDirectory(Path.Combine(_directory, ".cognito", "db"));
        if (config is not null)
        {
            File.WriteAllText(Path.Combine(_directory, ".cognito", "config.json"), config);
        }

        File.WriteAllText(Path.Combine(_directory, ".cognito", "db", $"{PoolId}.json"),
            $$$"""{"Users":{},"Groups":{},"Options":{"Id":"{{{PoolId}}}","UsernameAttributes":["email"]}}""");
        var start = new ProcessStartInfo(bin) { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["PORT"] = "0";
        _process = Process.Start(start)!;
        var found = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        DataReceivedEventHandler read = (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line.Data);
            }

            if (Url().Match(line.Data) is { Success: true } match)
            {
                found.TrySetResult(new Uri(match.Value + "/"));
            }
        };
        _process.OutputDataReceived += read;
        _process.ErrorDataReceived += read;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!found.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            Problem = $"cognito-local did not start within 60 s: {_output}";
            return;
        }

        Endpoint = found.Task.Result;
    }

    public Uri? Endpoint { get; }

    public string? Problem { get; }

    /// <summary>The old pool (signs in by email), its migration client and one confirmed user with a permanent password; made once.</summary>
    public (string Pool, string Client) PoolWithUser(string email, string password)
    {
        Assert.True(Problem is null, Problem);
        lock (_output)
        {
            _client ??= Create(email, password);
            return (PoolId, _client);
        }
    }

    private string Create(string email, string password)
    {
        var client = (string)Call("CreateUserPoolClient", new JsonObject
        {
            ["UserPoolId"] = PoolId,
            ["ClientName"] = "migration",
            ["ExplicitAuthFlows"] = new JsonArray("ALLOW_ADMIN_USER_PASSWORD_AUTH"),
        })["UserPoolClient"]!["ClientId"]!;
        Call("AdminCreateUser", new JsonObject
        {
            ["UserPoolId"] = PoolId,
            ["Username"] = email,
            ["MessageAction"] = "SUPPRESS",
            ["UserAttributes"] = new JsonArray(
                new JsonObject { ["Name"] = "email", ["Value"] = email },
                new JsonObject { ["Name"] = "email_verified", ["Value"] = "true" }),
        });
        Call("AdminSetUserPassword", new JsonObject { ["UserPoolId"] = PoolId, ["Username"] = email, ["Password"] = password, ["Permanent"] = true });
        return client;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The HTTP status of an operation (for calls that must fail).</summary>
    public HttpStatusCode Status(string operation, JsonObject body)
    {
        using var request = Request(operation, body);
        using var response = _http.Send(request);
        return response.StatusCode;
    }

    /// <summary>Calls an operation of the emulator's API (no signature: it checks none).</summary>
    public JsonNode Call(string operation, JsonObject body)
    {
        using var request = Request(operation, body);
        using var response = _http.Send(request);
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    private HttpRequestMessage Request(string operation, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body.ToJsonString()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSCognitoIdentityProviderService.{operation}");
        return request;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:[0-9]+")]
    private static partial Regex Url();
}
