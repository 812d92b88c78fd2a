namespace CognitoStack.Contract;

/// <summary>
/// The forms of Cognito identifiers the settings (cdk.json <c>migration</c>) and the user migration trigger
/// both check, so a value the synth accepts is one the function accepts.
/// </summary>
public static class CognitoIds
{
    /// <summary>What <see cref="IsUserPoolId"/> allows, for error messages.</summary>
    public const string UserPoolIdRule = "use a user pool ID such as eu-west-1_AbCdEf123 (REGION_ID, at most 55 characters)";

    /// <summary>What <see cref="IsClientId"/> allows, for error messages.</summary>
    public const string ClientIdRule = "use an app client ID: 1-128 letters, digits, underscores or plus signs";

    /// <summary>What <see cref="IsRegion"/> allows, for error messages.</summary>
    public const string RegionRule = "use a region such as eu-west-1";

    /// <summary>
    /// A user pool ID: <c>[\w-]+_[0-9a-zA-Z]+</c>, at most 55 characters, whose part before the underscore
    /// is a region (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html).
    /// </summary>
    public static bool IsUserPoolId(string? value)
    {
        if (value is null || value.Length > 55)
        {
            return false;
        }

        var underscore = value.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 && underscore < value.Length - 1
            && IsRegion(value[..underscore])
            && value[(underscore + 1)..].All(char.IsAsciiLetterOrDigit);
    }

    /// <summary>The region a valid user pool ID names, e.g. <c>eu-west-1</c>.</summary>
    public static string RegionOf(string userPoolId) => userPoolId[..userPoolId.IndexOf('_', StringComparison.Ordinal)];

    /// <summary>An app client ID: <c>[\w+]+</c>, 1-128 characters (ASCII word characters only).</summary>
    public static bool IsClientId(string? value) =>
        value is { Length: >= 1 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '+');

    /// <summary>A region name: lower-case letters, digits and inner hyphens, such as <c>eu-west-1</c>; at most 32 characters.</summary>
    public static bool IsRegion(string? value) =>
        value is { Length: >= 1 and <= 32 }
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && value[0] != '-' && value[^1] != '-' && value.Contains('-', StringComparison.Ordinal);
}
