using System.Buffers;
using System.Globalization;
using System.Text;

namespace CognitoStack.Triggers.Claims;

/// <summary>Validates a user pool group name read from an environment variable.</summary>
internal static class GroupName
{
    /// <summary>Longest group name Cognito accepts.</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// Null when <paramref name="value"/> is a group name Cognito accepts (1-128 letters, marks, numbers,
    /// punctuation or symbols: the <c>GroupName</c> pattern of the Cognito API, so no white space or
    /// control characters); otherwise what is wrong, naming the variable.
    /// </summary>
    public static string? Check(string variable, string? value)
    {
        if (value is null)
        {
            return $"{variable} is not set: give the user pool group name, e.g. \"admin\"";
        }

        var valid = value.Length is >= 1 and <= MaxLength && AllRunesAllowed(value);
        return valid
            ? null
            : $"{variable} {Quote(value)} is invalid: use a user pool group name of 1-{MaxLength} letters, digits, punctuation or symbols, without spaces";
    }

    private static bool AllRunesAllowed(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            // A lone surrogate is invalid data, not U+FFFD: it cannot be sent to Cognito.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            rest = rest[consumed..];
            var allowed = Rune.GetUnicodeCategory(rune) switch
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
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    private static string Quote(string value) => value.Length <= 80 ? $"\"{value}\"" : $"\"{value[..80]}...\"";
}
