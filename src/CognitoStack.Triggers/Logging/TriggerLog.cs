using CognitoStack.Lambda.Common;

namespace CognitoStack.Triggers.Logging;

/// <summary>
/// One JSON line per outcome (see <see cref="JsonLog"/>), naming the trigger and the event. Only
/// identifiers and outcomes are logged: never credentials, tokens, signatures, email addresses or claim values.
/// </summary>
/// <param name="output">Where lines go: standard output in Lambda.</param>
/// <param name="trigger">The trigger's name, written on every line.</param>
internal sealed class TriggerLog(Stream output, string trigger)
{
    private readonly JsonLog _log = new(output);

    /// <summary>Logs an outcome that needs no attention.</summary>
    public void Info(string message, EventIdentity identity, LogDetails details = default) =>
        _log.Write("info", message, new TriggerFields(trigger, identity, details));

    /// <summary>Logs a problem: the trigger still answered, but did less than it should have.</summary>
    public void Error(string message, EventIdentity identity, LogDetails details = default) =>
        _log.Write("error", message, new TriggerFields(trigger, identity, details));

    private readonly record struct TriggerFields(string Trigger, EventIdentity Identity, LogDetails Details) : ILogFields
    {
        public void WriteTo(LogLine line)
        {
            line.Text("trigger"u8, Trigger);
            line.Text("triggerSource"u8, Identity.TriggerSource);
            line.Text("userPoolId"u8, Identity.UserPoolId);
            line.Text("userName"u8, Identity.UserName);
            line.Text("clientId"u8, Identity.ClientId);
            line.Text("group"u8, Details.Group);
            line.Text("claims"u8, Details.Claims);
            line.Text("errorType"u8, Details.ErrorType);
            line.Text("outcome"u8, Details.Outcome);
            line.Text("locale"u8, Details.Locale);
            line.Number("status"u8, Details.Status);
            line.Milliseconds("durationMs"u8, Details.DurationMs);
        }
    }
}

/// <summary>Who and what an event is about, as far as the event said; any part may be missing.</summary>
internal readonly record struct EventIdentity(string? TriggerSource, string? UserPoolId, string? UserName, string? ClientId)
{
    public static EventIdentity None => default;
}

/// <summary>Optional fields of a log line.</summary>
internal readonly record struct LogDetails(
    string? Group = null,
    string? Claims = null,
    string? ErrorType = null,
    int? Status = null,
    double? DurationMs = null,
    string? Outcome = null,
    string? Locale = null);
