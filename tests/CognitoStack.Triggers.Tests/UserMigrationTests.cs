using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Tests.Credentials;
using CognitoStack.Triggers.Tests.Helpers;

namespace CognitoStack.Triggers.Tests;

// The user migration trigger against a fake old pool that answers AdminInitiateAuth and AdminGetUser the way
// the API reference shows, fed the fixture events (AWS's parameter shape and aws-lambda-go's sample).
public sealed class UserMigrationTests : IDisposable
{
    private const string Password = "Correct-Horse-Battery-9";
    private const string AuthenticationEvent = "user-migration-authentication.json";
    private const string ForgotPasswordEvent = "user-migration-forgot-password.json";

    private static readonly Dictionary<string, string> MigrationVariables = TestTriggers.MigrationVariables;

    private readonly LogLines _log = new();
    private readonly OldPoolFake _oldPool = new();

    public void Dispose()
    {
        _log.Dispose();
        _oldPool.Dispose();
    }

    [Fact]
    public void Authentication_Should_MigrateWithThePassword_When_TheOldPoolAcceptsIt()
    {
        var answer = Send(Trigger(), AuthenticationEvent);

        var response = answer["response"]!;
        Assert.Equal("CONFIRMED", (string?)response["finalUserStatus"]);
        Assert.Equal("SUPPRESS", (string?)response["messageAction"]);
        Assert.Equal(
            """{"email":"alice@example.com","email_verified":"true","name":"Alice","custom:tenant":"acme"}""",
            response["userAttributes"]!.ToJsonString());
        Assert.Equal(["AdminGetUser", "AdminInitiateAuth"], _oldPool.Operations.Order());
        Assert.Equal(
            $$$"""{"UserPoolId":"eu-west-1_OldPool01","ClientId":"7example23456789old","AuthFlow":"ADMIN_USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"alice@example.com","PASSWORD":"{{{Password}}}"}}""",
            _oldPool.Request("AdminInitiateAuth").BodyText);
        Assert.Equal("""{"UserPoolId":"eu-west-1_OldPool01","Username":"alice@example.com"}""", _oldPool.Request("AdminGetUser").BodyText);
        Assert.Equal("info", _log.Lines.Single().Text("level"));
        Assert.Equal("user migrated with their password", _log.Lines.Single().Text("message"));
    }

