namespace CognitoStack.Backend.Routing;

/// <summary>
/// Decides the <c>Access-Control-Allow-Origin</c> value: the request's <c>Origin</c>, echoed only when it
/// is one of the configured origins (exact, ordinal match), so an odd header value is never reflected.
/// </summary>
/// <param name="allowedOrigins">The configured origins.</param>
public sealed class CorsPolicy(IReadOnlyList<string> allowedOrigins)
{
    private readonly HashSet<string> _allowed = new(allowedOrigins, StringComparer.Ordinal);

    /// <summary>The origin to echo, or null when the request's origin is absent or not allowed.</summary>
    /// <param name="origin">The request's <c>Origin</c> header.</param>
    public string? AllowedOrigin(string? origin) =>
        origin is not null && _allowed.TryGetValue(origin, out var allowed) ? allowed : null;
}
