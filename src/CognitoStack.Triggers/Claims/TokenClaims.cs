namespace CognitoStack.Triggers.Claims;

/// <summary>The custom claims one user's ID and access tokens get.</summary>
/// <param name="Tenant">The <c>tenant</c> claim; null leaves it out.</param>
/// <param name="RoleHint">The <c>role_hint</c> claim (<c>admin</c> or <c>user</c>); null leaves it out.</param>
internal sealed record TokenClaims(string? Tenant, string? RoleHint)
{
    /// <summary>Name of the claim holding the email domain.</summary>
    public const string TenantClaimName = "tenant";

    /// <summary>Name of the claim holding the role hint.</summary>
    public const string RoleHintClaimName = "role_hint";

    /// <summary>Whether there is any claim to add.</summary>
    public bool IsEmpty => Tenant is null && RoleHint is null;

    /// <summary>The claims to add, name and value, in a fixed order.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToPairs()
    {
        if (Tenant is not null)
        {
            yield return new(TenantClaimName, Tenant);
        }

        if (RoleHint is not null)
        {
            yield return new(RoleHintClaimName, RoleHint);
        }
    }

    /// <summary>The names of the claims to add, comma separated (for logs: names, never values).</summary>
    public string Names => string.Join(',', ToPairs().Select(p => p.Key));

    /// <summary>
    /// The claims for a user with <paramref name="attributes"/> in <paramref name="groups"/>.
    /// <c>role_hint</c> is <c>admin</c> only when <paramref name="adminGroup"/> is one of the groups (exact,
    /// case-sensitive, as Cognito compares group names); with no admin group configured it is left out.
    /// </summary>
    public static TokenClaims For(IReadOnlyDictionary<string, string?>? attributes, IReadOnlyList<string?>? groups, string? adminGroup)
    {
        var tenant = attributes is null
            ? null
            : TenantClaim.FromEmail(attributes.GetValueOrDefault("email"), attributes.GetValueOrDefault("email_verified"));
        var roleHint = adminGroup is null ? null : IsMember(groups, adminGroup) ? "admin" : "user";
        return new TokenClaims(tenant, roleHint);
    }

    private static bool IsMember(IReadOnlyList<string?>? groups, string group)
    {
        if (groups is null)
        {
            return false;
        }

        foreach (var candidate in groups)
        {
            if (string.Equals(candidate, group, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
