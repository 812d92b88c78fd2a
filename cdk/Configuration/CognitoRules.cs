using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Configuration;

/// <summary>Cognito's own naming rules (see shared reference: cognito-constraints).</summary>
internal static partial class CognitoRules
{
    public const string DomainPrefixRule =
        "use 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, not containing \"aws\", \"amazon\" or \"cognito\"";

    /// <summary>Longest Hosted UI CSS Cognito accepts.</summary>
    public const int MaxCssLength = 131_072;

    /// <summary>
    /// Emails Cognito's built-in sender delivers per day and AWS account (Quotas in Amazon Cognito, "Maximum
    /// number of email messages sent daily per AWS account", not adjustable):
    /// https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
    /// </summary>
    public const int CognitoSenderDailyEmails = 50;

    /// <summary>
    /// The selectors classic Hosted UI CSS may use: Cognito's <c>*-customizable</c> classes and the two states it
    /// lists; no <c>@import</c>, <c>@supports</c>, <c>@page</c> or <c>@media</c> ("Specifying CSS customizations in
    /// classic branding": https://docs.aws.amazon.com/cognito/latest/developerguide/hosted-ui-classic-branding.html).
    /// </summary>
    public static readonly IReadOnlyList<string> ClassicCssSelectors =
    [
        ".background-customizable", ".banner-customizable", ".errorMessage-customizable", ".idpButton-customizable",
        ".idpButton-customizable:hover", ".idpDescription-customizable", ".inputField-customizable",
        ".inputField-customizable:focus", ".label-customizable", ".legalText-customizable", ".logo-customizable",
        ".passwordCheck-valid-customizable", ".passwordCheck-notValid-customizable", ".redirect-customizable",
        ".socialButton-customizable", ".submitButton-customizable", ".submitButton-customizable:hover",
        ".textDescription-customizable",
    ];

    /// <summary>
    /// The first thing in <paramref name="css"/> that classic Hosted UI CSS does not take: an at-rule, a nested
    /// block or a selector outside <see cref="ClassicCssSelectors"/>; null when every rule is allowed.
    /// </summary>
    public static string? FirstDisallowedCss(string css)
    {
        var bare = CssComment().Replace(css, " ");
        if (CssAtRule().Match(bare) is { Success: true } atRule)
        {
            return $"the at-rule \"{atRule.Value}\"";
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i < bare.Length; i++)
        {
            if (bare[i] == '{' && depth++ == 0)
            {
                var selector = bare[start..i].Split(',').Select(x => Whitespace().Replace(x.Trim(), " "))
                    .FirstOrDefault(x => !ClassicCssSelectors.Contains(x, StringComparer.Ordinal));
                if (selector is not null)
                {
                    return $"the selector \"{selector}\"";
                }
            }
            else if (bare[i] == '{')
            {
                return "a nested block";
            }
            else if (bare[i] == '}' && --depth == 0)
            {
                start = i + 1;
            }
        }

        return depth == 0 && bare[start..].Trim().Length == 0 ? null : "an unclosed rule";
    }

    [GeneratedRegex(@"/\*.*?(\*/|\z)", RegexOptions.Singleline)]
    private static partial Regex CssComment();

    [GeneratedRegex(@"@[A-Za-z-]+")]
    private static partial Regex CssAtRule();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Longest SAML metadata document Cognito accepts.</summary>
    public const int MaxSamlMetadataLength = 131_072;

    /// <summary>
    /// Regions where AWS WAF web ACLs cannot be associated with user pools: Europe (Spain) and Asia Pacific
    /// (Hyderabad). https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html
    /// </summary>
    public static readonly IReadOnlyList<string> RegionsWithoutUserPoolWaf = ["eu-south-2", "ap-south-2"];

    /// <summary>
    /// The one partition this app deploys to. Elsewhere Cognito differs in ways the stacks do not model:
    /// in aws-cn user pools are not offered in Beijing and identity pool tokens come from
    /// cognito-identity.cn-north-1.amazonaws.com.cn
    /// (https://docs.amazonaws.cn/en_us/aws/latest/userguide/cognito.html); in aws-us-gov the Hosted UI is
    /// PREFIX.auth-fips.REGION.amazoncognito.com, custom domains are not supported and us-gov-east-1 user
    /// pools take no web ACL (https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-cog.html).
    /// </summary>
    public const string SupportedPartition = "aws";

    /// <summary>The parent domain of Cognito prefix domains in <see cref="SupportedPartition"/>: PREFIX.auth.REGION.amazoncognito.com.</summary>
    public const string PrefixDomainSuffix = "amazoncognito.com";

    /// <summary>Provider names Cognito reserves for its own providers.</summary>
    public static readonly IReadOnlyList<string> ReservedProviderNames =
        ["Cognito", "COGNITO", "Google", "Facebook", "LoginWithAmazon", "SignInWithApple"];

    public const string ProviderNameRule =
        "use 3-32 letters, digits, dots, underscores and hyphens, starting and ending with a letter or digit, not a name Cognito reserves (Cognito, Google, Facebook, LoginWithAmazon, SignInWithApple)";

    /// <summary>An OIDC or SAML provider name.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{1,30}[A-Za-z0-9]\z")]
    public static partial Regex ProviderName();

    /// <summary>A prefix domain; the reserved words are excluded by a look-ahead.</summary>
    [GeneratedRegex("^(?!.*(aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\z")]
    public static partial Regex DomainPrefix();
}
