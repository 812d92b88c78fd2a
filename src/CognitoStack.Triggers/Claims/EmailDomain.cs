namespace CognitoStack.Triggers.Claims;

/// <summary>The domain of an email address, and the rule for allow-list entries.</summary>
internal static class EmailDomain
{
    /// <summary>
    /// The lower-case domain of a plain <c>local@domain.tld</c> address, by the rule the <c>tenant</c> claim uses
    /// (<see cref="TenantClaim"/>); null for anything else.
    /// </summary>
    public static string? Of(string? email) => TenantClaim.FromEmail(email, emailVerified: "true");

    /// <summary>Whether <paramref name="domain"/> is a lower-case host name of two or more labels.</summary>
    public static bool IsDomain(string? domain)
    {
        if (domain is null || domain.Length is < 4 or > 253)
        {
            return false;
        }

        var labels = domain.Split('.');
        return labels.Length >= 2
            && labels.All(l => l.Length is >= 1 and <= 63 && l[0] != '-' && l[^1] != '-'
                && l.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            && labels[^1].All(char.IsAsciiLetterLower) && labels[^1].Length >= 2;
    }
}
