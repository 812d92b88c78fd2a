using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CognitoStack.Backend.Logging;

/// <summary>
/// Writes one JSON object per line (CloudWatch Logs parses them as structured events). Only request
/// metadata is logged: never tokens, bodies or claim values.
/// </summary>
/// <param name="output">Where lines go: standard output in Lambda.</param>
[SuppressMessage("Design", "CA1001", Justification = "The writer only targets an in-memory buffer; it holds nothing to release. Reused so logging does not allocate.")]
public sealed class RequestLog(Stream output)
{
    private const int MaxFieldLength = 200;

    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer = new(Stream.Null);

    /// <summary>Logs one answered request; the level follows the status (info, warn for 4xx, error for 5xx).</summary>
    /// <param name="requestId">API Gateway's <c>requestContext.requestId</c>, if the event had one.</param>
    /// <param name="route">The route template or path, if the event had one.</param>
    /// <param name="status">The answered status code.</param>
    /// <param name="durationMs">Time spent in the handler.</param>
    public void Request(string? requestId, string? route, int status, double durationMs)
    {
        var level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
        Write(level, "request handled", requestId, route, status, durationMs);
    }

    /// <summary>Logs a problem that is not tied to one request, e.g. invalid configuration.</summary>
    /// <param name="message">What went wrong; must not contain secrets.</param>
    public void Error(string message) => Write("error", message, null, null, null, null);

    private void Write(string level, string message, string? requestId, string? route, int? status, double? durationMs)
    {
        lock (_gate)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            _writer.WriteString("level"u8, level);
            _writer.WriteString("message"u8, message);
            WriteOptional("requestId"u8, requestId);
            WriteOptional("route"u8, route);
            if (status is { } code)
            {
                _writer.WriteNumber("status"u8, code);
            }

            if (durationMs is { } duration)
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
            catch (IOException)
            {
                // A closed or broken stdout must not fail the request.
            }
        }
    }

    private void WriteOptional(ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteString(name, value.Length <= MaxFieldLength ? value : value.AsSpan(0, MaxFieldLength));
        }
    }
}
