using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Identity;

/// <summary>How each environment's user pool sends email, and the messages it sends.</summary>
[Collection(SynthCollection.Name)]
public sealed class EmailTests(SynthFixture synth)
{
    private const string UserPool = "AWS::Cognito::UserPool";

    private static readonly string VerificationBody = File.ReadAllText(Path.Combine(Repository.Root, "config", "email", "verification.html"));
    private static readonly string InvitationBody = File.ReadAllText(Path.Combine(Repository.Root, "config", "email", "invitation.html"));

    [Fact]
    public void Prod_Should_SendThroughSesWithTheStacksPartitionRegionAndAccount() =>
        synth["prod"].Identity.HasProperties(UserPool, Obj(("EmailConfiguration", Match.ObjectEquals(Obj(
            ("EmailSendingAccount", "DEVELOPER"),
            ("From", "MyApp <no-reply@example.com>"),
            ("ReplyToEmailAddress", "support@example.com"),
            ("SourceArn", Obj(("Fn::Join", new object[]
            {
                "",
                new object[]
                {
                    "arn:", Obj(("Ref", "AWS::Partition")), ":ses:", Obj(("Ref", "AWS::Region")), ":",
                    Obj(("Ref", "AWS::AccountId")), ":identity/example.com",
                },
            }))))))));

    [Fact]
    public void Prod_Should_SendTheVerificationTemplateFromConfigEmail()
    {
        var pool = Pool("prod");

        Assert.Equal("CONFIRM_WITH_CODE", (string?)pool["VerificationMessageTemplate"]!["DefaultEmailOption"]);
        Assert.Equal("Your MyApp verification code", (string?)pool["VerificationMessageTemplate"]!["EmailSubject"]);
        Assert.Equal(VerificationBody, (string?)pool["VerificationMessageTemplate"]!["EmailMessage"]);
        Assert.Contains("{####}", (string?)pool["VerificationMessageTemplate"]!["EmailMessage"], StringComparison.Ordinal);
        // The L2 also fills the legacy properties; Cognito must not see two different messages.
        Assert.Equal(VerificationBody, (string?)pool["EmailVerificationMessage"]);
        Assert.Equal("Your MyApp verification code", (string?)pool["EmailVerificationSubject"]);
    }

    [Fact]
    public void Prod_Should_SendTheInvitationTemplateFromConfigEmail()
    {
        var invitation = Pool("prod")["AdminCreateUserConfig"]!["InviteMessageTemplate"]!;

        Assert.Equal("Your MyApp account is ready", (string?)invitation["EmailSubject"]);
        Assert.Equal(InvitationBody, (string?)invitation["EmailMessage"]);
        Assert.Contains("{username}", (string?)invitation["EmailMessage"], StringComparison.Ordinal);
        Assert.Contains("{####}", (string?)invitation["EmailMessage"], StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_Should_KeepCognitosSenderAndDefaultMessages_BecauseCdkJsonSaysSo()
    {
        var pool = Pool("dev");

        Assert.Equal(EmailSender.Cognito, synth["dev"].Settings.Email.Sender);
        Assert.Null(pool["EmailConfiguration"]);
        Assert.Null(pool["AdminCreateUserConfig"]!["InviteMessageTemplate"]);
        Assert.Equal("Verify your new account", (string?)pool["VerificationMessageTemplate"]!["EmailSubject"]);
        Assert.Equal("The verification code to your new account is {####}", (string?)pool["VerificationMessageTemplate"]!["EmailMessage"]);
    }

    [Fact]
    public void Federated_Should_SendFromAnAddressIdentityInTheNamedSesRegionWithAConfigurationSet()
    {
        var email = Pool("federated")["EmailConfiguration"]!;

        Assert.Equal("DEVELOPER", (string?)email["EmailSendingAccount"]);
        Assert.Equal("Example Sign-in <sign-in@example.com>", (string?)email["From"]);
        Assert.Equal("cognito-auth", (string?)email["ConfigurationSet"]);
        Assert.Null(email["ReplyToEmailAddress"]);
        Assert.Equal(
            """{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":ses:eu-west-1:",{"Ref":"AWS::AccountId"},":identity/sign-in@example.com"]]}""",
            SynthesizedEnvironment.Text(email["SourceArn"]));
        Assert.Null(Pool("federated")["AdminCreateUserConfig"]!["InviteMessageTemplate"]);
    }

    [Fact]
    public void Federated_Should_RefuseADeployToARegionWhosePoolsCannotUseTheNamedSesRegion()
    {
        var assertion = synth["federated"].Json["Identity"]["Rules"]!["SesRegionSupported"]!["Assertions"]![0]!;

        Assert.Equal(
            """{"Fn::Contains":[["ap-northeast-1","ap-northeast-2","ap-south-1","ap-southeast-1","ap-southeast-2","ca-central-1","eu-central-1","eu-west-1","eu-west-2","us-east-1","us-east-2","us-west-2"],{"Ref":"AWS::Region"}]}""",
            SynthesizedEnvironment.Text(assertion["Assert"]));
        Assert.StartsWith("email.sesRegion eu-west-1 serves user pools in ", (string?)assertion["AssertDescription"]);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void StacksWithoutANamedSesRegion_Should_HaveNoSesRegionRule(string env) =>
        Assert.Null(synth[env].Json["Identity"]["Rules"]?["SesRegionSupported"]);

    [Fact]
    public void SourceArn_Should_UseTheStacksRegionPartitionAndAccount_When_TheEnvironmentNamesThem()
    {
        var settings = synth["prod"].Settings with { Account = "123456789012", Region = "eu-central-1" };

        var pool = synth.Synthesize(settings, "prod-in-account").Resources("Identity", UserPool).Single().Resource["Properties"]!;

        Assert.Equal("arn:aws:ses:eu-central-1:123456789012:identity/example.com", (string?)pool["EmailConfiguration"]!["SourceArn"]);
    }

    private JsonNode Pool(string env) => synth[env].Resources("Identity", UserPool).Single().Resource["Properties"]!;
}
