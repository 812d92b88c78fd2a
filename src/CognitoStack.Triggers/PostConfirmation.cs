using System.Diagnostics;
using System.Text.Json;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Triggers.Claims;
using CognitoStack.Triggers.Events;
using CognitoStack.Triggers.Groups;
using CognitoStack.Triggers.Json;
using CognitoStack.Triggers.Logging;

namespace CognitoStack.Triggers;

/// <summary>
/// The post confirmation trigger, handler <see cref="LambdaHandlers.PostConfirmation"/>:
/// on <c>PostConfirmation_ConfirmSignUp</c> it adds the user to the group named by <c>DEFAULT_GROUP</c>
/// (Cognito's <c>AdminAddUserToGroup</c>, signed with the function's role credentials as Lambda gives them, see
/// <see cref="LambdaCredentials"/>); on
/// <c>PostConfirmation_ConfirmForgotPassword</c> it does nothing.
/// </summary>
/// <remarks>
/// It always returns the event unchanged (Cognito expects the event back) and never throws. When the
/// trigger runs the user is already confirmed: a failing trigger would only show the user an error for a
/// sign-up that in fact succeeded, and could not undo it. So every failure (HTTP error, timeout, malformed
/// event, missing or invalid configuration or credentials) is logged as one JSON line with
/// <c>level: error</c>, the user pool ID and user name, and the sign-up goes on; the membership can be
/// repaired later from those lines (<c>aws cognito-idp admin-add-user-to-group</c>). The user meanwhile
/// has no group, which grants less, not more. The HTTP call is bounded by <see cref="HttpTimeout"/>,
/// well inside the 5 seconds Cognito waits for a trigger.
/// </remarks>
public sealed class PostConfirmation
{
    /// <summary>Environment variable naming the group every confirmed user joins, e.g. <c>users</c>.</summary>
    public const string DefaultGroupVariable = EnvironmentVariables.DefaultGroup;

    /// <summary>Environment variable Lambda sets to the function's region.</summary>
    public const string RegionVariable = "AWS_REGION";

    /// <summary>Longest the <c>AdminAddUserToGroup</c> call may take, leaving room in Cognito's 5 seconds.</summary>
    public static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(2);

    private const string ConfirmSignUp = "PostConfirmation_ConfirmSignUp";
    private const string ConfirmForgotPassword = "PostConfirmation_ConfirmForgotPassword";

    // One client per execution environment (see AwsClient.CreateHttpClient); creating it opens no connection.
    private static readonly HttpClient SharedHttpClient = AwsClient.CreateHttpClient(HttpTimeout);

    private readonly TriggerLog _log;
    private readonly string? _defaultGroup;
    private readonly string? _configurationError;
    private readonly UserPoolGroups? _groups;

    /// <summary>Reads the configuration from the environment and calls Cognito over HTTPS (the Lambda entry point).</summary>
    public PostConfirmation()
        : this(Environment.GetEnvironmentVariable, SharedHttpClient)
    {
    }

    /// <summary>
    /// Reads <c>DEFAULT_GROUP</c> and <c>AWS_REGION</c> from <paramref name="readVariable"/> and validates
    /// them; a problem is logged now and again, with the user, on every sign-up it affects. Credentials are
    /// resolved at the first sign-up, never here (SnapStart), so a missing one is reported with the user it failed.
    /// </summary>
    /// <param name="readVariable">Returns a variable's value, or null when it is not set.</param>
    /// <param name="httpClient">Sends the API request; its <see cref="HttpClient.Timeout"/> bounds the call.</param>
    /// <param name="logOutput">Where log lines go; standard output when left out.</param>
    /// <param name="clock">The signing time; the system clock when left out.</param>
    /// <param name="credentials">Where credentials come from; <see cref="LambdaCredentials"/> (the process environment,
    /// as Lambda sets it) when left out.</param>
    public PostConfirmation(Func<string, string?> readVariable, HttpClient httpClient, Stream? logOutput = null, TimeProvider? clock = null,
        IAwsCredentialSource? credentials = null)
        : this(readVariable, httpClient, logOutput, clock, credentials, endpoint: null)
    {
    }

    /// <summary>As the public constructor, sending requests to <paramref name="endpoint"/> (tests: cognito-local).</summary>
    internal PostConfirmation(Func<string, string?> readVariable, HttpClient httpClient, Stream? logOutput, TimeProvider? clock,
        IAwsCredentialSource? credentials, Uri? endpoint)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        ArgumentNullException.ThrowIfNull(httpClient);
        _log = new TriggerLog(logOutput ?? Console.OpenStandardOutput(), nameof(PostConfirmation));

