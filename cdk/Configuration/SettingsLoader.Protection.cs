using System.Net;
using System.Text.RegularExpressions;
using CognitoStack.Contract;

namespace CognitoStack.Cdk.Configuration;

/// <summary>
/// Terms documents, threat protection's declared responses and identity-pool principal tags: readers and
/// the rules between them and other settings.
/// </summary>
public static partial class SettingsLoader
{
    /// <summary>
    /// Languages a terms document may have a link for, as <c>AWS::Cognito::Terms</c> <c>Links</c> keys spell them
    /// after <c>cognito:</c>: the managed login localization languages (13 since Dutch, 2026-04-21) and <c>default</c>, the fallback.
    /// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html#managed-login-terms-documents
    /// (the key list as the AWS provider for Terraform documents it for aws_cognito_terms: no AWS page lists the keys).
    /// </summary>
    public static readonly IReadOnlyList<string> TermsLanguages =
    [
        "default", "english", "french", "spanish", "german", "bahasa-indonesia", "italian", "japanese", "korean",
        "portuguese-brazil", "chinese-simplified", "chinese-traditional", "dutch",
    ];

    /// <summary>Longest terms URL Cognito accepts (Links values: 1–1,024 characters).</summary>
    public const int MaxTermsUrlLength = 1_024;

    /// <summary>
    /// Most ranges in each IP list of a risk configuration (RiskExceptionConfigurationType, BlockedIPRangeList and
    /// SkippedIPRangeList: "Maximum: 200"): https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpoolriskconfigurationattachment-riskexceptionconfigurationtype.html
    /// </summary>
    public const int MaxRiskIpRanges = 200;

    /// <summary>
    /// Principal tags: tag keys up to 128 characters, claim names up to 256, and the claim names together at most
    /// 460 bytes: https://docs.aws.amazon.com/cognito/latest/developerguide/using-afac-with-cognito-identity-pools.html;
    /// at most 50 session tags per session (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html).
    /// </summary>
    public const int MaxPrincipalTags = 50;

    /// <summary>Aggregated length of the mapped claim names.</summary>
    public const int MaxPrincipalTagClaimBytes = 460;

    /// <summary>The tag key that gives users the shared <c>tenants/TENANT/</c> prefix.</summary>
    public const string TenantTag = "tenant";

    private const string TermsUrlRule = "use an absolute https URL without user info or a fragment, at most 1024 characters";
    private const string CidrRule = "use an IPv4 or IPv6 range in CIDR notation with no host bits set, such as 203.0.113.0/24 or 2001:db8::/32";

    private static TermsSettings ReadTerms(SettingsReader t) => new()
    {
        TermsOfUse = ReadTermsLinks(t, "termsOfUse"),
        PrivacyPolicy = ReadTermsLinks(t, "privacyPolicy"),
    };

    private static IReadOnlyDictionary<string, string> ReadTermsLinks(SettingsReader t, string key)
    {
        var languages = $"use languages from {string.Join(", ", TermsLanguages)}";
        if (!t.Has(key))
        {
            // Cognito shows the links only once both documents exist: one without the other does nothing.
            throw t.Missing(key, $"add a JSON object of links by language with at least \"default\"; Cognito shows terms only when both documents exist");
        }

        var links = t.StringMap(key, TermsLanguages.Count, TermsLanguages.Contains, languages, IsTermsUrl, TermsUrlRule);
        return links.ContainsKey("default")
            ? links
            : throw t.Invalid(key, "(no \"default\" link)", "add a \"default\" link: Cognito falls back to it for every language without its own");
    }

    /// <summary>A terms link: https only (no http even for localhost: the page is public), no user info, no fragment.</summary>
    private static bool IsTermsUrl(string value) =>
        value.Length <= MaxTermsUrlLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && uri.UserInfo.Length == 0
        && !value.Contains('#', StringComparison.Ordinal)
        && value.All(c => c > ' ' && c < '\u007f');

