using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Triggers.Events;
using CognitoStack.Triggers.Logging;
using CognitoStack.Triggers.Migration;

namespace CognitoStack.Triggers;

/// <summary>
/// The user migration trigger, handler <see cref="LambdaHandlers.UserMigration"/>, attached to the NEW pool.
/// Cognito calls it when someone signs in with a password, or asks for a password reset, under a name the
/// new pool does not know (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html):
/// <list type="bullet">
/// <item><c>UserMigration_Authentication</c>: checks the name and password against the OLD pool
/// (<c>AdminInitiateAuth</c>, <c>ADMIN_USER_PASSWORD_AUTH</c>, on a dedicated old-pool client), reads the
/// user (<c>AdminGetUser</c>) and answers with the attributes, <c>finalUserStatus: CONFIRMED</c> (the user
/// keeps the password) and <c>messageAction: SUPPRESS</c> (no welcome message).</item>
/// <item><c>UserMigration_ForgotPassword</c>: reads the user (<c>AdminGetUser</c>) and answers with the
/// attributes and <c>messageAction: SUPPRESS</c>; Cognito then sends the reset code to the verified email.
/// No <c>finalUserStatus</c>: AWS's page sets it for sign-in only.</item>
/// </list>
/// </summary>
/// <remarks>
/// Refusing is throwing: Cognito then fails the sign-in or reset, and the user is not created. It refuses a
/// wrong password, an unknown or disabled user, an old pool that asks for MFA or a new password (the
/// password alone must not replace a second factor; such users migrate by resetting their password), a
/// reset for a user without a verified email, a malformed event, missing configuration or credentials, and
/// any failed call. Each refusal is one log line; wrong passwords and unknown users are <c>info</c>,
/// everything an operator should look at is <c>error</c>. The password is never logged, nor any attribute
/// value. At sign-in the two calls run concurrently, each bounded by <see cref="HttpTimeout"/>, so a cold start
/// plus both calls at their timeout stay well inside the 5 seconds Cognito waits for a trigger, which cannot be
/// changed (measured: docs/performance.md, "User migration within Cognito's 5 seconds").
/// </remarks>
public sealed class UserMigration
{
    /// <summary>Longest each old-pool call may take; the two run concurrently, so a cold start plus one timeout fits in Cognito's 5 seconds.</summary>
    public static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>The sign-in trigger source.</summary>
    public const string Authentication = "UserMigration_Authentication";

    /// <summary>The forgot-password trigger source.</summary>
    public const string ForgotPassword = "UserMigration_ForgotPassword";

    // Attributes Cognito assigns itself in the new pool; returning them would fail the migration.
    private static readonly HashSet<string> Assigned = new(StringComparer.Ordinal) { "sub", "identities" };

    // One client per execution environment (see AwsClient.CreateHttpClient); creating it opens no connection.
    private static readonly HttpClient SharedHttpClient = AwsClient.CreateHttpClient(HttpTimeout);

    private readonly TriggerLog _log;
    private readonly string? _configurationError;
    private readonly OldUserPool? _oldPool;

    /// <summary>Reads the configuration from the environment and calls Cognito over HTTPS (the Lambda entry point).</summary>
    public UserMigration()
        : this(Environment.GetEnvironmentVariable, SharedHttpClient)
    {
    }

    /// <summary>
    /// Reads <c>OLD_USER_POOL_ID</c>, <c>OLD_CLIENT_ID</c> and <c>OLD_REGION</c> from
    /// <paramref name="readVariable"/> and validates them; a problem is logged now and again with every
    /// event it refuses. Credentials are resolved at the first event, never here (SnapStart).
    /// </summary>
    /// <param name="readVariable">Returns a variable's value, or null when it is not set.</param>
    /// <param name="httpClient">Sends the API requests; its <see cref="HttpClient.Timeout"/> bounds each call.</param>
    /// <param name="logOutput">Where log lines go; standard output when left out.</param>
    /// <param name="clock">The signing time; the system clock when left out.</param>
    /// <param name="credentials">Where credentials come from; <see cref="LambdaCredentials"/> (the process environment,
    /// as Lambda sets it) when left out.</param>
    public UserMigration(Func<string, string?> readVariable, HttpClient httpClient, Stream? logOutput = null, TimeProvider? clock = null,
        IAwsCredentialSource? credentials = null)
        : this(readVariable, httpClient, logOutput, clock, endpoint: null, credentials)
    {
    }

