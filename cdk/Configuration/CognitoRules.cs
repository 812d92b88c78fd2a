using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Configuration;

/// <summary>Cognito's own naming rules (see shared reference: cognito-constraints).</summary>
internal static partial class CognitoRules
{
    public const string DomainPrefixRule =
        "use 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, not containing \"aws\", \"amazon\" or \"cognito\"";

    /// <summary>A prefix domain; the reserved words are excluded by a look-ahead.</summary>
    [GeneratedRegex("^(?!.*(aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\z")]
    public static partial Regex DomainPrefix();
}