    private static RiskActionSettings ReadRiskActions(SettingsReader r)
    {
        var compromised = r.Enum("compromisedCredentials", Choices.RiskAction, RiskAction.Block);
        if (compromised is not (RiskAction.Block or RiskAction.NoAction))
        {
            // CompromisedCredentialsActionsType.EventAction: BLOCK or NO_ACTION only.
            // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompromisedCredentialsActionsType.html
            throw r.Invalid("compromisedCredentials", $"\"{Choices.RiskAction.NameOf(compromised)}\"", "use BLOCK or NO_ACTION (Cognito offers no MFA step for a leaked password)");
        }

        var blocked = r.StringList("blockedIpRanges", 0, MaxRiskIpRanges, IsCidr, CidrRule);
        var skipped = r.StringList("skippedIpRanges", 0, MaxRiskIpRanges, IsCidr, CidrRule);
        var overlap = skipped.FirstOrDefault(s => blocked.Any(b => Overlap(b, s)));
        if (overlap is not null)
        {
            throw r.Invalid("skippedIpRanges", $"(\"{overlap}\" overlaps a blocked range)", "a range is either always blocked or never checked; remove it from one list");
        }

        return new RiskActionSettings
        {
            CompromisedCredentials = compromised,
            LowRisk = r.Enum("lowRisk", Choices.RiskAction, RiskAction.NoAction),
            MediumRisk = r.Enum("mediumRisk", Choices.RiskAction, RiskAction.MfaIfConfigured),
            HighRisk = r.Enum("highRisk", Choices.RiskAction, RiskAction.Block),
            NotifyUsers = r.Bool("notifyUsers", true),
            BlockedIpRanges = blocked,
            SkippedIpRanges = skipped,
        };
    }

    /// <summary>A CIDR range whose address is the network address (what Cognito displays back).</summary>
    internal static bool IsCidr(string value) =>
        value.Contains('/', StringComparison.Ordinal)
        && value.All(c => char.IsAsciiHexDigit(c) || c is '.' or ':' or '/')
        && IPNetwork.TryParse(value, out var network)
        && string.Equals(network.ToString(), value, StringComparison.OrdinalIgnoreCase);

    private static bool Overlap(string a, string b)
    {
        var x = IPNetwork.Parse(a);
        var y = IPNetwork.Parse(b);
        return x.Contains(y.BaseAddress) || y.Contains(x.BaseAddress);
    }

    private static IReadOnlyDictionary<string, string> ReadPrincipalTags(SettingsReader p)
    {
        var tags = p.StringMap("principalTags", MaxPrincipalTags, PrincipalTagKey().IsMatch,
            "use tag keys of 1-128 letters, digits, spaces and _ . : / = + - @, not starting with aws:",
            ClaimName().IsMatch, "use a token claim name of 1-256 printable ASCII characters without spaces");
        var claimBytes = tags.Values.Sum(c => c.Length);
        return claimBytes <= MaxPrincipalTagClaimBytes
            ? tags
            : throw p.Invalid("principalTags", $"(claim names of {claimBytes} characters together)", $"the mapped claim names may total at most {MaxPrincipalTagClaimBytes} characters");
    }

    /// <summary>Rules between the protection settings and the rest; each names both keys.</summary>
    private static void CheckProtection(EnvironmentSettings s, string path)
    {
        var pool = s.UserPool;
        if (pool.RiskActions is { } risk)
        {
            if (pool.FeaturePlan != FeaturePlan.Plus || pool.ThreatProtection != ThreatProtectionMode.Enforced)
            {
                // Actions apply in full-function (ENFORCED) mode only, which needs the Plus plan:
                // https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html
                throw new ConfigurationException(
                    $"{path}.userPool.riskActions (an object) is invalid with featurePlan \"{Choices.FeaturePlan.NameOf(pool.FeaturePlan)}\" and threatProtection \"{Choices.ThreatProtection.NameOf(pool.ThreatProtection)}\": "
                    + "Cognito acts on risks only in ENFORCED mode, which needs PLUS; choose both or remove riskActions");
            }

            if (risk.NotifyUsers && s.Email.Sender != EmailSender.Ses)
            {
                // NotifyConfiguration needs an SES identity (SourceArn) allowed to send as From:
                // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_NotifyConfigurationType.html
                throw new ConfigurationException(
                    $"{path}.userPool.riskActions.notifyUsers true is invalid with email.sender \"{Choices.EmailSender.NameOf(s.Email.Sender)}\": risk notifications are sent through SES only; set email.sender SES or notifyUsers false");
            }

            var asksMfa = new[] { ("lowRisk", risk.LowRisk), ("mediumRisk", risk.MediumRisk), ("highRisk", risk.HighRisk) }
                .FirstOrDefault(a => a.Item2 is RiskAction.MfaIfConfigured or RiskAction.MfaRequired);
            if (pool.Mfa == MfaMode.Off && asksMfa.Item1 is not null)
            {
                throw new ConfigurationException(
                    $"{path}.userPool.riskActions.{asksMfa.Item1} \"{Choices.RiskAction.NameOf(asksMfa.Item2)}\" is invalid with mfa \"OFF\": no user can have a second factor; use NO_ACTION or BLOCK, or set mfa OPTIONAL or REQUIRED");
            }
        }

        if (s.Terms is not null)
        {
            // Terms links appear on managed login's sign-up page only:
            // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateTerms.html
            if (s.HostedUi.Style != HostedUiStyle.ManagedLogin)
            {
                throw new ConfigurationException(
                    $"{path}.terms (an object) is invalid with hostedUi.style \"CLASSIC\": the classic Hosted UI shows no terms documents; set style MANAGED_LOGIN or remove terms");
            }

            if (!pool.SelfSignUp)
            {
                throw new ConfigurationException(
                    $"{path}.terms (an object) is invalid with userPool.selfSignUp false: Cognito shows terms on the sign-up page, which a pool without self sign-up never serves; set selfSignUp true or remove terms");
            }
        }

        CheckPrincipalTags(s, path);
    }

