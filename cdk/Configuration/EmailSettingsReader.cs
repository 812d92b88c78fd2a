using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Configuration;

/// <summary>Reads and checks <c>email</c>: the sender, the SES identity and the message templates.</summary>
internal static partial class EmailSettingsReader
{
    /// <summary>The code (or temporary password) placeholder Cognito fills in.</summary>
    public const string CodePlaceholder = "{####}";

    /// <summary>The user name placeholder of the invitation.</summary>
    public const string UsernamePlaceholder = "{username}";

    // AWS::Cognito::UserPool VerificationMessageTemplate / InviteMessageTemplate in the CloudFormation
    // registry schema (the cognito-idp API model agrees): EmailSubject 1-140 characters
    // [\p{L}\p{M}\p{S}\p{N}\p{P}\s]+, EmailMessage 6-20,000 characters [\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpool-verificationmessagetemplate.html
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpool-invitemessagetemplate.html
    private const int MaxSubjectLength = 140;
    private const int MinBodyLength = 6;
    private const int MaxBodyLength = 20_000;
    private const int MaxSubjectFileLength = 1_024;

    private const string AddressRule = "use an address such as no-reply@example.com or My App <no-reply@example.com> (ASCII address; a name without <, >, \", \\ or control characters)";
    private const string RequiredWithSes = "required with sender SES";
    private const string OnlyWithSes = "only used with sender SES: remove it, or set sender SES";

    /// <summary>Keys that only mean something when SES sends.</summary>
    private static readonly string[] SesOnlyKeys =
        ["fromAddress", "sesIdentity", "sesRegion", "replyTo", "configurationSet", "verification", "invitation"];

    public static EmailSettings Read(SettingsReader e, RepositoryFiles files)
    {
        var sender = e.Enum("sender", Choices.EmailSender, EmailSender.Ses);
        if (sender == EmailSender.Cognito)
        {
            // Cognito's sender rejects custom templates; "nothing else changes" keeps the choice honest.
            var stray = SesOnlyKeys.FirstOrDefault(e.Has);
            return stray is null
                ? new EmailSettings { Sender = sender }
                : throw e.Invalid(stray, "(given with sender COGNITO)", OnlyWithSes);
        }

        var from = e.OptionalString("fromAddress", FromAddress(), AddressRule, RequiredWithSes) ?? throw e.Missing("fromAddress", $"with sender SES, {AddressRule}");
        var identity = e.OptionalString("sesIdentity", SesIdentity(),
            "use the verified SES identity: a domain such as example.com or an address such as no-reply@example.com", RequiredWithSes)
            ?? throw e.Missing("sesIdentity", "with sender SES, name the verified SES identity: a domain such as example.com or an address such as no-reply@example.com");
        var settings = new EmailSettings
        {
            Sender = sender,
            FromAddress = ParseAddress(from),
            SesIdentity = identity,
            SesRegion = e.OptionalString("sesRegion", SettingsLoader.RegionName(), SettingsLoader.RegionRule, "the stack's Region"),
            ReplyTo = e.OptionalString("replyTo", Address(), "use an address such as support@example.com", "the from address"),
            ConfigurationSet = e.OptionalString("configurationSet", ConfigurationSetName(),
                "use 1-64 letters, digits, underscores and hyphens (an SES configuration set name)"),
            Verification = e.OptionalObject("verification")?.ReadAll(t => ReadTemplate(t, files, [CodePlaceholder], "the code Cognito fills in")),
            Invitation = e.OptionalObject("invitation")?.ReadAll(t => ReadTemplate(t, files, [UsernamePlaceholder, CodePlaceholder],
                "the user name and temporary password Cognito fills in")),
        };
        CheckFromBelongsToIdentity(e, settings.FromAddress!, identity);
        return settings;
    }

    /// <summary>The SES Region, when given, must be one Cognito accepts for a pool in <paramref name="poolRegion"/>.</summary>
    public static void CheckSesRegion(EmailSettings email, string? poolRegion, string path)
    {
        if (email.SesRegion is not { } sesRegion || poolRegion is null)
        {
            return;
        }

        var allowed = SesRegions.For(poolRegion);
        if (!allowed.Contains(sesRegion, StringComparer.Ordinal))
        {
            throw new ConfigurationException(
                $"{path}.email.sesRegion \"{sesRegion}\" is invalid with region \"{poolRegion}\": a user pool in {poolRegion} sends through SES in "
                + $"{string.Join(" or ", allowed)} only (see Cognito's email settings, Amazon SES email configuration Regions)");
        }
    }

