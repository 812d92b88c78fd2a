namespace CognitoStack.Cdk.Tests.Docs;

/// <summary>
/// One line per setting key (dotted path below the environment; list entries as <c>[]</c>) for the generated
/// settings reference in docs/configuration.md.
/// </summary>
internal static class SettingDescriptions
{
    public static IReadOnlyDictionary<string, string> ByKey { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["migration"] = "Moves users from an old user pool into this one at their next password sign-in or password reset (user migration trigger). Left out: no trigger. See docs/disaster-recovery.md.",
        ["migration.oldUserPoolId"] = "The old pool's ID (REGION_ID, at most 55 characters), in this stack's account; the trigger may call AdminInitiateAuth and AdminGetUser on it and nothing else.",
        ["migration.oldClientId"] = "An app client of the old pool kept for the migration: no secret, ALLOW_ADMIN_USER_PASSWORD_AUTH (1-128 letters, digits, _ or +).",
        ["migration.oldRegion"] = "The old pool's region. Default: the region oldUserPoolId names; any other value is refused.",
    };
}