    /// <summary>
    /// A principal tag scopes the identity pool's roles (<c>tenants/${aws:PrincipalTag/tenant}/*</c>), so its claim
    /// must be one no user can set: a user's access token "authorizes them to set or modify their own attribute
    /// value for any attribute in" a client's WriteAttributes, and a client that lists none writes every standard
    /// attribute (UserPoolClientType.WriteAttributes,
    /// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html).
    /// Allowed: the trigger's tenant claim, a trusted custom attribute (no client may write it), and claims that
    /// are no attribute at all (sub, aud, cognito:groups).
    /// </summary>
    private static void CheckPrincipalTags(EnvironmentSettings s, string path)
    {
        // Every client whose tokens the identity pool takes (AppClients.UserClients); the smoke test client sets
        // no write list, which Cognito reads as every standard attribute.
        (string Key, IReadOnlyList<string> Writes)[] writers =
        [
            ("clients.web.writeAttributes", s.Clients.Web.WriteAttributes),
            ("clients.confidential.writeAttributes", s.Clients.Confidential.WriteAttributes),
            .. s.Clients.SmokeTestClient ? [("clients.smokeTestClient true (a client without a write list, so every standard attribute)", UserAttributes.Standard)] : Array.Empty<(string, IReadOnlyList<string>)>(),
        ];
        foreach (var (tag, claim) in s.IdentityPool.PrincipalTags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var key = $"{path}.identityPool.principalTags.{tag}";
            if (claim == TenantClaimName && !s.Triggers.PreTokenGeneration)
            {
                throw new ConfigurationException(
                    $"{key} \"{claim}\" is invalid with triggers.preTokenGeneration false: the tenant claim comes from the pre token generation trigger; turn it on or map another claim");
            }

            if (claim.StartsWith(UserAttributes.CustomPrefix, StringComparison.Ordinal))
            {
                if (!s.UserPool.CustomAttributes.Any(a => a.Trusted && a.AttributeName == claim))
                {
                    throw new ConfigurationException(
                        $"{key} \"{claim}\" is invalid: a principal tag decides what its holder may access, so map only a trusted custom attribute (userPool.customAttributes with \"trusted\": true, which no client a user holds may write) or the trigger's \"{TenantClaimName}\" claim");
                }

                continue;
            }

            var writer = writers.FirstOrDefault(w => w.Writes.Contains(claim, StringComparer.Ordinal));
            if (writer.Key is not null)
            {
                throw new ConfigurationException(
                    $"{key} \"{claim}\" is invalid with {writer.Key}: users may set {claim} themselves with their access token (UpdateUserAttributes), so anyone could tag themselves into another tenant's files; map the trigger's \"{TenantClaimName}\" claim or a trusted custom attribute");
            }
        }
    }

    /// <summary>
    /// ENFORCED without declared actions: AWS documents no actions a pool takes then, so the synth says so (see
    /// docs/security.md, "Threat protection that acts").
    /// </summary>
    private static IReadOnlyList<string> ProtectionWarnings(EnvironmentSettings settings) =>
        settings.UserPool.ThreatProtection == ThreatProtectionMode.Enforced && settings.UserPool.RiskActions is null
            ? [$"environments.{settings.Name}.userPool.threatProtection is ENFORCED without userPool.riskActions: the template declares no action for compromised credentials or account-takeover risk, "
                + "and AWS documents none that ENFORCED takes on its own (docs/security.md, \"Threat protection that acts\"). Add riskActions (prod's are a starting point)."]
            : [];

    /// <summary>The claim the pre token generation trigger adds (see the triggers' TenantClaim).</summary>
    private const string TenantClaimName = "tenant";

    [GeneratedRegex(@"^(?![aA][wW][sS]:)[\p{L}\p{Zs}\p{N}_.:/=+\-@]{1,128}\z")]
    private static partial Regex PrincipalTagKey();

    [GeneratedRegex(@"^[\x21-\x7E]{1,256}\z")]
    private static partial Regex ClaimName();
}
