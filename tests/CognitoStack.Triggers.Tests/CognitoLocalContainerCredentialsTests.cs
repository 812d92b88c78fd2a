using System.Text.Json.Nodes;
using CognitoStack.Tests.Credentials;
using CognitoStack.Triggers.Tests.Helpers;

namespace CognitoStack.Triggers.Tests;

// Post confirmation and user migration against cognito-local with credentials as Lambda gives them under SnapStart:
// only AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN, served by a loopback endpoint.
// The triggers are built without a credential source (LambdaCredentials, as in Lambda).
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CognitoLocalContainerCredentialsTests(CognitoLocal emulator) : IClassFixture<CognitoLocal>, IDisposable
{
    private const string Password = "Old-Pool-Passw0rd!";

    private readonly ContainerCredentialsEndpoint _endpoint = ContainerCredentialsEndpoint.WarmedUp();
    private readonly LogLines _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(6) };

    public void Dispose()
    {
        _endpoint.Dispose();
        _log.Dispose();
        _http.Dispose();
    }

    [Fact]
    public void PostConfirmation_Should_AddTheUserToTheGroup_When_OnlyContainerCredentialsAreGiven()
    {
        var (pool, _) = emulator.PoolWithUser("alice@example.com", Password);
        emulator.Call("CreateGroup", new JsonObject { ["UserPoolId"] = pool, ["GroupName"] = "members" });
        using var environment = ProcessEnvironment.Container(_endpoint);
        var variables = new Dictionary<string, string> { ["DEFAULT_GROUP"] = "members", ["AWS_REGION"] = "eu-west-1" };
        var trigger = new PostConfirmation(n => variables.GetValueOrDefault(n), _http, _log.Stream, null, null, emulator.Endpoint);
        // The pool signs in by email: Cognito names the user by its sub, which is what the event carries.
        var userName = (string)emulator.Call("AdminGetUser", new JsonObject { ["UserPoolId"] = pool, ["Username"] = "alice@example.com" })["Username"]!;
        var e = TestEvents.Load("post-confirmation-confirm-sign-up.json");
        e["userPoolId"] = pool;
        e["userName"] = userName;

        trigger.Send(e);

        Assert.Equal("user added to group", _log.Lines.Single().Text("message"));
        var groups = emulator.Call("AdminListGroupsForUser", new JsonObject { ["UserPoolId"] = pool, ["Username"] = userName });
        Assert.Contains(groups["Groups"]!.AsArray(), g => (string?)g!["GroupName"] == "members");
        Assert.Equal(1, _endpoint.Issued);
        Assert.Equal(0, _endpoint.Refused);
    }

    [Fact]
    public void UserMigration_Should_MigrateTheUser_When_OnlyContainerCredentialsAreGiven()
    {
        var (pool, client) = emulator.PoolWithUser("alice@example.com", Password);
        using var environment = ProcessEnvironment.Container(_endpoint);
        var variables = new Dictionary<string, string> { ["OLD_USER_POOL_ID"] = pool, ["OLD_CLIENT_ID"] = client, ["OLD_REGION"] = "eu-west-1" };
        var trigger = new UserMigration(n => variables.GetValueOrDefault(n), _http, _log.Stream, null, emulator.Endpoint);
        var e = TestEvents.Load("user-migration-authentication.json");
        e["userName"] = "alice@example.com";
        e["request"]!["password"] = Password;

        using var input = new MemoryStream(e.ToUtf8());
        using var output = trigger.Handle(input);

        Assert.Equal("CONFIRMED", (string?)JsonNode.Parse(output)!["response"]!["finalUserStatus"]);
        Assert.Equal("user migrated with their password", _log.Lines.Single().Text("message"));
        Assert.Equal(1, _endpoint.Issued);
        Assert.Equal(0, _endpoint.Refused);
    }
}