    [Fact]
    public void Requests_Should_BeSignedForTheOldPoolsRegion()
    {
        Send(Trigger(), AuthenticationEvent);

        var request = _oldPool.Request("AdminInitiateAuth");
        Assert.Equal(new Uri("https://cognito-idp.eu-west-1.amazonaws.com/"), request.Uri);
        Assert.Equal("AWSCognitoIdentityProviderService.AdminInitiateAuth", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=",
            request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(MigrationVariables["AWS_SESSION_TOKEN"], request.Header("X-Amz-Security-Token"));
    }

    [Fact]
    public void ForgotPassword_Should_MigrateWithoutAPasswordCheck()
    {
        var answer = Send(Trigger(), ForgotPasswordEvent);

        var response = answer["response"]!;
        Assert.Null(response["finalUserStatus"]);
        Assert.Equal("SUPPRESS", (string?)response["messageAction"]);
        Assert.Equal("true", (string?)response["userAttributes"]!["email_verified"]);
        Assert.Equal(["AdminGetUser"], _oldPool.Operations);
    }

    [Fact]
    public void AwsSampleEvent_Should_BeAnsweredWithTheOldPoolsAttributes()
    {
        var answer = Send(Trigger(), "aws-lambda-go-migrateuser.json");

        var response = answer["response"]!;
        Assert.Equal("CONFIRMED", (string?)response["finalUserStatus"]);
        Assert.Equal("SUPPRESS", (string?)response["messageAction"]);
        Assert.Null(response["userAttributes"]!["phone_number"]);
        Assert.Equal("alice@example.com", (string?)response["userAttributes"]!["email"]);
        Assert.Contains("\"USERNAME\":\"\\u003CuserName\\u003E\"", _oldPool.Request("AdminInitiateAuth").BodyText, StringComparison.Ordinal);
        Assert.Equal("example metadata value", (string?)answer["request"]!["validationData"]!["exampleMetadataKey"]);
    }

    [Theory]
    [InlineData("NotAuthorizedException")]
    [InlineData("UserNotFoundException")]
    [InlineData("PasswordResetRequiredException")]
    public void Authentication_Should_Refuse_When_TheOldPoolRefusesTheUser(string error)
    {
        _oldPool.Fail("AdminInitiateAuth", HttpStatusCode.BadRequest, error);

        Refused(Trigger(), AuthenticationEvent);

        var line = _log.Lines.Single();
        Assert.Equal("info", line.Text("level"));
        Assert.Equal($"user not migrated: the old pool refused: {error}", line.Text("message"));
        Assert.Equal(["AdminGetUser", "AdminInitiateAuth"], _oldPool.Operations.Order());
    }

    [Theory]
    [InlineData("SOFTWARE_TOKEN_MFA")]
    [InlineData("SMS_MFA")]
    [InlineData("EMAIL_OTP")]
    [InlineData("SELECT_MFA_TYPE")]
    [InlineData("MFA_SETUP")]
    [InlineData("NEW_PASSWORD_REQUIRED")]
    public void Authentication_Should_Refuse_When_TheOldPoolAsksForASecondStep(string challenge)
    {
        _oldPool.Challenge = challenge;

        Refused(Trigger(), AuthenticationEvent);

        var line = _log.Lines.Single();
        Assert.Equal("info", line.Text("level"));
        Assert.StartsWith($"user not migrated: the old pool asked for {challenge} after the password; not migrated at sign-in", line.Text("message"), StringComparison.Ordinal);
        Assert.Contains("reset the password", line.Text("message"), StringComparison.Ordinal);
        Assert.Equal(["AdminGetUser", "AdminInitiateAuth"], _oldPool.Operations.Order());
    }

    [Theory]
    [InlineData("TooManyRequestsException")]
    [InlineData("AccessDeniedException")]
    [InlineData("InternalErrorException")]
    public void Migration_Should_RefuseAndLogAnError_When_TheOldPoolFails(string error)
    {
        _oldPool.Fail("AdminGetUser", HttpStatusCode.BadRequest, error);

        Refused(Trigger(), ForgotPasswordEvent);

        var line = _log.Errors.Single();
        Assert.Equal("user not migrated: AdminGetUser was refused", line.Text("message"));
        Assert.Equal(error, line.Text("errorType"));
    }

    [Fact]
    public void Migration_Should_RefuseWithinTheTimeout_When_TheOldPoolDoesNotAnswer()
    {
        using var hanging = FakeHttpHandler.Hanging();
        using var log = new LogLines();
        var trigger = new UserMigration(n => MigrationVariables.GetValueOrDefault(n), hanging.Client(TimeSpan.FromMilliseconds(50)), log.Stream, new FixedClock(TestTriggers.SigningTime), new TestCredentials(MigrationVariables));

        Assert.Throws<UserNotMigratedException>(() => Run(trigger, TestEvents.Load(AuthenticationEvent)));

        Assert.Equal("user not migrated: AdminInitiateAuth timed out after 0.05 s", log.Errors.Single().Text("message"));
    }

    [Fact]
    public void Authentication_Should_SendBothCallsAtOnce()
    {
        // Each call waits at the fake until the other has arrived: in turn, the first would be answered 500.
        _oldPool.Rendezvous = new CountdownEvent(2);

        var answer = Send(Trigger(), AuthenticationEvent);

        Assert.Equal("CONFIRMED", (string?)answer["response"]!["finalUserStatus"]);
        Assert.Equal(["AdminGetUser", "AdminInitiateAuth"], _oldPool.Operations.Order());
    }

    [Theory]
    [InlineData(AuthenticationEvent)]
    [InlineData(ForgotPasswordEvent)]
    public void Migration_Should_GiveTheSameAnswer_When_CognitoRetriesTheEvent(string fixture)
    {
        var trigger = Trigger();

        var first = Run(trigger, TestEvents.Load(fixture));
        var retry = Run(trigger, TestEvents.Load(fixture));

        Assert.Equal(first, retry);
        Assert.Equal(2, _log.Lines.Count(l => l.Text("message")!.StartsWith("user migrated", StringComparison.Ordinal)));
    }

    [Fact]
    public void Migration_Should_Migrate_When_CognitoRetriesAfterATimeout()
    {
        // Cognito calls the function again when it does not answer in time: the first attempt stalls at the old
        // pool and is refused at the client's timeout, which also bounds the call layer's retries; Cognito's retry
        // meets a responsive old pool.
        _oldPool.StallNext("AdminGetUser");
        var trigger = new UserMigration(n => MigrationVariables.GetValueOrDefault(n), _oldPool.Client(TimeSpan.FromMilliseconds(200)), _log.Stream, new FixedClock(TestTriggers.SigningTime), new TestCredentials(MigrationVariables));

        Refused(trigger, AuthenticationEvent);
        var retry = JsonNode.Parse(Run(trigger, TestEvents.Load(AuthenticationEvent)))!;

        Assert.Equal("user not migrated: AdminGetUser timed out after 0.2 s", _log.Errors.Single().Text("message"));
        Assert.Equal("CONFIRMED", (string?)retry["response"]!["finalUserStatus"]);
        Assert.Equal("user migrated with their password", _log.Lines[^1].Text("message"));
    }

    [Fact]
    public void HttpTimeout_Should_LeaveTwoCallsInsideCognitosFiveSeconds()
    {
        Assert.True(UserMigration.HttpTimeout * 2 < TimeSpan.FromSeconds(5) - TimeSpan.FromSeconds(1.5), "two calls and a cold start must fit in 5 s");
    }

    [Fact]
    public void ForgotPassword_Should_Refuse_When_TheUserHasNoVerifiedEmail()
    {
        _oldPool.Attributes = [("sub", "1"), ("email", "alice@example.com"), ("email_verified", "false")];

        Refused(Trigger(), ForgotPasswordEvent);

        Assert.Equal("user not migrated: the user has no verified email in the old pool: no reset code could reach them", _log.Lines.Single().Text("message"));
    }

    [Fact]
    public void Authentication_Should_KeepEmailUnverified_When_ItWasUnverifiedInTheOldPool()
    {
        _oldPool.Attributes = [("sub", "1"), ("email", "alice@example.com")];

        var answer = Send(Trigger(), AuthenticationEvent);

        Assert.Equal("false", (string?)answer["response"]!["userAttributes"]!["email_verified"]);
    }

    [Fact]
    public void Migration_Should_Refuse_When_TheUserIsDisabledInTheOldPool()
    {
        _oldPool.Enabled = false;

        Refused(Trigger(), ForgotPasswordEvent);

        Assert.Equal("user not migrated: the user is disabled in the old pool", _log.Lines.Single().Text("message"));
    }

    [Theory]
    [InlineData("OLD_USER_POOL_ID", null, "OLD_USER_POOL_ID (missing) is invalid: use a user pool ID")]
    [InlineData("OLD_USER_POOL_ID", "eu-west-1-OldPool01", "OLD_USER_POOL_ID \"eu-west-1-OldPool01\" is invalid")]
    [InlineData("OLD_USER_POOL_ID", "evil.example.com/x_1", "OLD_USER_POOL_ID \"evil.example.com/x_1\" is invalid")]
    [InlineData("OLD_CLIENT_ID", "", "OLD_CLIENT_ID \"\" is invalid: use an app client ID")]
    [InlineData("OLD_CLIENT_ID", "abc def", "OLD_CLIENT_ID \"abc def\" is invalid")]
    [InlineData("OLD_REGION", "us-east-1", "OLD_REGION \"us-east-1\" is invalid: use the old pool's region, eu-west-1")]
    [InlineData("OLD_REGION", null, "OLD_REGION (missing) is invalid")]
    public void Configuration_Should_BeCheckedAtStartUp_AndRefuseEveryEvent(string name, string? value, string message)
    {
        var variables = TestTriggers.Variables(MigrationVariables, name, value);
        var trigger = new UserMigration(variables, _oldPool.Client(), _log.Stream, null, new TestCredentials(variables));

        Assert.Contains(message, _log.Errors.Single().Text("message"), StringComparison.Ordinal);
        Refused(trigger, AuthenticationEvent);
        Assert.Empty(_oldPool.Requests);
        Assert.Equal(2, _log.Errors.Count);
    }

    [Fact]
    public void Migration_Should_Refuse_When_CredentialsAreMissing()
    {
        var variables = TestTriggers.Variables(MigrationVariables, "AWS_ACCESS_KEY_ID");
        var trigger = new UserMigration(variables, _oldPool.Client(), _log.Stream, null, new TestCredentials(variables));

        Refused(trigger, AuthenticationEvent);

        Assert.Equal($"user not migrated: AdminInitiateAuth not sent: {LambdaCredentials.MissingMessage}", _log.Errors.Single().Text("message"));
        Assert.Empty(_oldPool.Requests);
    }

    [Theory]
    [InlineData("not json", "malformed event: event is not valid JSON")]
    [InlineData("[]", "malformed event: event is JSON StartArray, not an object")]
    [InlineData("""{"triggerSource":"PreSignUp_SignUp","userName":"a","request":{}}""", "malformed event: unexpected triggerSource \"PreSignUp_SignUp\"")]
    [InlineData("""{"triggerSource":"UserMigration_Authentication","request":{"password":"x"}}""", "malformed event: userName is missing")]
    [InlineData("""{"triggerSource":"UserMigration_Authentication","userName":5,"request":{"password":"x"}}""", "malformed event: userName is missing")]
    [InlineData("""{"triggerSource":"UserMigration_Authentication","userName":"a"}""", "malformed event: request is missing")]
    [InlineData("""{"triggerSource":"UserMigration_Authentication","userName":"a","request":{}}""", "malformed event: request.password is missing")]
    [InlineData("""{"triggerSource":"UserMigration_Authentication","userName":"a","request":{"password":""}}""", "malformed event: request.password is missing")]
    [InlineData("""{"triggerSource":"UserMigration_ForgotPassword","userName":"a","request":{},"response":[]}""", "malformed event: response is not an object")]
    public void Migration_Should_Refuse_When_TheEventIsMalformed(string e, string message)
    {
        var trigger = Trigger();

        Assert.Throws<UserNotMigratedException>(() => Run(trigger, Encoding.UTF8.GetBytes(e)));

        Assert.StartsWith($"user not migrated: {message}", _log.Errors.Single().Text("message"), StringComparison.Ordinal);
        Assert.Empty(_oldPool.Requests);
    }

    [Fact]
    public void Password_Should_NeverBeLogged_WhateverHappens()
    {
        Send(Trigger(), AuthenticationEvent);
        _oldPool.Challenge = "SOFTWARE_TOKEN_MFA";
        Refused(Trigger(), AuthenticationEvent);
        _oldPool.Challenge = null;
        _oldPool.Fail("AdminInitiateAuth", HttpStatusCode.BadRequest, "NotAuthorizedException");
        Refused(Trigger(), AuthenticationEvent);
        Assert.Throws<UserNotMigratedException>(() => Run(Trigger(), TestEvents.Load(AuthenticationEvent).Also(e => e["request"]!["password"] = new string('p', 300))));

        Assert.Equal(4, _log.Lines.Count);
        Assert.DoesNotContain(Password, _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ppppp", _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("alice@example.com\"", _log.Text.Replace("\"userName\":\"alice@example.com\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void RefusalMessage_Should_SayNothingAboutWhy()
    {
        _oldPool.Challenge = "SOFTWARE_TOKEN_MFA";

        var error = Assert.Throws<UserNotMigratedException>(() => Run(Trigger(), TestEvents.Load(AuthenticationEvent)));

        Assert.Equal("user not migrated", error.Message);
    }

    private UserMigration Trigger() =>
        new(n => MigrationVariables.GetValueOrDefault(n), _oldPool.Client(), _log.Stream, new FixedClock(TestTriggers.SigningTime), new TestCredentials(MigrationVariables));

    private static JsonObject Send(UserMigration trigger, string fixture) =>
        JsonNode.Parse(Run(trigger, TestEvents.Load(fixture)))!.AsObject();

    private static void Refused(UserMigration trigger, string fixture) =>
        Assert.Throws<UserNotMigratedException>(() => Run(trigger, TestEvents.Load(fixture)));

    private static byte[] Run(UserMigration trigger, JsonNode e) => Run(trigger, e.ToUtf8());

    private static byte[] Run(UserMigration trigger, byte[] e)
    {
        using var input = new MemoryStream(e);
        using var output = trigger.Handle(input);
        using var copy = new MemoryStream();
        output.CopyTo(copy);
        return copy.ToArray();
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}

/// The old user pool as AWS's API reference shows its answers: AdminInitiateAuth (tokens or a challenge),
/// AdminGetUser (UserAttributes as Name/Value pairs, Enabled, UserStatus), errors as 400 with X-Amzn-ErrorType.
internal sealed class OldPoolFake : HttpMessageHandler
{
    private readonly Dictionary<string, (HttpStatusCode Status, string Type)> _failures = new(StringComparer.Ordinal);

    public List<SentRequest> Requests { get; } = [];

    public List<string> Operations => [.. Requests.Select(r => r.Header("X-Amz-Target")!.Split('.')[1])];

    public SentRequest Request(string operation) => Requests.Single(r => r.Header("X-Amz-Target") == "AWSCognitoIdentityProviderService." + operation);

    public string? Challenge { get; set; }

    public bool Enabled { get; set; } = true;

    public (string Name, string Value)[] Attributes { get; set; } =
        [("sub", "7d8ca528-4931-4254-9273-ea5ee853f271"), ("email", "alice@example.com"), ("email_verified", "true"), ("name", "Alice"), ("custom:tenant", "acme")];

    /// <summary>When set, each request waits here until the other has arrived too (at most 10 s, then 500).</summary>
    public CountdownEvent? Rendezvous { get; set; }

    private string? _stall;
    private int _stalls;

    public void Fail(string operation, HttpStatusCode status, string type) => _failures[operation] = (status, type);

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> get no answer until the client gives up.</summary>
    public void StallNext(string operation, int times = 1) => (_stall, _stalls) = (operation, times);

    public HttpClient Client(TimeSpan? timeout = null) => new(this, disposeHandler: false) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Rendezvous is { } rendezvous)
        {
            rendezvous.Signal();
            if (!rendezvous.Wait(TimeSpan.FromSeconds(10), cancellationToken))
            {
                return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("""{"__type":"NotConcurrent"}""") };
            }
        }

        if (request.Headers.TryGetValues("X-Amz-Target", out var targets) && targets.Single().EndsWith("." + _stall, StringComparison.Ordinal)
            && Interlocked.Decrement(ref _stalls) >= 0)
        {
            cancellationToken.WaitHandle.WaitOne();
            cancellationToken.ThrowIfCancellationRequested();
        }

        var headers = request.Headers.Concat(request.Content!.Headers)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal);
        var body = request.Content.ReadAsByteArrayAsync(cancellationToken).GetAwaiter().GetResult();
        lock (Requests)
        {
            // Sign-in migration calls both operations at once.
            Requests.Add(new SentRequest(request.Method, request.RequestUri, headers, body));
        }

        var operation = headers["x-amz-target"].Split('.')[1];
        if (_failures.TryGetValue(operation, out var failure))
        {
            var error = new HttpResponseMessage(failure.Status) { Content = new StringContent($$"""{"__type":"{{failure.Type}}","message":"no"}""") };
            error.Headers.TryAddWithoutValidation("X-Amzn-ErrorType", $"{failure.Type}:http://internal.amazon.com/");
            return error;
        }

        var answer = operation switch
        {
            "AdminInitiateAuth" when Challenge is not null => $$"""{"ChallengeName":"{{Challenge}}","ChallengeParameters":{},"Session":"AYABeEXAMPLESESSION"}""",
            "AdminInitiateAuth" => """{"AuthenticationResult":{"AccessToken":"eyJ.a.b","ExpiresIn":3600,"IdToken":"eyJ.c.d","RefreshToken":"eyJ.e.f","TokenType":"Bearer"},"ChallengeParameters":{}}""",
            "AdminGetUser" => new JsonObject
            {
                ["Username"] = "7d8ca528-4931-4254-9273-ea5ee853f271",
                ["UserAttributes"] = new JsonArray([.. Attributes.Select(a => (JsonNode)new JsonObject { ["Name"] = a.Name, ["Value"] = a.Value })]),
                [nameof(Enabled)] = Enabled,
                ["UserStatus"] = "CONFIRMED",
                ["UserCreateDate"] = 1.767323045E9,
            }.ToJsonString(),
            _ => throw new InvalidOperationException(operation),
        };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/x-amz-json-1.1") };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));
}