    /// <summary>As the public constructor, sending requests to <paramref name="endpoint"/> (tests: cognito-local).</summary>
    internal UserMigration(Func<string, string?> readVariable, HttpClient httpClient, Stream? logOutput, TimeProvider? clock, Uri? endpoint,
        IAwsCredentialSource? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        ArgumentNullException.ThrowIfNull(httpClient);
        _log = new TriggerLog(logOutput ?? Console.OpenStandardOutput(), nameof(UserMigration));

        var poolId = readVariable(EnvironmentVariables.OldUserPoolId);
        var clientId = readVariable(EnvironmentVariables.OldClientId);
        var region = readVariable(EnvironmentVariables.OldRegion);
        _configurationError =
            !CognitoIds.IsUserPoolId(poolId) ? $"{EnvironmentVariables.OldUserPoolId} {Quote.Value(poolId)} is invalid: {CognitoIds.UserPoolIdRule}"
            : !CognitoIds.IsClientId(clientId) ? $"{EnvironmentVariables.OldClientId} {Quote.Value(clientId)} is invalid: {CognitoIds.ClientIdRule}"
            : !CognitoIds.IsRegion(region) || region != CognitoIds.RegionOf(poolId!) ? $"{EnvironmentVariables.OldRegion} {Quote.Value(region)} is invalid: use the old pool's region, {CognitoIds.RegionOf(poolId!)}"
            : null;
        if (_configurationError is not null)
        {
            _log.Error($"invalid configuration: {_configurationError}; no user will be migrated", EventIdentity.None);
            return;
        }

        _oldPool = new OldUserPool(
            AwsJsonService.CognitoUserPools(new AwsClient(httpClient, region!, credentials ?? new LambdaCredentials(), RetryPolicy.Trigger(httpClient, HttpTimeout), clock), endpoint),
            poolId!, clientId!);
    }

    /// <summary>Answers one user migration event.</summary>
    /// <param name="input">The event JSON.</param>
    /// <returns>The event with <c>response</c> filled in.</returns>
    /// <exception cref="UserNotMigratedException">The user is not migrated (logged with the reason); the only exception it throws.</exception>
    /// <remarks>
    /// Safe to retry. Cognito calls the function again when it does not answer in time
    /// (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html):
    /// the trigger only reads the old pool and writes nothing anywhere, so the same event gets the same answer,
    /// and the user is created in the new pool from an answer only, once.
    /// </remarks>
    public Stream Handle(Stream input)
    {
        var started = Stopwatch.GetTimestamp();
        var payload = EventPayload.Read(input);
        if (payload.Problem is not null)
        {
            throw Refuse(true, $"malformed event: {payload.Problem}", EventIdentity.None, started);
        }

        var identity = EventIdentity.None;
        try
        {
            return Migrate(payload, ref identity, started);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            // What reading or writing the event throws is the event's fault: duplicate member names, an invalid
            // escape such as a lone surrogate (also in clientMetadata), a member of the wrong type.
            throw Refuse(true, $"malformed event: {exception.GetType().Name} while reading it", identity, started);
        }
        catch (Exception exception) when (exception is not UserNotMigratedException)
        {
            // Refusing is the only failure Cognito should see from this trigger.
            throw Refuse(true, $"unexpected {exception.GetType().Name}", identity, started);
        }
    }

