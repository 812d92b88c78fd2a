using System.Diagnostics;
using System.Text.Json;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;
using CognitoStack.Triggers.Claims;
using CognitoStack.Triggers.Events;
using CognitoStack.Triggers.Json;
using CognitoStack.Triggers.Logging;

namespace CognitoStack.Triggers;

/// <summary>
/// The pre token generation trigger (V2_0 or V3_0 event), handler <see cref="LambdaHandlers.PreTokenGeneration"/>:
/// for users it adds <c>tenant</c> (the verified email's domain, lower case) and <c>role_hint</c>
/// (<c>admin</c> for members of the group named by <c>ADMIN_GROUP</c>, otherwise <c>user</c>) to both the ID
/// and the access token; for machine tokens (<c>TokenGeneration_ClientCredentials</c>, V3_0 only) it adds
/// <c>machine_client_id</c> (the calling app client) to the access token.
/// </summary>
/// <remarks>
/// <para>
/// It never throws. Cognito fails the sign-in or refresh when a pre token generation function errors
/// (<c>UserLambdaValidationException</c>), and rejects output it cannot read as
/// <c>InvalidLambdaResponseException</c> ("Unrecognizable lambda output"). Claims are hints for the app,
/// not worth locking every user out over, so every problem is answered fail-safe instead: less
/// information, never more privilege.
/// </para>
/// <list type="bullet">
/// <item>A malformed event that is still a JSON object (missing <c>request</c>, wrong member types, an
/// unsupported version or trigger source) is returned byte for byte: Cognito issues its default tokens,
/// with no custom claim.</item>
/// <item>Input that is not a JSON object (not JSON, <c>null</c>, an array, invalid UTF-8, too large) has
/// nothing to echo: the answer is <c>{}</c>, which customizes nothing. Cognito itself never sends such
/// input; should it reject <c>{}</c>, that sign-in fails closed, which is also safe.</item>
/// <item>A missing or invalid <c>ADMIN_GROUP</c> is logged once, at start-up, and <c>role_hint</c> is then
/// left out (never defaulted to a group name that might not be the intended one).</item>
/// </list>
/// Every problem is logged as one JSON line with <c>level: error</c>.
/// </remarks>
public sealed class PreTokenGeneration
{
    /// <summary>Environment variable naming the group whose members get <c>role_hint: admin</c>.</summary>
    public const string AdminGroupVariable = EnvironmentVariables.AdminGroup;

    // Machine-to-machine tokens (V3_0 events only): no user, no ID token.
    private const string ClientCredentials = "TokenGeneration_ClientCredentials";

    private readonly string? _adminGroup;
    private readonly TriggerLog _log;

    /// <summary>Reads <c>ADMIN_GROUP</c> from the environment (the Lambda entry point).</summary>
    public PreTokenGeneration()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Reads <c>ADMIN_GROUP</c> from <paramref name="readVariable"/>; logs an error if it is missing or invalid.</summary>
    /// <param name="readVariable">Returns a variable's value, or null when it is not set.</param>
    /// <param name="logOutput">Where log lines go; standard output when left out.</param>
    public PreTokenGeneration(Func<string, string?> readVariable, Stream? logOutput = null)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        _log = new TriggerLog(logOutput ?? Console.OpenStandardOutput(), nameof(PreTokenGeneration));
        var adminGroup = readVariable(AdminGroupVariable);
        var problem = GroupName.Check(AdminGroupVariable, adminGroup);
        if (problem is not null)
        {
            _log.Error($"invalid configuration: {problem}; role_hint will be left out of every token", EventIdentity.None);
            return;
        }

