using System.Text.Json.Nodes;
using CognitoStack.Cdk.Configuration;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>email: sender, SES identity and Region, reply-to, configuration set and the message templates.</summary>
public sealed class EmailSettingsTests
{
    private const string Ses = """{"fromAddress": "MyApp <no-reply@example.com>", "sesIdentity": "example.com"}""";
    private const string VerificationFiles = """{"subjectFile": "config/email/verification-subject.txt", "bodyFile": "config/email/verification.html"}""";
    private const string InvitationFiles = """{"subjectFile": "config/email/invitation-subject.txt", "bodyFile": "config/email/invitation.html"}""";
    private const string AddressRule = "use an address such as no-reply@example.com or My App <no-reply@example.com> (ASCII address; a name without <, >, \", \\ or control characters)";
    private const string OnlyWithSes = "only used with sender SES: remove it, or set sender SES";

    [Fact]
    public void Sender_Should_DefaultToSes_When_LeftOut()
    {
        // Act
        var settings = Load(environment: Minimal());

        // Assert
        Assert.Equal(EmailSender.Ses, settings.Email.Sender);
    }

    [Fact]
    public void Email_Should_AskForTheSesSettings_When_TheSectionIsLeftOut() =>
        // Cognito's sender is the risky choice: it must be written out, as dev does.
        Assert.StartsWith($"{Key("email.fromAddress")} is missing: with sender SES, ", Error(Remove("email")));

    [Fact]
    public void Sender_Should_BeCognito_When_WrittenOut() =>
        Assert.Equal(new EmailSettings { Sender = EmailSender.Cognito }, Load().Email);

    [Theory]
    [InlineData("\"SMTP\"", "\"SMTP\"")]
    [InlineData("\"ses\"", "\"ses\"")]
    [InlineData("true", "true")]
    public void Sender_Should_FailListingTheSenders_When_Unknown(string json, string received) =>
        Assert.Equal(Invalid("email.sender", received, "use one of SES, COGNITO"), Error(SetJson("email.sender", json)));

    [Theory]
    [InlineData("fromAddress", "\"no-reply@example.com\"")]
    [InlineData("sesIdentity", "\"example.com\"")]
    [InlineData("sesRegion", "\"eu-west-1\"")]
    [InlineData("replyTo", "\"support@example.com\"")]
    [InlineData("configurationSet", "\"auth\"")]
    [InlineData("verification", VerificationFiles)]
    [InlineData("invitation", InvitationFiles)]
    public void SesSetting_Should_Fail_When_GivenWithSenderCognito(string key, string json) =>
        Assert.Equal(Invalid($"email.{key}", "(given with sender COGNITO)", OnlyWithSes), Error(SetJson($"email.{key}", json)));

    [Theory]
    [InlineData("fromAddress", """{"sesIdentity": "example.com"}""")]
    [InlineData("sesIdentity", """{"fromAddress": "no-reply@example.com"}""")]
    public void SesSetting_Should_FailAsMissing_When_SenderIsSes(string key, string email)
    {
        // Act
        var message = Error(SetJson("email", email));

        // Assert
        Assert.StartsWith($"{Key($"email.{key}")} is missing: with sender SES, ", message);
    }

    [Theory]
    [InlineData("no-reply")]
    [InlineData("no-reply@")]
    [InlineData("no-reply@example")]
    [InlineData("MyApp<no-reply@example.com>")]
    [InlineData("<no-reply@example.com>")]
    [InlineData(" MyApp <no-reply@example.com>")]
    [InlineData("My \"App\" <no-reply@example.com>")]
    [InlineData("My <App> <no-reply@example.com>")]
    [InlineData("MyApp\n <no-reply@example.com>")]
    [InlineData("MyApp <no-reply@example.com")]
    [InlineData("ünï@example.com")]
    [InlineData("no reply@example.com")]
    public void FromAddress_Should_Fail_When_NotAnAddressWithOptionalName(string from) =>
        Assert.Equal(Invalid("email.fromAddress", Received(from), AddressRule), Error(All(SetJson("email", Ses), Set("email.fromAddress", from))));

