namespace CognitoStack.Contract;

/// <summary>
/// The message files of the custom message trigger and the one set of rules they follow: checked at synth
/// (the settings, <c>triggers.customMessage</c>) and again by the trigger when it loads them. One JSON file
/// per locale, <c>config/messages/LOCALE.json</c>, shipped with the triggers package under
/// <see cref="Directory"/>: an object whose keys are trigger sources and whose values are
/// <c>{ "emailSubject": "…", "emailMessage": "…" }</c>.
/// </summary>
/// <remarks>
/// Trigger sources and placeholders: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html
/// (<c>request.codeParameter</c>, usually <c>{####}</c>, and for <c>CustomMessage_AdminCreateUser</c> also
/// <c>request.usernameParameter</c>, usually <c>{username}</c>). Length and character limits are those of the
/// pool's own email templates (VerificationMessageTemplate: EmailSubject 1-140, EmailMessage 6-20,000):
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpool-verificationmessagetemplate.html
/// </remarks>
public static class CustomMessages
{
    /// <summary>Folder of the message files inside the triggers package (and under <c>config/</c> in the repository).</summary>
    public const string Directory = "messages";

    /// <summary>The code placeholder the files use; the trigger swaps in <c>request.codeParameter</c>.</summary>
    public const string CodePlaceholder = "{####}";

    /// <summary>The user name placeholder; the trigger swaps in <c>request.usernameParameter</c>.</summary>
    public const string UsernamePlaceholder = "{username}";

    /// <summary>Longest subject.</summary>
    public const int MaxSubjectLength = 140;

    /// <summary>Shortest message.</summary>
    public const int MinMessageLength = 6;

    /// <summary>Longest message.</summary>
    public const int MaxMessageLength = 20_000;

    /// <summary>Largest message file, in characters.</summary>
    public const int MaxFileLength = 200_000;

    /// <summary>Sign-up code.</summary>
    public const string SignUp = "CustomMessage_SignUp";

    /// <summary>Temporary password of an administrator-created user.</summary>
    public const string AdminCreateUser = "CustomMessage_AdminCreateUser";

    /// <summary>Sign-up code sent again.</summary>
    public const string ResendCode = "CustomMessage_ResendCode";

    /// <summary>Password reset code.</summary>
    public const string ForgotPassword = "CustomMessage_ForgotPassword";

    /// <summary>Code after the email address changed.</summary>
    public const string UpdateUserAttribute = "CustomMessage_UpdateUserAttribute";

    /// <summary>Code the user asked for to verify the email address.</summary>
    public const string VerifyUserAttribute = "CustomMessage_VerifyUserAttribute";

    /// <summary>Sign-in code: email MFA and email one-time-password sign-in.</summary>
    public const string Authentication = "CustomMessage_Authentication";

    /// <summary>Every trigger source AWS lists; the default locale's file must cover each one.</summary>
    public static IReadOnlyList<string> Sources { get; } =
        [SignUp, AdminCreateUser, ResendCode, ForgotPassword, UpdateUserAttribute, VerifyUserAttribute, Authentication];

    /// <summary>The placeholders a message for <paramref name="source"/> must contain.</summary>
    public static IReadOnlyList<string> PlaceholdersFor(string source) =>
        source == AdminCreateUser ? [UsernamePlaceholder, CodePlaceholder] : [CodePlaceholder];

    /// <summary>Whether <paramref name="locale"/> is a locale name this app accepts: <c>en</c>, <c>de</c>, <c>pt-BR</c>, <c>zh-Hant-TW</c>.</summary>
    public static bool IsLocale(string? locale)
    {
        if (locale is null || locale.Length is < 2 or > 35)
        {
            return false;
        }

        var parts = locale.Split('-');
        return parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetterLower)
            && parts.Length <= 3
            && parts.Skip(1).All(p => p.Length is >= 2 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }

    /// <summary>What is wrong with one message, or null: length, control characters, placeholders.</summary>
    public static string? Check(string source, string? subject, string? message)
    {
        if (subject is null || subject.Length is < 1 or > MaxSubjectLength || subject.Any(char.IsControl))
        {
            return $"emailSubject must be one line of 1 to {MaxSubjectLength} characters without control characters";
        }

        if (message is null || message.Length is < MinMessageLength or > MaxMessageLength
            || message.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return $"emailMessage must hold {MinMessageLength} to {MaxMessageLength:N0} characters, without control characters other than line breaks and tabs";
        }

        var missing = PlaceholdersFor(source).FirstOrDefault(p => !message.Contains(p, StringComparison.Ordinal));
        return missing is null ? null : $"emailMessage must contain {string.Join(" and ", PlaceholdersFor(source))}; {missing} is missing";
    }
}
