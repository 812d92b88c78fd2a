using System.Net;
using System.Text.Json.Nodes;
using CognitoStack.Tests.Credentials;
using CognitoStack.Tests.Emulators;
using CognitoStack.Triggers.Tests.Helpers;

namespace CognitoStack.Triggers.Tests;

// The migration trigger's old-pool calls (AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH, AdminGetUser),
// signed as in Lambda, against cognito-local (npm, pinned in package.json; CI runs npm ci first): a real
// implementation of the API checks the request shapes and the answers the fake in UserMigrationTests assumes.
public sealed class CognitoLocalMigrationTests(MigrationEmulator emulator) : IClassFixture<MigrationEmulator>
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
/// One cognito-local (tests/Shared/Emulators) holding the old pool: a pool file written before it starts gives the pool
/// a real-looking ID with a Region; it signs in by email. Made once per test class, with its migration client and one
/// confirmed user made on first use.
/// </summary>
public sealed class MigrationEmulator : IDisposable
{
    /// <summary>The old pool's ID: a Region, as real pool IDs have.</summary>
    public const string PoolId = "eu-west-1_OldPool01";

    private readonly Lock _lock = new();
    private string? _client;

    public MigrationEmulator()
        : this(null)
    {
    }

    /// <summary>Starts one with <paramref name="config"/> as its .cognito/config.json (triggers, Lambda endpoint).</summary>
    internal MigrationEmulator(JsonObject? config) =>
        Emulator = CognitoLocal.StartAsync(config, (PoolId, new JsonObject { ["UsernameAttributes"] = new JsonArray("email") })).GetAwaiter().GetResult();

    public CognitoLocal Emulator { get; }

    public Uri Endpoint => Emulator.Endpoint;

    /// <summary>The old pool, its migration client and one confirmed user with a permanent password; made once.</summary>
    public (string Pool, string Client) PoolWithUser(string email, string password)
    {
        lock (_lock)
        {
            _client ??= Create(email, password);
            return (PoolId, _client);
        }
    }

    /// <summary>Calls an operation; a non-2xx answer fails the test.</summary>
    public JsonNode Call(string operation, JsonObject body) => JsonNode.Parse(Emulator.Call(operation, body).GetRawText())!;

    /// <summary>The HTTP status of an operation, for calls that must fail.</summary>
    public HttpStatusCode Status(string operation, JsonObject body) => Emulator.Status(operation, body);

    public void Dispose() => Emulator.Dispose();

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
}