        var defaultGroup = readVariable(DefaultGroupVariable);
        var region = readVariable(RegionVariable);
        _configurationError = GroupName.Check(DefaultGroupVariable, defaultGroup) ?? CheckRegion(region);
        if (_configurationError is not null)
        {
            _log.Error($"invalid configuration: {_configurationError}; confirmed users will not be added to a group", EventIdentity.None);
            return;
        }

        _defaultGroup = defaultGroup;
        _groups = new UserPoolGroups(AwsJsonService.CognitoUserPools(
            new AwsClient(httpClient, region!, credentials ?? new LambdaCredentials(), RetryPolicy.Trigger(httpClient, HttpTimeout), clock), endpoint));

        // Initialization work moved out of the first sign-up (issue 22): the event's serializer metadata
        // and one signed, unsent request (see UserPoolGroups.WarmUp). No connection is opened here.
        _ = JsonSerializer.Deserialize(WarmUpEvent, TriggersJsonContext.Default.PostConfirmationEvent);
        _groups.WarmUp();
    }

    private static ReadOnlySpan<byte> WarmUpEvent =>
        """
        {"version":"1","triggerSource":"PostConfirmation_ConfirmSignUp","region":"eu-west-1","userPoolId":"eu-west-1_WARMUP",
         "userName":"warm-up","callerContext":{"awsSdkVersion":"warm-up","clientId":"warmup"},
         "request":{"userAttributes":{"sub":"warm-up","cognito:user_status":"CONFIRMED","email_verified":"true","email":"warm-up@example.invalid"}},
         "response":{}}
        """u8;

    /// <summary>Answers one post confirmation event.</summary>
    /// <param name="input">The event JSON.</param>
    /// <returns>The event, unchanged (<c>{}</c> when the input was not a JSON object).</returns>
    public Stream Handle(Stream input)
    {
        var started = Stopwatch.GetTimestamp();
        var payload = EventPayload.Read(input);
        if (payload.Problem is not null)
        {
            _log.Error($"malformed event: {payload.Problem}; user not added to a group", EventIdentity.None);
            return payload.Unchanged();
        }

        var identity = EventIdentity.None;
        try
        {
            var e = JsonSerializer.Deserialize(payload.Bytes, TriggersJsonContext.Default.PostConfirmationEvent);
            identity = e?.ToIdentity() ?? EventIdentity.None;
            Confirm(e, identity, started);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            _log.Error($"malformed event: {exception.GetType().Name} while reading it; user not added to a group", identity);
        }
        catch (Exception exception)
        {
            // The trigger must answer, never throw: the user is already confirmed.
            _log.Error($"unexpected {exception.GetType().Name}; user not added to a group", identity);
        }

        return payload.Unchanged();
    }

    private void Confirm(PostConfirmationEvent? e, EventIdentity identity, long started)
    {
        if (e is null)
        {
            _log.Error("malformed event: event is JSON null; user not added to a group", identity);
            return;
        }

        if (e.TriggerSource == ConfirmForgotPassword)
        {
            _log.Info("password reset confirmed; nothing to do", identity, new LogDetails(DurationMs: Elapsed(started)));
            return;
        }

        if (e.TriggerSource != ConfirmSignUp)
        {
            _log.Error($"unexpected triggerSource {Quote.Value(e.TriggerSource)}; user not added to a group", identity);
            return;
        }

        var problem = _configurationError ?? CheckUser(e);
        if (problem is not null)
        {
            _log.Error($"user not added to a group: {problem}", identity, new LogDetails(Group: _defaultGroup));
            return;
        }

        var result = _groups!.AddUserToGroup(e.UserPoolId!, e.UserName!, _defaultGroup!);
        var details = new LogDetails(Group: _defaultGroup, ErrorType: result.ErrorType, Status: result.Status, DurationMs: Elapsed(started));
        if (result.Succeeded)
        {
            _log.Info(result.Message, identity, details);
        }
        else
        {
            _log.Error($"user not added to a group: {result.Message}", identity, details);
        }
    }

    // Cognito's own patterns: user pool IDs are "<region>_<id>", user names 1-128 characters.
    private static string? CheckUser(PostConfirmationEvent e)
    {
        var poolId = e.UserPoolId;
        var underscore = poolId?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        if (poolId is null || poolId.Length > 55 || underscore < 1 || underscore == poolId.Length - 1)
        {
            return $"userPoolId {Quote.Value(poolId)} is not a user pool ID";
        }

        return e.UserName is { Length: >= 1 and <= 128 } ? null : $"userName {Quote.Value(e.UserName)} is missing or longer than 128 characters";
    }

    // Also keeps the endpoint host name well formed: the region becomes part of it.
    private static string? CheckRegion(string? region)
    {
        var valid = region is { Length: >= 1 and <= 32 }
            && region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && region[0] != '-' && region[^1] != '-';
        return valid ? null : $"{RegionVariable} {Quote.Value(region)} is invalid: expected a region such as \"eu-west-1\"";
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
