using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CognitoStack.Lambda.Common;

/// <summary>The fields one kind of log line adds after <c>level</c> and <c>message</c>.</summary>
public interface ILogFields
{
    /// <summary>Writes the fields that are set.</summary>
    /// <param name="line">The line being written.</param>
    void WriteTo(LogLine line);
}

/// <summary>
/// Writes one JSON object per line to standard output, which Lambda's JSON log format passes to CloudWatch
/// Logs as a structured event. Callers log identifiers and outcomes only: never credentials, tokens,
/// bodies, email addresses or claim values. Thread-safe; reuses one buffer, so logging does not allocate.
/// </summary>
/// <param name="output">Where lines go: standard output in Lambda.</param>
[SuppressMessage("Design", "CA1001", Justification = "The writer only targets an in-memory buffer; it holds nothing to release.")]
public sealed class JsonLog(Stream output)
{
    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer = new(Stream.Null);

    /// <summary>Longest message written; messages quote event values only through <see cref="Quote"/>, so this is a backstop.</summary>
    public const int MaxMessageLength = 1_000;

    /// <summary>Writes one line: <c>level</c>, <c>message</c>, then <paramref name="fields"/>.</summary>
    /// <param name="level"><c>info</c>, <c>warn</c> or <c>error</c>.</param>
    /// <param name="message">What happened; must not contain secrets.</param>
    /// <param name="fields">The line's other fields.</param>
    public void Write<TFields>(string level, string message, in TFields fields)
        where TFields : ILogFields
    {
        lock (_gate)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            _writer.WriteString("level"u8, level);
            _writer.WriteString("message"u8, message.Length <= MaxMessageLength ? message : message.AsSpan(0, MaxMessageLength));
            var line = new LogLine(_writer);
            fields.WriteTo(line);
            _writer.WriteEndObject();
            _writer.Flush();
            _buffer.Write("\n"u8);
            try
            {
                output.Write(_buffer.WrittenSpan);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or NotSupportedException)
            {
                // A closed or broken stdout must not fail the invocation.
            }
        }
    }
}

/// <summary>One log line being written; each method leaves the field out when its value is null.</summary>
public readonly struct LogLine
{
    /// <summary>Longest string field written; longer values are cut.</summary>
    public const int MaxFieldLength = 200;

    private readonly Utf8JsonWriter _writer;

    internal LogLine(Utf8JsonWriter writer) => _writer = writer;

    /// <summary>Writes a string field, cut to <see cref="MaxFieldLength"/> characters.</summary>
    public void Text(ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteString(name, value.Length <= MaxFieldLength ? value : value.AsSpan(0, MaxFieldLength));
        }
    }

    /// <summary>Writes a whole-number field.</summary>
    public void Number(ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            _writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a duration in milliseconds, rounded to microseconds.</summary>
    public void Milliseconds(ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } milliseconds)
        {
            _writer.WriteNumber(name, Math.Round(milliseconds, 3));
        }
    }
}