        _adminGroup = adminGroup;
        WarmUp();
    }

    /// <summary>Answers one pre token generation event.</summary>
    /// <param name="input">The event JSON.</param>
    /// <returns>The event with <c>response.claimsAndScopeOverrideDetails</c> filled, or the event unchanged.</returns>
    public Stream Handle(Stream input) => Handle(input, _log);

    // Initialization work moved out of the first sign-in (issue 22): one sample V2 event through the same
    // path a real one takes, its answer and log line thrown away. It builds the serializer metadata and
    // runs (JIT-compiles) that path in the constructor, which Lambda runs in the Init phase and SnapStart
    // captures. Nothing unique per execution environment (clock, random, credentials, connections) is
    // created or kept here.
    private void WarmUp()
    {
        using var sample = new MemoryStream(WarmUpEvent, writable: false);
        using var answer = Handle(sample, new TriggerLog(Stream.Null, nameof(PreTokenGeneration)));
    }

    private static byte[] WarmUpEvent =>
        """
        {"version":"2","triggerSource":"TokenGeneration_Authentication","region":"eu-west-1","userPoolId":"eu-west-1_WARMUP",
         "userName":"warm-up","callerContext":{"awsSdkVersion":"warm-up","clientId":"warmup"},
         "request":{"userAttributes":{"sub":"warm-up","email_verified":"true","email":"warm-up@example.invalid"},
          "groupConfiguration":{"groupsToOverride":["warm-up"],"iamRolesToOverride":[],"preferredRole":null},"scopes":["openid"]},
         "response":{"claimsAndScopeOverrideDetails":null}}
        """u8.ToArray();

    private Stream Handle(Stream input, TriggerLog log)
    {
        var started = Stopwatch.GetTimestamp();
        var payload = EventPayload.Read(input);
        if (payload.Problem is not null)
        {
            log.Error($"malformed event: {payload.Problem}; answered {{}} (no custom claims)", EventIdentity.None);
            return payload.Unchanged();
        }

        PreTokenGenerationEvent? e = null;
        try
        {
            e = JsonSerializer.Deserialize(payload.Bytes, TriggersJsonContext.Default.PreTokenGenerationEvent);
            var problem = Check(e);
            if (problem is not null)
            {
                log.Error($"malformed event: {problem}; returned unchanged (no custom claims)", e?.ToIdentity() ?? EventIdentity.None);
                return payload.Unchanged();
            }

            var claims = e!.TriggerSource == ClientCredentials
                ? TokenClaims.ForMachine(e.CallerContext!.ClientId!)
                : TokenClaims.For(e.Request!.Attribute("email"), e.Request.Attribute("email_verified"), e.Request.GroupConfiguration?.GroupsToOverride, _adminGroup);
            if (claims.IsEmpty)
            {
                log.Info("no claims to add; returned unchanged", e.ToIdentity(), new LogDetails(DurationMs: Elapsed(started)));
                return payload.Unchanged();
            }

            AddClaims(e, claims);
            var output = JsonSerializer.SerializeToUtf8Bytes(e, TriggersJsonContext.Default.PreTokenGenerationEvent);
            log.Info("claims added", e.ToIdentity(), new LogDetails(Claims: claims.Names, DurationMs: Elapsed(started)));
            return new MemoryStream(output, writable: false);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            // What reading the event throws is the event's fault (wrong member types, invalid escapes).
            log.Error($"malformed event: {exception.GetType().Name} while reading it; returned unchanged (no custom claims)", e?.ToIdentity() ?? EventIdentity.None);
            return payload.Unchanged();
        }
        catch (Exception exception)
        {
            // The trigger must answer, never throw: a throwing trigger blocks sign-in.
            log.Error($"unexpected {exception.GetType().Name}; returned unchanged (no custom claims)", e?.ToIdentity() ?? EventIdentity.None);
            return payload.Unchanged();
        }
    }

    private static string? Check(PreTokenGenerationEvent? e)
    {
        if (e is null)
        {
            return "event is JSON null";
        }

        if (e.Version is not ("2" or "3"))
        {
            return $"version {Quote.Value(e.Version)} is not a V2_0/V3_0 event (configure the trigger with LambdaVersion V2_0 or V3_0)";
        }

        if (e.TriggerSource is null || !e.TriggerSource.StartsWith("TokenGeneration_", StringComparison.Ordinal))
        {
            return $"triggerSource {Quote.Value(e.TriggerSource)} is not a pre token generation source";
        }

        if (e.TriggerSource == ClientCredentials)
        {
            return IsClientId(e.CallerContext?.ClientId) ? null : $"callerContext.clientId {Quote.Value(e.CallerContext?.ClientId)} is not an app client ID";
        }

        if (e.Request is null)
        {
            return "request is missing";
        }

        return e.Request.UnreadableAttribute() is { } name ? $"request.userAttributes {Quote.Value(name)} is neither a string nor a boolean" : null;
    }

    // Cognito's ClientId pattern: [\w+]+, at most 128 characters
    // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html).
    private static bool IsClientId(string? value) =>
        value is { Length: >= 1 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '+');

    // Merges into whatever the response already holds; Cognito sends claimsAndScopeOverrideDetails: null.
    private static void AddClaims(PreTokenGenerationEvent e, TokenClaims claims)
    {
        var response = e.Response ??= new PreTokenGenerationResponse();
        var details = response.ClaimsAndScopeOverrideDetails ??= new ClaimsAndScopeOverrideDetails();
        var accessClaims = (details.AccessTokenGeneration ??= new TokenGeneration()).ClaimsToAddOrOverride ??= [];
        var idClaims = claims.ForIdToken ? (details.IdTokenGeneration ??= new TokenGeneration()).ClaimsToAddOrOverride ??= [] : null;
        foreach (var (name, value) in claims.ToPairs())
        {
            var element = JsonSerializer.SerializeToElement(value, TriggersJsonContext.Default.String);
            accessClaims[name] = element;
            if (idClaims is not null)
            {
                idClaims[name] = element;
            }
        }
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