    private static void CheckFromBelongsToIdentity(SettingsReader e, EmailAddress from, string identity)
    {
        var isAddress = identity.Contains('@', StringComparison.Ordinal);
        var belongs = isAddress
            ? string.Equals(from.Address, identity, StringComparison.Ordinal)
            : string.Equals(from.Domain, identity, StringComparison.OrdinalIgnoreCase);
        if (!belongs)
        {
            throw e.Invalid("fromAddress", $"\"{from.Address}\"",
                isAddress
                    ? $"with sesIdentity \"{identity}\" (an address identity) the from address must be {identity}"
                    : $"with sesIdentity \"{identity}\" (a domain identity) the from address must be an address @{identity}");
        }
    }

    private static EmailTemplate ReadTemplate(SettingsReader t, RepositoryFiles files, string[] placeholders, string what)
    {
        var subjectFile = t.RequiredString("subjectFile", SettingsLoader.RelativeFile(), RepositoryFiles.PathRule("subjectFile"));
        var bodyFile = t.RequiredString("bodyFile", SettingsLoader.RelativeFile(), RepositoryFiles.PathRule("bodyFile"));

        // A subject file ends with a newline like any text file; the subject is its one line.
        var subject = files.Read(t, "subjectFile", subjectFile, MaxSubjectFileLength).TrimEnd('\r', '\n');
        if (!Subject().IsMatch(subject))
        {
            throw t.Invalid("subjectFile", $"\"{subjectFile}\"",
                $"the subject must be one line of 1 to {MaxSubjectLength} characters without control characters, it has {subject.Length}");
        }

        var body = files.Read(t, "bodyFile", bodyFile, MaxBodyLength);
        if (body.Length < MinBodyLength || !Body().IsMatch(body))
        {
            throw t.Invalid("bodyFile", $"\"{bodyFile}\"",
                $"the body must hold {MinBodyLength} to {MaxBodyLength:N0} characters, without control characters other than line breaks and tabs");
        }

        var missing = placeholders.FirstOrDefault(p => !body.Contains(p, StringComparison.Ordinal));
        return missing is null
            ? new EmailTemplate { Subject = subject, HtmlBody = body }
            : throw t.Invalid("bodyFile", $"\"{bodyFile}\"",
                $"the body must contain {string.Join(" and ", placeholders)} ({what}); {missing} is missing");
    }

    private static EmailAddress ParseAddress(string value)
    {
        var match = NamedAddress().Match(value);
        return match.Success
            ? new EmailAddress { DisplayName = match.Groups["name"].Value, Address = match.Groups["address"].Value }
            : new EmailAddress { Address = value };
    }

    // An ASCII address: up to 64 RFC 5321 local-part characters and a host name.
    private const string AddressPattern =
        @"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}";

    [GeneratedRegex($"^{AddressPattern}\\z")]
    private static partial Regex Address();

    [GeneratedRegex($"^(?:{AddressPattern}|[^<>\"\\\\\\p{{C}}\\s](?:[^<>\"\\\\\\p{{C}}]{{0,98}}[^<>\"\\\\\\p{{C}}\\s])? <{AddressPattern}>)\\z")]
    private static partial Regex FromAddress();

    [GeneratedRegex($"^(?<name>[^<]+) <(?<address>{AddressPattern})>\\z")]
    private static partial Regex NamedAddress();

    [GeneratedRegex($"^(?:{AddressPattern}|(?=.{{4,253}}\\z)(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\\.)+[a-z]{{2,63}})\\z")]
    private static partial Regex SesIdentity();

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}\\z")]
    private static partial Regex ConfigurationSetName();

    // The schema's \s is Java's: ASCII white space only. A subject is one line.
    [GeneratedRegex(@"^[\p{L}\p{M}\p{S}\p{N}\p{P} ]{1,140}\z")]
    private static partial Regex Subject();

    [GeneratedRegex(@"^[\p{L}\p{M}\p{S}\p{N}\p{P} \t\n\x0B\f\r]*\z")]
    private static partial Regex Body();
}
