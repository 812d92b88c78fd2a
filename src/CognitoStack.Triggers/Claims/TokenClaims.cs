namespace CognitoStack.Triggers.Claims;

/// <summary>The custom claims one user's ID and access tokens, or one machine's access token, get.</summary>
/// <param name="Tenant">The <c>tenant</c> claim; null leaves it out.</param>
/// <param name="RoleHint">The <c>role_hint</c> claim (<c>admin</c> or <c>user</c>); null leaves it out.</param>
/// <param name="MachineClientId">The <c>machine_client_id</c> claim of a client-credentials token; null for users.</param>
internal sealed record TokenClaims(string? Tenant, string? RoleHint, string? MachineClientId = null)
{
    /// <summary>Name of the claim holding the email domain.</summary>
    public const string TenantClaimName = "tenant";

    /// <summary>Name of the claim holding the role hint.</summary>
    public const string RoleHintClaimName = "role_hint";

    /// <summary>
    /// Name of the claim on machine (client-credentials) access tokens naming the calling app client. Cognito
    /// writes <c>client_id</c> too; this one is written only by the trigger and only for machine tokens, so
    /// its presence tells audit logs and APIs that no user was involved.
    /// </summary>
    public const string MachineClientIdClaimName = "machine_client_id";

    /// <summary>Whether there is any claim to add.</summary>
    public bool IsEmpty => Tenant is null && RoleHint is null && MachineClientId is null;

    /// <summary>Whether the claims go to the ID token as well: machine tokens have no ID token.</summary>
    public bool ForIdToken => MachineClientId is null;

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

        if (MachineClientId is not null)
        {
            yield return new(MachineClientIdClaimName, MachineClientId);
        }
    }

    /// <summary>The claims of a client-credentials access token requested by <paramref name="clientId"/>.</summary>
    public static TokenClaims ForMachine(string clientId) => new(null, null, clientId);

    /// <summary>The names of the claims to add, comma separated (for logs: names, never values).</summary>
    public string Names => string.Join(',', ToPairs().Select(p => p.Key));

    /// <summary>
    /// The claims for a user with <paramref name="email"/> in <paramref name="groups"/>.
    /// <c>role_hint</c> is <c>admin</c> only when <paramref name="adminGroup"/> is one of the groups (exact,
    /// case-sensitive, as Cognito compares group names); with no admin group configured it is left out.
    /// </summary>
    /// <param name="email">The <c>email</c> attribute.</param>
    /// <param name="emailVerified">The <c>email_verified</c> attribute as text, <c>"true"</c> or <c>"false"</c>.</param>
    /// <param name="groups">The user's groups.</param>
    /// <param name="adminGroup">The configured admin group; null when not configured.</param>
    public static TokenClaims For(string? email, string? emailVerified, IReadOnlyList<string?>? groups, string? adminGroup)
    {
        var tenant = TenantClaim.FromEmail(email, emailVerified);
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
