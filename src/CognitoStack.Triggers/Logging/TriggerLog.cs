using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CognitoStack.Triggers.Logging;

/// <summary>
/// Writes one JSON object per line (CloudWatch Logs parses them as structured events). Only identifiers
/// and outcomes are logged: never credentials, tokens, signatures, email addresses or claim values.
/// </summary>
/// <param name="output">Where lines go: standard output in Lambda.</param>
/// <param name="trigger">The trigger's name, written on every line.</param>
[SuppressMessage("Design", "CA1001", Justification = "The writer only targets an in-memory buffer; it holds nothing to release.")]
internal sealed class TriggerLog(Stream output, string trigger)
{
    private const int MaxFieldLength = 200;

    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer = new(Stream.Null);

    /// <summary>Logs an outcome that needs no attention.</summary>
    public void Info(string message, EventIdentity identity, LogDetails details = default) =>
        Write("info", message, identity, details);

    /// <summary>Logs a problem: the trigger still answered, but did less than it should have.</summary>
    public void Error(string message, EventIdentity identity, LogDetails details = default) =>
        Write("error", message, identity, details);

    private void Write(string level, string message, EventIdentity identity, LogDetails details)
    {
        lock (_gate)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            _writer.WriteString("level"u8, level);
            _writer.WriteString("message"u8, Truncate(message));
            _writer.WriteString("trigger"u8, trigger);
            WriteOptional("triggerSource"u8, identity.TriggerSource);
            WriteOptional("userPoolId"u8, identity.UserPoolId);
            WriteOptional("userName"u8, identity.UserName);
            WriteOptional("clientId"u8, identity.ClientId);
            WriteOptional("group"u8, details.Group);
            WriteOptional("claims"u8, details.Claims);
            WriteOptional("errorType"u8, details.ErrorType);
            if (details.Status is { } status)
            {
                _writer.WriteNumber("status"u8, status);
            }

            if (details.DurationMs is { } duration)
            {
                _writer.WriteNumber("durationMs"u8, Math.Round(duration, 3));
            }

            _writer.WriteEndObject();
            _writer.Flush();
            _buffer.Write("\n"u8);
            try
            {
                output.Write(_buffer.WrittenSpan);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or NotSupportedException)
            {
                // A closed or broken stdout must not fail the trigger.
            }
        }
    }

    private void WriteOptional(ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteString(name, Truncate(value));
        }
    }

    private static ReadOnlySpan<char> Truncate(string value) =>
        value.Length <= MaxFieldLength ? value : value.AsSpan(0, MaxFieldLength);
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
    double? DurationMs = null);
