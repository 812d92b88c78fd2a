namespace CognitoStack.Backend.Auth;

/// <summary>
/// The signed-in caller, read from the claims a Cognito user pools authorizer verified. ID tokens and
/// access tokens carry different claims; this type hides the difference.
/// </summary>
public sealed record CallerIdentity
{
    /// <summary>The user's stable ID (<c>sub</c>).</summary>
    public required string Sub { get; init; }

    /// <summary>Every claim, as the authorizer passed it.</summary>
    public required IReadOnlyDictionary<string, string> Claims { get; init; }

    /// <summary><c>cognito:username</c> (ID token) or <c>username</c> (access token); null when neither is present.</summary>
    public string? Username => Claim("cognito:username") ?? Claim("username");

    /// <summary>The <c>email</c> claim; ID tokens only.</summary>
    public string? Email => Claim("email");

    /// <summary>The <c>token_use</c> claim: <c>id</c> or <c>access</c>.</summary>
    public string? TokenUse => Claim("token_use");

    /// <summary>The app client: <c>client_id</c> (access token) or <c>aud</c> (ID token).</summary>
    public string? ClientId => Claim("client_id") ?? Claim("aud");

    /// <summary>The user pool groups, whatever their rendering (see <see cref="ClaimListParser"/>).</summary>
    public IReadOnlyList<string> Groups => ClaimListParser.Parse(Claim("cognito:groups"));

    /// <summary>The OAuth scopes of an access token; empty for an ID token.</summary>
    public IReadOnlyList<string> Scopes => ClaimListParser.Parse(Claim("scope"));

    /// <summary>The authentication level the sign-in reached (<c>acr</c>), e.g. <c>urn:cognito:loa:2</c>; null when absent.</summary>
    public string? Acr => Claim("acr");

    /// <summary>The authentication methods the sign-in used (<c>amr</c>), e.g. <c>pwd</c>, <c>otp</c>; empty when absent.</summary>
    public IReadOnlyList<string> Amr => ClaimListParser.Parse(Claim("amr"));

    /// <summary>When the user signed in (<c>auth_time</c>), as the authorizer rendered it; null when absent.</summary>
    public string? AuthTime => Claim("auth_time");

    /// <summary>Reads the caller from the authorizer's claims; null when there are none or no <c>sub</c>.</summary>
    /// <param name="claims">The <c>requestContext.authorizer.claims</c> map, if any.</param>
    public static CallerIdentity? FromClaims(IReadOnlyDictionary<string, string>? claims) =>
        claims is not null && claims.TryGetValue("sub", out var sub) && !string.IsNullOrWhiteSpace(sub)
            ? new CallerIdentity { Sub = sub, Claims = claims }
            : null;

    /// <summary>True when the caller belongs to <paramref name="group"/>.</summary>
    /// <param name="group">The user pool group name.</param>
    public bool IsInGroup(string group) => ClaimListParser.Contains(Claim("cognito:groups"), group);

    /// <summary>True when the caller's access token grants <paramref name="scope"/>.</summary>
    /// <param name="scope">The full scope name, e.g. <c>myapp-api/read</c>.</param>
    public bool HasScope(string scope) => ClaimListParser.Contains(Claim("scope"), scope);

    private string? Claim(string name) =>
        Claims.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
