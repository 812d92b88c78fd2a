using CognitoStack.Lambda.Common;

namespace CognitoStack.Backend.Logging;

/// <summary>
/// One JSON line per request (see <see cref="JsonLog"/>). Only request metadata is logged: never tokens,
/// bodies or claim values, except who acted for whom on a request with a derived token (token exchange):
/// <c>actor</c>, the <c>sub</c> of its RFC 8693 <c>act</c> claim, and <c>onBehalfOf</c>, the user's <c>sub</c>.
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
    /// <param name="delegation">Who acted for whom, for a request whose token carries an <c>act</c> claim; null otherwise.</param>
    public void Request(string? requestId, string? route, int status, double durationMs, Delegation? delegation = null)
    {
        var level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
        _log.Write(level, "request handled", new RequestFields(requestId, route, status, durationMs, delegation));
    }

    /// <summary>Logs a problem that is not tied to one request, e.g. invalid configuration.</summary>
    /// <param name="message">What went wrong; must not contain secrets.</param>
    public void Error(string message) => _log.Write("error", message, default(RequestFields));

    private readonly record struct RequestFields(string? RequestId, string? Route, int? Status, double? DurationMs, Delegation? Delegation = null) : ILogFields
    {
        public void WriteTo(LogLine line)
        {
            line.Text("requestId"u8, RequestId);
            line.Text("route"u8, Route);
            line.Number("status"u8, Status);
            line.Milliseconds("durationMs"u8, DurationMs);
            if (Delegation is { } delegation)
            {
                line.Text("actor"u8, delegation.Actor);
                line.Text("onBehalfOf"u8, delegation.OnBehalfOf);
            }
        }
    }
}

/// <summary>Who acted (<see cref="Actor"/>, the <c>act</c> claim's <c>sub</c>) for whom (<see cref="OnBehalfOf"/>, the token's <c>sub</c>).</summary>
/// <param name="Actor">The actor's id; <c>unreadable</c> when the <c>act</c> claim names no one the backend can read.</param>
/// <param name="OnBehalfOf">The user's <c>sub</c>.</param>
public sealed record Delegation(string Actor, string OnBehalfOf)
{
    /// <summary>The actor logged when an <c>act</c> claim is present but names no readable <c>sub</c>.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>The delegation a request's claims show; null when they carry no <c>act</c> claim or no <c>sub</c>.</summary>
    /// <param name="claims">The authorizer's claims, if any.</param>
    public static Delegation? From(IReadOnlyDictionary<string, string>? claims) =>
        claims is not null && claims.TryGetValue(Events.ClaimsConverter.ActClaim, out var act) && !string.IsNullOrEmpty(act)
            && Auth.CallerIdentity.FromClaims(claims) is { } caller
            ? new Delegation(caller.Actor ?? Unreadable, caller.Sub)
            : null;
}
