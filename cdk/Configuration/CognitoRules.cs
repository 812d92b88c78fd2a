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
