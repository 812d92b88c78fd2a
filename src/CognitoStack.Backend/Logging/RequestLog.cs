using CognitoStack.Lambda.Common;

namespace CognitoStack.Backend.Logging;

/// <summary>
/// One JSON line per request (see <see cref="JsonLog"/>). Only request metadata is logged: never tokens,
/// bodies or claim values.
/// </summary>
/// <param name="output">Where lines go: standard output in Lambda.</param>
public sealed class RequestLog(Stream output)
{
    private readonly JsonLog _log = new(output);

    /// <summary>Logs one answered request; the level follows the status (info, warn for 4xx, error for 5xx).</summary>
    /// <param name="requestId">API Gateway's <c>requestContext.requestId</c>, if the event had one.</param>
    /// <param name="route">The route template or path, if the event had one.</param>
    /// <param name="status">The answered status code.</param>
    /// <param name="durationMs">Time spent in the handler.</param>
    public void Request(string? requestId, string? route, int status, double durationMs)
    {
        var level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
        _log.Write(level, "request handled", new RequestFields(requestId, route, status, durationMs));
    }

    /// <summary>Logs a problem that is not tied to one request, e.g. invalid configuration.</summary>
    /// <param name="message">What went wrong; must not contain secrets.</param>
    public void Error(string message) => _log.Write("error", message, default(RequestFields));

    private readonly record struct RequestFields(string? RequestId, string? Route, int? Status, double? DurationMs) : ILogFields
    {
        public void WriteTo(LogLine line)
        {
            line.Text("requestId"u8, RequestId);
            line.Text("route"u8, Route);
            line.Number("status"u8, Status);
            line.Milliseconds("durationMs"u8, DurationMs);
        }
    }
}