    [Fact]
    public void FromAddress_Should_Fail_When_TheLocalPartIsLongerThan64()
    {
        // Arrange
        var from = $"{new string('a', 65)}@example.com";

        // Act
        var message = Error(All(SetJson("email", Ses), Set("email.fromAddress", from)));

        // Assert
        Assert.Equal(Invalid("email.fromAddress", Received(from), AddressRule), message);
    }

    [Theory]
    [InlineData("no-reply@example.com", "no-reply@example.com", null)]
    [InlineData("MyApp <no-reply@example.com>", "no-reply@example.com", "MyApp")]
    [InlineData("Acme, Inc. (Sign-in) <a@example.com>", "a@example.com", "Acme, Inc. (Sign-in)")]
    [InlineData("Zoë's Café <x@example.com>", "x@example.com", "Zoë's Café")]
    [InlineData("n@Example.COM", "n@Example.COM", null)]
    public void FromAddress_Should_LoadAddressAndName_When_Valid(string from, string address, string? name)
    {
        // Act
        var settings = Load(All(SetJson("email", Ses), Set("email.fromAddress", from)));

        // Assert
        Assert.Equal(new EmailAddress { Address = address, DisplayName = name }, settings.Email.FromAddress);
    }

    [Fact]
    public void FromAddress_Should_Load_When_TheLocalPartIs64Characters()
    {
        // Arrange
        var from = $"{new string('a', 64)}@example.com";

        // Act
        var settings = Load(All(SetJson("email", Ses), Set("email.fromAddress", from)));

        // Assert
        Assert.Equal(from, settings.Email.FromAddress!.Address);
    }

    [Theory]
    [InlineData("example")]
    [InlineData("Example.com")]
    [InlineData("https://example.com")]
    [InlineData("arn:aws:ses:eu-west-1:123456789012:identity/example.com")]
    [InlineData("@example.com")]
    public void SesIdentity_Should_Fail_When_NeitherDomainNorAddress(string identity) =>
        Assert.Equal(
            Invalid("email.sesIdentity", Received(identity), "use the verified SES identity: a domain such as example.com or an address such as no-reply@example.com"),
            Error(All(SetJson("email", Ses), Set("email.sesIdentity", identity))));

    [Theory]
    [InlineData("no-reply@other.com", "example.com", "with sesIdentity \"example.com\" (a domain identity) the from address must be an address @example.com")]
    [InlineData("no-reply@mail.example.com", "example.com", "with sesIdentity \"example.com\" (a domain identity) the from address must be an address @example.com")]
    [InlineData("no-reply@example.com.evil.test", "example.com", "with sesIdentity \"example.com\" (a domain identity) the from address must be an address @example.com")]
    [InlineData("MyApp <other@example.com>", "no-reply@example.com", "with sesIdentity \"no-reply@example.com\" (an address identity) the from address must be no-reply@example.com")]
    [InlineData("No-Reply@example.com", "no-reply@example.com", "with sesIdentity \"no-reply@example.com\" (an address identity) the from address must be no-reply@example.com")]
    public void FromAddress_Should_FailNamingTheIdentity_When_OutsideIt(string from, string identity, string allowed)
    {
        // Act
        var message = Error(SetJson("email", $$"""{"fromAddress": "{{from}}", "sesIdentity": "{{identity}}"}"""));

        // Assert
        Assert.Equal(Invalid("email.fromAddress", Received(from[(from.IndexOf('<') + 1)..].TrimEnd('>')), allowed), message);
    }

    [Theory]
    [InlineData("no-reply@example.com", "example.com")]
    [InlineData("no-reply@EXAMPLE.com", "example.com")]
    [InlineData("MyApp <no-reply@example.com>", "no-reply@example.com")]
    [InlineData("sign-in@mail.example.com", "mail.example.com")]
    public void FromAddress_Should_Load_When_InsideTheIdentity(string from, string identity) =>
        Assert.Equal(identity, Load(SetJson("email", $$"""{"fromAddress": "{{from}}", "sesIdentity": "{{identity}}"}""")).Email.SesIdentity);

