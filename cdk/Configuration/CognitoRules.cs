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
