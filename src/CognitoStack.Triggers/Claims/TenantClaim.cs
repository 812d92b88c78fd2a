namespace CognitoStack.Triggers.Claims;

/// <summary>Derives the <c>tenant</c> claim from the user's email attributes.</summary>
internal static class TenantClaim
{
    /// <summary>Longest email address (RFC 5321 path limit less the angle brackets).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Longest local part (RFC 5321).</summary>
    public const int MaxLocalPartLength = 64;

    /// <summary>Longest domain label (RFC 1035).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>
    /// The lower-cased domain of <paramref name="email"/>, or null when there is no tenant to claim: the
    /// address is missing or not a plain <c>local@domain.tld</c> address, or it is not verified
    /// (<paramref name="emailVerified"/> is not <c>"true"</c>). An unverified address is one the user
    /// merely typed, so deriving a tenant from it would let anyone claim any organisation's domain.
    /// </summary>
    /// <param name="email">The <c>email</c> attribute.</param>
    /// <param name="emailVerified">The <c>email_verified</c> attribute, <c>"true"</c> or <c>"false"</c>.</param>
    public static string? FromEmail(string? email, string? emailVerified)
    {
        if (email is null || emailVerified != "true" || email.Length > MaxEmailLength)
        {
            return null;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at < 1 || at != email.LastIndexOf('@') || at > MaxLocalPartLength || !IsLocalPart(email.AsSpan(0, at)))
        {
            return null;
        }

        var domain = email[(at + 1)..];
        return IsDomain(domain) ? domain.ToLowerInvariant() : null;
    }

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        foreach (var c in local)
        {
            if (c <= ' ' || c >= '\u007f' || c is '"' or '(' or ')' or ',' or ':' or ';' or '<' or '>' or '[' or ']' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    // ASCII host names only (an internationalised domain arrives as its xn-- form when it is ASCII at all),
    // at least two labels, no empty label, no hyphen at either end of a label.
    private static bool IsDomain(string domain)
    {
        // No separate 253-character domain limit: the 254-character address limit is always reached first.
        var labels = 0;
        foreach (var range in domain.AsSpan().Split('.'))
        {
            var label = domain.AsSpan()[range];
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            labels++;
        }

        return labels >= 2;
    }
}