    [Theory]
    [InlineData("EU-WEST-1")]
    [InlineData("eu-west")]
    [InlineData("ses.eu-west-1")]
    [InlineData("cn-north-1")]
    public void SesRegion_Should_Fail_When_NotARegionName(string region) =>
        Assert.Equal(Invalid("email.sesRegion", Received(region), "use a region of the aws partition such as eu-west-1 (aws-cn and aws-us-gov are not supported)"),
            Error(All(SetJson("email", Ses), Set("email.sesRegion", region))));

    [Theory]
    [InlineData("eu-west-3", "eu-west-1", "eu-west-3")]
    [InlineData("us-west-1", "us-east-1", "us-west-1")]
    [InlineData("eu-central-1", "eu-west-2", "eu-central-1 or us-east-1 or us-west-2 or eu-west-1")]
    [InlineData("us-east-1", "us-east-2", "us-east-1 or us-west-2 or eu-west-1")]
    public void SesRegion_Should_FailNamingTheAllowedRegions_When_CognitoDoesNotSendThroughItFromTheStackRegion(string region, string sesRegion, string allowed)
    {
        // Act
        var message = Error(All(SetJson("email", Ses), Set("region", region), Set("email.sesRegion", sesRegion)));

        // Assert
        Assert.Equal(
            $"{Key("email.sesRegion")} \"{sesRegion}\" is invalid with region \"{region}\": a user pool in {region} sends through SES in {allowed} only "
            + "(see Cognito's email settings, Amazon SES email configuration Regions)",
            message);
    }

    [Theory]
    [InlineData("eu-west-3", "eu-west-3")]
    [InlineData("eu-central-1", "eu-west-1")]
    [InlineData("eu-central-1", "eu-central-1")]
    [InlineData("ap-southeast-2", "us-west-2")]
    [InlineData("us-east-2", "us-east-1")]
    [InlineData(null, "eu-west-1")]
    [InlineData(null, "sa-east-1")]
    public void SesRegion_Should_Load_When_CognitoSendsThroughItOrTheStackRegionIsUnknown(string? region, string sesRegion) =>
        Assert.Equal(sesRegion, Load(All(SetJson("email", Ses), Set("region", region), Set("email.sesRegion", sesRegion))).Email.SesRegion);

    [Theory]
    [InlineData("support")]
    [InlineData("Support <support@example.com>")]
    [InlineData("")]
    public void ReplyTo_Should_Fail_When_NotAPlainAddress(string replyTo) =>
        Assert.Equal(Invalid("email.replyTo", Received(replyTo), "use an address such as support@example.com"),
            Error(All(SetJson("email", Ses), Set("email.replyTo", replyTo))));

    [Fact]
    public void ReplyTo_Should_Load_When_AnAddressOutsideTheIdentity() =>
        Assert.Equal("help@support.example.org", Load(All(SetJson("email", Ses), Set("email.replyTo", "help@support.example.org"))).Email.ReplyTo);

    [Theory]
    [InlineData("")]
    [InlineData("auth set")]
    [InlineData("auth.set")]
    [InlineData("a-configuration-set-name-that-is-sixty-five-characters-long-xxxxx")]
    public void ConfigurationSet_Should_Fail_When_NotAnSesConfigurationSetName(string name) =>
        Assert.Equal(Invalid("email.configurationSet", Received(name), "use 1-64 letters, digits, underscores and hyphens (an SES configuration set name)"),
            Error(All(SetJson("email", Ses), Set("email.configurationSet", name))));

    [Theory]
    [InlineData("a")]
    [InlineData("a-configuration-set-name-that-is-sixty-four-characters-long-xxxx")]
    [InlineData("Auth_Emails-1")]
    public void ConfigurationSet_Should_Load_When_AnSesConfigurationSetName(string name) =>
        Assert.Equal(name, Load(All(SetJson("email", Ses), Set("email.configurationSet", name))).Email.ConfigurationSet);

