namespace CognitoStack.Contract;

/// <summary>
/// User attribute names: the standard ones Cognito knows and the rule for custom ones. Checked by the settings
/// (custom attribute names, client read and write lists) and by the backend (<c>READABLE_ATTRIBUTES</c>).
/// </summary>
/// <remarks>Standard attributes: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html</remarks>
public static class UserAttributes
{
    /// <summary>The prefix of every custom attribute.</summary>
    public const string CustomPrefix = "custom:";

    /// <summary>Longest custom attribute name without the prefix (this app's rule, inside Cognito's).</summary>
    public const int MaxCustomNameLength = 20;

    /// <summary>What <see cref="IsCustomName"/> allows, for error messages.</summary>
    public const string CustomNameRule = "use 1-20 ASCII letters, digits and underscores, starting with a letter (without the custom: prefix)";

    /// <summary>The verified flag of <c>email</c>; only Cognito sets it, and the pre token generation trigger trusts it.</summary>
    public const string EmailVerified = "email_verified";

    /// <summary>The standard (OpenID Connect) attributes of a user pool.</summary>
    public static IReadOnlyList<string> Standard { get; } =
    [
        "address", "birthdate", "email", EmailVerified, "family_name", "gender", "given_name", "locale", "middle_name",
        "name", "nickname", "phone_number", "phone_number_verified", "picture", "preferred_username", "profile",
        "updated_at", "website", "zoneinfo",
    ];

    /// <summary>
    /// Every name Cognito documents as a standard attribute: <see cref="Standard"/> and <c>sub</c>, which no
    /// client lists (it is never readable or writable by choice). A custom attribute may not take one of them.
    /// </summary>
    /// <remarks>https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#cognito-user-pools-standard-attributes</remarks>
    public static IReadOnlyList<string> ReservedNames { get; } = [.. Standard.Append("sub").Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="ReservedNames"/>, compared without case.</summary>
    public static bool IsStandardName(string name) => ReservedNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="name"/> (without <see cref="CustomPrefix"/>) is a custom attribute name this app
    /// accepts: 1-20 ASCII letters, digits and underscores, starting with a letter. Cognito allows more
    /// (<c>[\p{L}\p{M}\p{S}\p{N}\p{P}]+</c>, 1-20), but commas, colons and non-ASCII characters would make
    /// the names awkward in environment variables and claim lists.
    /// </summary>
    public static bool IsCustomName(string? name) =>
        name is { Length: >= 1 and <= MaxCustomNameLength }
        && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Whether <paramref name="attribute"/> is a standard attribute or <c>custom:</c> followed by a valid name.</summary>
    public static bool IsAttributeName(string? attribute) =>
        attribute is not null
        && (Standard.Contains(attribute)
            || (attribute.StartsWith(CustomPrefix, StringComparison.Ordinal) && IsCustomName(attribute[CustomPrefix.Length..])));
}
