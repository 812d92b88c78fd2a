using CognitoStack.Lambda.Common;

namespace CognitoStack.Authorizer;

/// <summary>
/// One JSON line per decision: the decision, the route and why; never the token or a claim value. Errors
/// (misconfiguration, a failed call, a route the contract does not know) are <c>error</c> lines, which the
/// Monitoring stack's metric filter counts.
/// </summary>
internal sealed class AuthorizerLog(Stream output)
{
    private readonly JsonLog _log = new(output);

    public void Decision(AuthorizerFunction.Outcome outcome, AuthorizerRequest request, double durationMs) =>
        _log.Write(outcome.IsError ? "error" : outcome.Decision == "allow" ? "info" : "warn",
            $"authorization {outcome.Decision}: {outcome.Reason}",
            new Fields(outcome.Decision, $"{request.HttpMethod} {request.Resource}", durationMs, outcome.ErrorType));

    public void Error(string message, string? route, double? durationMs) =>
        _log.Write("error", message, new Fields("error", route, durationMs, null));

    private readonly record struct Fields(string? Decision, string? Route, double? DurationMs, string? ErrorType) : ILogFields
    {
        public void WriteTo(LogLine line)
        {
            line.Text("decision"u8, Decision);
            line.Text("route"u8, Route);
            line.Milliseconds("durationMs"u8, DurationMs);
            line.Text("errorType"u8, ErrorType);
        }
    }
}