    [Fact]
    public void SesSettings_Should_LeaveOptionalOnesUnset_When_LeftOut() =>
        Assert.Equal((null, null, null, null, null),
            Load(SetJson("email", Ses)) is { Email: var e } ? (e.SesRegion, e.ReplyTo, e.ConfigurationSet, e.Verification, e.Invitation) : default);

    [Fact]
    public void Templates_Should_LoadTheRepositoryDefaults_When_Named()
    {
        // Act
        var email = Load(All(SetJson("email", Ses), SetJson("email.verification", VerificationFiles), SetJson("email.invitation", InvitationFiles))).Email;

        // Assert
        Assert.Equal("Your MyApp verification code", email.Verification!.Subject);
        Assert.Contains("{####}", email.Verification.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Your MyApp account is ready", email.Invitation!.Subject);
        Assert.Contains("{username}", email.Invitation.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verification", "subjectFile", "config/email/verification-subject.txt")]
    [InlineData("verification", "bodyFile", "config/email/verification.html")]
    [InlineData("invitation", "subjectFile", "config/email/verification-subject.txt")]
    [InlineData("invitation", "bodyFile", "config/email/verification.html")]
    public void TemplateFile_Should_FailAsMissing_WithAnExampleOfItsKind_When_LeftOut(string template, string key, string example) =>
        Assert.Equal($"{Key($"email.{template}.{key}")} is missing: use a relative path under config/ without dot-files or dot-directories, such as {example}",
            Error(All(SetJson("email", Ses), SetJson($"email.{template}", template == "verification" ? VerificationFiles : InvitationFiles), Remove($"email.{template}.{key}"))));

    [Theory]
    [InlineData("/etc/passwd", "use a relative path under config/")]
    [InlineData("../outside.html", "use a relative path under config/")]
    [InlineData("config/email/../../../outside.html", "use a relative path under config/")]
    [InlineData("config/email/missing.html", "the file does not exist")]
    public void TemplateFile_Should_Fail_When_OutsideTheRepositoryOrMissing(string file, string allowed)
    {
        // Act
        var message = Error(All(SetJson("email", Ses), SetJson("email.verification", VerificationFiles), Set("email.verification.bodyFile", file)));

        // Assert
        Assert.StartsWith($"{Key("email.verification.bodyFile")} \"{file}\" is invalid: ", message);
        Assert.Contains(allowed, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verification", "<p>Hello</p>", "{####} (the code Cognito fills in); {####} is missing")]
    [InlineData("verification", "<p>Code: {###}</p>", "{####} (the code Cognito fills in); {####} is missing")]
    [InlineData("invitation", "<p>Password {####}</p>", "{username} and {####} (the user name and temporary password Cognito fills in); {username} is missing")]
    [InlineData("invitation", "<p>User {username}</p>", "{username} and {####} (the user name and temporary password Cognito fills in); {####} is missing")]
    public void TemplateBody_Should_FailNamingThePlaceholder_When_OneIsMissing(string template, string body, string rule)
    {
        // Act
        var message = Assert.Throws<ConfigurationException>(() => LoadTemplate(template, "Subject", body)).Message;

        // Assert
        Assert.Equal(Invalid($"email.{template}.bodyFile", "\"config/t/body.html\"", $"the body must contain {rule}"), message);
    }

    [Theory]
    [InlineData(20_001, "the file must hold 1 to 20,000 characters, it holds 20,001")]
    [InlineData(5, "the body must hold 6 to 20,000 characters, without control characters other than line breaks and tabs")]
    public void TemplateBody_Should_Fail_When_OutsideCloudFormationLengths(int length, string rule)
    {
        // Arrange: at 5 characters the length rule applies before the placeholder rule.
        var body = length < 6 ? new string('x', length) : Body(length, "{####}");

        // Act
        var message = Assert.Throws<ConfigurationException>(() => LoadTemplate("verification", "Subject", body)).Message;

        // Assert
        Assert.Equal(Invalid("email.verification.bodyFile", "\"config/t/body.html\"", rule), message);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(20_000)]
    public void TemplateBody_Should_Load_When_AtALengthLimit(int length) =>
        Assert.Equal(length, LoadTemplate("verification", "Subject", Body(length, "{####}")).Email.Verification!.HtmlBody.Length);

    [Fact]
    public void TemplateBody_Should_Fail_When_ItHoldsAControlCharacter() =>
        Assert.Equal(Invalid("email.verification.bodyFile", "\"config/t/body.html\"", "the body must hold 6 to 20,000 characters, without control characters other than line breaks and tabs"),
            Assert.Throws<ConfigurationException>(() => LoadTemplate("verification", "Subject", "<p>\u0007{####}</p>")).Message);

    [Theory]
    [InlineData(141, "", "it has 141")]
    [InlineData(10, "\nSecond line", "it has 22")]
    [InlineData(10, "\tTabbed", "it has 17")]
    public void TemplateSubject_Should_Fail_When_NotOneLineOfAtMost140(int length, string suffix, string has) =>
        Assert.Equal(Invalid("email.verification.subjectFile", "\"config/t/subject.txt\"", $"the subject must be one line of 1 to 140 characters without control characters, {has}"),
            Assert.Throws<ConfigurationException>(() => LoadTemplate("verification", new string('s', length) + suffix, "<p>{####}</p>")).Message);

    [Theory]
    [InlineData("s", "s")]
    [InlineData("Your code\n", "Your code")]
    [InlineData("Your code\r\n", "Your code")]
    public void TemplateSubject_Should_LoadItsOneLine_When_Valid(string subject, string expected) =>
        Assert.Equal(expected, LoadTemplate("verification", subject, "<p>{####}</p>").Email.Verification!.Subject);

    [Fact]
    public void TemplateSubject_Should_Load_When_140Characters() =>
        Assert.Equal(140, LoadTemplate("verification", new string('s', 140) + "\n", "<p>{####}</p>").Email.Verification!.Subject.Length);

    [Fact]
    public void UnknownKey_Should_FailListingTheEmailKeys_When_ATypo() =>
        Assert.Equal(
            $"{Key("email.from")} is not a known setting: use one of configurationSet, fromAddress, invitation, replyTo, sender, sesIdentity, sesRegion, verification",
            Error(All(SetJson("email", Ses), Set("email.from", "x"))));

    [Fact]
    public void UnknownKey_Should_FailListingTheTemplateKeys_When_ATypo() =>
        Assert.Equal(
            $"{Key("email.verification.subject")} is not a known setting: use one of bodyFile, subjectFile",
            Error(All(SetJson("email", Ses), SetJson("email.verification", VerificationFiles), Set("email.verification.subject", "Hi"))));

    [Fact]
    public void Warnings_Should_NameTheDailyQuotaOnOneLine_When_SenderIsCognito()
    {
        // Act
        var warning = Assert.Single(SettingsLoader.Warnings(Load()));

        // Assert
        Assert.StartsWith($"{Key("email.sender")} is COGNITO: Cognito's built-in sender delivers at most 50 emails a day per AWS account", warning);
        Assert.DoesNotContain('\n', warning);
    }

    [Fact]
    public void Warnings_Should_BeEmpty_When_SenderIsSes() =>
        Assert.Empty(SettingsLoader.Warnings(Load(SetJson("email", Ses))));

    private static string Body(int length, string placeholder) => placeholder + new string('x', length - placeholder.Length);

    /// <summary>Loads dev with SES and one template whose files are written to a fresh base directory.</summary>
    private static EnvironmentSettings LoadTemplate(string template, string subject, string body)
    {
        var root = Directory.CreateTempSubdirectory("cognitostack-email-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "config", "t"));
            File.WriteAllText(Path.Combine(root.FullName, "config", "t", "subject.txt"), subject);
            File.WriteAllText(Path.Combine(root.FullName, "config", "t", "body.html"), body);
            var env = Dev();
            env.Remove("hostedUi");
            env["email"] = JsonNode.Parse(Ses);
            env["email"]![template] = JsonNode.Parse("""{"subjectFile": "config/t/subject.txt", "bodyFile": "config/t/body.html"}""");
            return SettingsLoader.Load(Environments((Env, env)), Env, root.FullName);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
