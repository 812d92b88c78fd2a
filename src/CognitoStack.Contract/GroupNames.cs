using System.Buffers;
using System.Globalization;
using System.Text;

namespace CognitoStack.Contract;

/// <summary>
/// The user pool groups the app depends on, and the one rule every group name follows: checked by the
/// settings (cdk.json), the backend (<c>ADMIN_GROUP</c>) and the triggers (<c>ADMIN_GROUP</c>,
/// <c>DEFAULT_GROUP</c>).
/// </summary>
public static class GroupNames
{
    /// <summary>Administrators: the admin routes, the admin IAM role and <c>role_hint: admin</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Every confirmed user joins it (post confirmation trigger).</summary>
    public const string Users = "users";

    /// <summary>Longest group name Cognito accepts.</summary>
    public const int MaxLength = 128;

    /// <summary>What <see cref="IsValid"/> allows, for error messages.</summary>
    public const string Rule =
        "use 1-128 letters, marks, digits, punctuation or symbols, without spaces, commas, brackets or quotes";

    /// <summary>
    /// Whether <paramref name="name"/> is a group name this app can use: 1-128 UTF-16 code units of letters,
    /// marks, numbers, punctuation or symbols (Cognito's <c>GroupName</c> pattern
    /// <c>[\p{L}\p{M}\p{S}\p{N}\p{P}]+</c>, matched per code point, so no white space, control characters or
    /// lone surrogates), and none of <c>, [ ] "</c>. Cognito allows those four, but API Gateway hands
    /// <c>cognito:groups</c> to the backend as one string joined with them: a group named <c>x,admin</c>
    /// would read as membership of <c>admin</c>.
    /// </summary>
    /// <remarks>https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html</remarks>
    public static bool IsValid(string? name)
    {
        if (name is null || name.Length is < 1 or > MaxLength)
        {
            return false;
        }

        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            // A lone surrogate is invalid data, not U+FFFD: it cannot be sent to Cognito.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done
                || rune.Value is ',' or '[' or ']' or '"'
                || !IsAllowed(Rune.GetUnicodeCategory(rune)))
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    private static bool IsAllowed(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.OtherSymbol => true,
        _ => false,
    };
}
