using System.Net;
using System.Text.Json.Nodes;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Tests.Credentials;
using CognitoStack.Triggers.Tests.Helpers;

namespace CognitoStack.Triggers.Tests;

// The two triggers that call AWS, built as Lambda builds them (no credential source given: LambdaCredentials on the
// process environment), under each way Lambda hands credentials over: (a) access key variables, (b) only the
// container-credentials variables (SnapStart) with expiring credentials, (c) none.
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CredentialSourceTests : IDisposable
{
    private static readonly Dictionary<string, string> PostConfirmationConfiguration = new() { ["DEFAULT_GROUP"] = "users", ["AWS_REGION"] = "eu-west-1" };

    private static readonly Dictionary<string, string> MigrationConfiguration = new()
    {
        ["OLD_USER_POOL_ID"] = "eu-west-1_OldPool01",
        ["OLD_CLIENT_ID"] = "7example23456789old",
        ["OLD_REGION"] = "eu-west-1",
    };

    private readonly ContainerCredentialsEndpoint _endpoint = ContainerCredentialsEndpoint.WarmedUp();
    private readonly LogLines _log = new();
    private readonly FakeHttpHandler _cognito = FakeHttpHandler.Answering(HttpStatusCode.OK);
    private readonly OldPoolFake _oldPool = new();

    public void Dispose()
    {
        _endpoint.Dispose();
        _log.Dispose();
        _oldPool.Dispose();
    }

    private PostConfirmation PostConfirmation() => new(n => PostConfirmationConfiguration.GetValueOrDefault(n), _cognito.Client(), _log.Stream);

    private UserMigration UserMigration() => new(n => MigrationConfiguration.GetValueOrDefault(n), _oldPool.Client(), _log.Stream);

    private static JsonObject MigrationEvent() => TestEvents.Load("user-migration-authentication.json");

    private static string? KeyId(SentRequest request) =>
        request.Header("Authorization")?.Split("Credential=")[1].Split('/')[0];

    [Fact]
    public void PostConfirmation_Should_SignWithTheAccessKeyVariables_When_LambdaSetsThem()
    {
        using var environment = ProcessEnvironment.AccessKeys();

        PostConfirmation().Send(TestEvents.Load("post-confirmation-confirm-sign-up.json"));

        Assert.Equal("AKIDEXAMPLE", KeyId(Assert.Single(_cognito.Requests)));
        Assert.Equal("user added to group", _log.Lines.Single().Text("message"));
    }

    [Fact]
    public void PostConfirmation_Should_UseContainerCredentialsAndRenewThem_When_OnlyTheContainerVariablesAreSet()
    {
        using var environment = ProcessEnvironment.Container(_endpoint);
        _endpoint.Lifetime = TimeSpan.FromSeconds(2);
        var trigger = PostConfirmation();

        trigger.Send(TestEvents.Load("post-confirmation-confirm-sign-up.json"));
        Thread.Sleep(TimeSpan.FromSeconds(2.5));
        trigger.Send(TestEvents.Load("post-confirmation-confirm-sign-up.json"));

        Assert.Equal([ContainerCredentialsEndpoint.AccessKeyId(1), ContainerCredentialsEndpoint.AccessKeyId(2)], _cognito.Requests.Select(KeyId));
        Assert.Equal("container-session-token-2", _cognito.Requests[1].Header("X-Amz-Security-Token"));
        Assert.Equal(0, _endpoint.Refused);
        Assert.Empty(_log.Errors);
    }

    [Fact]
    public void PostConfirmation_Should_LogOneErrorAndCallNothing_When_LambdaGaveNoCredentials()
    {
        using var environment = new ProcessEnvironment();

        PostConfirmation().Send(TestEvents.Load("post-confirmation-confirm-sign-up.json"));

        Assert.Empty(_cognito.Requests);
        var line = Assert.Single(_log.Lines);
        Assert.Equal("error", line.Text("level"));
        Assert.Equal($"user not added to a group: AdminAddUserToGroup not sent: {LambdaCredentials.MissingMessage}", line.Text("message"));
        Assert.Equal("MissingCredentials", line.Text("errorType"));
    }

    [Fact]
    public void UserMigration_Should_SignWithTheAccessKeyVariables_When_LambdaSetsThem()
    {
        using var environment = ProcessEnvironment.AccessKeys();

        Run(UserMigration(), MigrationEvent());

        Assert.Equal(["AKIDEXAMPLE", "AKIDEXAMPLE"], _oldPool.Requests.Select(KeyId));
    }

    [Fact]
    public void UserMigration_Should_UseContainerCredentialsAndRenewThem_When_OnlyTheContainerVariablesAreSet()
    {
        using var environment = ProcessEnvironment.Container(_endpoint);
        _endpoint.Lifetime = TimeSpan.FromSeconds(2);
        var trigger = UserMigration();

        Run(trigger, MigrationEvent());
        var issuedBefore = _endpoint.Issued;
        Thread.Sleep(TimeSpan.FromSeconds(2.5));
        Run(trigger, MigrationEvent());

        // The SDK also renews credentials that expire within 15 minutes, so each call may carry new ones; none after
        // the expiry may carry keys issued before it.
        Assert.Equal(ContainerCredentialsEndpoint.AccessKeyId(1), KeyId(_oldPool.Requests[0]));
        var expired = Enumerable.Range(1, issuedBefore).Select(ContainerCredentialsEndpoint.AccessKeyId);
        Assert.All(_oldPool.Requests.Skip(2), request => Assert.DoesNotContain(KeyId(request), expired));
        Assert.Equal(4, _oldPool.Requests.Count);
        Assert.Equal(0, _endpoint.Refused);
        Assert.All(_log.Lines, line => Assert.Equal("user migrated with their password", line.Text("message")));
    }

    [Fact]
    public void UserMigration_Should_RefuseWithOneError_When_LambdaGaveNoCredentials()
    {
        using var environment = new ProcessEnvironment();

        Assert.Throws<UserNotMigratedException>(() => Run(UserMigration(), MigrationEvent()));

        Assert.Empty(_oldPool.Requests);
        var line = Assert.Single(_log.Lines);
        Assert.Equal("error", line.Text("level"));
        Assert.Equal($"user not migrated: AdminInitiateAuth not sent: {LambdaCredentials.MissingMessage}", line.Text("message"));
        Assert.Equal("MissingCredentials", line.Text("errorType"));
    }

    [Fact]
    public void Triggers_Should_ResolveNoCredentialsAndOpenNoConnection_When_Constructed()
    {
        using var environment = ProcessEnvironment.Container(_endpoint);

        var postConfirmation = PostConfirmation();
        var migration = UserMigration();

        Assert.Equal(0, _endpoint.Requests);
        Assert.Empty(_cognito.Requests);
        Assert.Empty(_oldPool.Requests);
        postConfirmation.Send(TestEvents.Load("post-confirmation-confirm-sign-up.json"));
        Run(migration, MigrationEvent());
        Assert.Equal(2, _endpoint.Requests);
    }

    [Fact]
    public void Triggers_Should_KeepNoCredentialsConnectionsOrRandomInStaticFields()
    {
        Assert.Empty(SnapshotHygiene.ForbiddenStaticFields(typeof(PostConfirmation).Assembly));
        Assert.Empty(SnapshotHygiene.ForbiddenStaticFields(typeof(AwsClient).Assembly));
    }

    private static void Run(UserMigration trigger, JsonNode e)
    {
        using var input = new MemoryStream(e.ToUtf8());
        using var output = trigger.Handle(input);
    }
}
