namespace CognitoStack.Cdk.Tests.Docs;

/// <summary>One-line descriptions of the settings, by dotted key below the environment (lists as <c>[]</c>).</summary>
internal static class SettingDescriptions
{
    public static IReadOnlyDictionary<string, string> ByKey { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["terms"] = "Terms of use and privacy policy links that managed login shows on its sign-up page (web and confidential clients); needs MANAGED_LOGIN and self sign-up.",
        ["terms.termsOfUse"] = "Terms of use URL by language (default, english, french, spanish, german, bahasa-indonesia, italian, japanese, korean, portuguese-brazil, chinese-simplified, chinese-traditional); https only, must hold default.",
        ["terms.privacyPolicy"] = "Privacy policy URL by language, as termsOfUse; Cognito shows the links only when both documents exist.",
        ["userPool.riskActions"] = "What ENFORCED threat protection does (pool-wide risk configuration); needs featurePlan PLUS and threatProtection ENFORCED.",
        ["userPool.riskActions.compromisedCredentials"] = "On a password found in leaks: BLOCK or NO_ACTION.",
        ["userPool.riskActions.lowRisk"] = "Action at low account-takeover risk: NO_ACTION, MFA_IF_CONFIGURED, MFA_REQUIRED or BLOCK.",
        ["userPool.riskActions.mediumRisk"] = "Action at medium account-takeover risk: NO_ACTION, MFA_IF_CONFIGURED, MFA_REQUIRED or BLOCK.",
        ["userPool.riskActions.highRisk"] = "Action at high account-takeover risk: NO_ACTION, MFA_IF_CONFIGURED, MFA_REQUIRED or BLOCK.",
        ["userPool.riskActions.notifyUsers"] = "Email the user about risky sign-ins at every level through the pool's SES identity (needs email.sender SES).",
        ["userPool.riskActions.blockedIpRanges"] = "0-200 CIDR ranges whose sign-ins are always blocked.",
        ["userPool.riskActions.skippedIpRanges"] = "0-200 CIDR ranges never risk-checked; none may overlap a blocked range.",
        ["identityPool.principalTags"] = "Session tags from token claims (tag key to claim, at most 50); a tenant tag gives signed-in users the shared tenants/TENANT/ prefix.",
    };
}