    private MemoryStream Migrate(EventPayload payload, ref EventIdentity identity, long started)
    {
        var root = JsonNode.Parse(payload.Bytes, documentOptions: EventNode.Options) as JsonObject;
        identity = new EventIdentity(Text(root, "triggerSource"), Text(root, "userPoolId"), Text(root, "userName"), Text(root?["callerContext"], "clientId"));
        var problem = root is null ? "event is not a JSON object"
            : identity.TriggerSource is not (Authentication or ForgotPassword) ? $"unexpected triggerSource {Quote.Value(identity.TriggerSource)}"
            : identity.UserName is not { Length: >= 1 and <= 128 } ? "userName is missing or longer than 128 characters"
            : root["request"] is not JsonObject ? "request is missing"
            : root["response"] is not (null or JsonObject) ? "response is not an object"
            : null;
        if (problem is not null)
        {
            throw Refuse(true, $"malformed event: {problem}", identity, started);
        }

        // The answer is this event with a response: an event that cannot be written back (duplicate members,
        // invalid escapes anywhere in it) is refused now, before the old pool counts a sign-in attempt.
        Write(root!).Dispose();

        if (_configurationError is not null)
        {
            throw Refuse(true, $"invalid configuration: {_configurationError}", identity, started);
        }

        var signIn = identity.TriggerSource == Authentication;
        string? password = null;
        if (signIn)
        {
            password = Text(root!["request"], "password");
            if (password is not { Length: >= 1 and <= 256 })
            {
                throw Refuse(true, "malformed event: request.password is missing or longer than 256 characters", identity, started);
            }
        }

        var (answer, user) = _oldPool!.VerifyAndGetUser(identity.UserName!, password);
        if (answer.Outcome != OldPoolOutcome.Verified)
        {
            throw Refuse(answer, identity, started);
        }

        var attributes = Attributes(user!);
        if (user!.Enabled == false)
        {
            throw Refuse(false, "the user is disabled in the old pool", identity, started);
        }

        if (!signIn && attributes[CognitoAttributes.EmailVerified]!.GetValue<string>() != "true")
        {
            throw Refuse(false, "the user has no verified email in the old pool: no reset code could reach them", identity, started);
        }

        var response = root!["response"] as JsonObject ?? [];
        root["response"] = response;
        response["userAttributes"] = attributes;
        response["messageAction"] = "SUPPRESS";
        if (signIn)
        {
            response["finalUserStatus"] = "CONFIRMED";
        }

        // Logged once the answer is written: a success line always means Cognito got an answer.
        var output = Write(root);
        _log.Info(signIn ? "user migrated with their password" : "user migrated for a password reset", identity,
            new LogDetails(Status: answer.Status, DurationMs: Elapsed(started)));
        return output;
    }

    // Every attribute of the old user but those Cognito assigns; email_verified always present, as "true" or "false".
    private static JsonObject Attributes(AdminGetUserResponse user)
    {
        var attributes = new JsonObject();
        foreach (var attribute in user.UserAttributes!)
        {
            if (attribute.Value is not null && !Assigned.Contains(attribute.Name!) && !attribute.Name!.StartsWith("cognito:", StringComparison.Ordinal))
            {
                attributes[attribute.Name] = attribute.Value;
            }
        }

        var verified = attributes[CognitoAttributes.EmailVerified]?.GetValue<string>();
        attributes[CognitoAttributes.EmailVerified] = string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
        return attributes;
    }

    private static MemoryStream Write(JsonObject root)
    {
        var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            root.WriteTo(writer);
        }

        output.Position = 0;
        return output;
    }

    private static string? Text(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    private UserNotMigratedException Refuse(OldPoolAnswer answer, EventIdentity identity, long started) =>
        Refuse(answer.Outcome == OldPoolOutcome.Failed, answer.Message, identity, started, answer.ErrorType, answer.Status);

    private UserNotMigratedException Refuse(bool error, string reason, EventIdentity identity, long started, string? errorType = null, int? status = null)
    {
        var details = new LogDetails(ErrorType: errorType, Status: status, DurationMs: Elapsed(started));
        if (error)
        {
            _log.Error($"user not migrated: {reason}", identity, details);
        }
        else
        {
            _log.Info($"user not migrated: {reason}", identity, details);
        }

        return new UserNotMigratedException();
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static class CognitoAttributes
    {
        public const string EmailVerified = "email_verified";
    }
}

/// <summary>
/// Thrown to make Cognito refuse the migration. Its message reaches the app (Cognito wraps it), so it says
/// nothing about why: the reason is in the function's log.
/// </summary>
public sealed class UserNotMigratedException : Exception
{
    /// <summary>Creates the exception with its fixed message.</summary>
    public UserNotMigratedException()
        : base("user not migrated")
    {
    }
}
