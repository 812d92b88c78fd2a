using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Identity;

/// <summary>Terms documents, threat protection's declared responses and principal tags in the templates.</summary>
[Collection(SynthCollection.Name)]
public sealed class ProtectionTemplateTests(SynthFixture synth)
{
    private const string Terms = "AWS::Cognito::Terms";
    private const string Risk = "AWS::Cognito::UserPoolRiskConfigurationAttachment";
    private const string PrincipalTag = "AWS::Cognito::IdentityPoolPrincipalTag";

    [Fact]
    public void Terms_Should_GiveBothUserClientsBothDocuments_When_Configured()
    {
        var documents = synth["complete"].Resources("Identity", Terms).Select(r => r.Resource["Properties"]!).ToList();

        Assert.Equal(4, documents.Count);
        Assert.All(documents, d =>
        {
            Assert.Equal("LINK", (string?)d["TermsSource"]);
            Assert.Equal("NONE", (string?)d["Enforcement"]);
            Assert.Equal("""{"Ref":"UserDirectoryUserPoolD2758A4E"}""", SynthesizedEnvironment.Text(d["UserPoolId"]));
        });
        var web = documents.Where(d => SynthesizedEnvironment.Text(d["ClientId"]).Contains("AppClientsWebClient", StringComparison.Ordinal)).ToList();
        Assert.Equal(["privacy-policy", "terms-of-use"], web.Select(d => (string)d["TermsName"]!).Order(StringComparer.Ordinal));
        Assert.Equal("""{"cognito:default":"https://app.example.com/terms","cognito:french":"https://app.example.com/fr/conditions"}""",
            SynthesizedEnvironment.Text(web.Single(d => (string?)d["TermsName"] == "terms-of-use")["Links"]));
        Assert.Equal(2, documents.Count(d => SynthesizedEnvironment.Text(d["ClientId"]).Contains("AppClientsConfidentialClient", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Terms_Should_BeAbsent_When_NotConfigured(string env) =>
        synth[env].Identity.ResourceCountIs(Terms, 0);

    [Fact]
    public void Prod_Should_BlockLeakedPasswordsAndHighRisk_AndNotifyThroughSes() =>
        synth["prod"].Identity.HasProperties(Risk, Obj(
            ("ClientId", "ALL"),
            ("CompromisedCredentialsRiskConfiguration", Obj(("Actions", Obj(("EventAction", "BLOCK"))))),
            ("AccountTakeoverRiskConfiguration", Obj(
                ("Actions", Obj(
                    ("LowAction", Obj(("EventAction", "NO_ACTION"), ("Notify", true))),
                    ("MediumAction", Obj(("EventAction", "MFA_IF_CONFIGURED"), ("Notify", true))),
                    ("HighAction", Obj(("EventAction", "BLOCK"), ("Notify", true))))),
                ("NotifyConfiguration", Obj(("From", "MyApp <no-reply@example.com>"), ("ReplyTo", "support@example.com")))))));

    [Fact]
    public void RiskNotifications_Should_SendAsThePoolsSesIdentity()
    {
        var notify = synth["complete"].Resources("Identity", Risk).Single().Resource["Properties"]!["AccountTakeoverRiskConfiguration"]!["NotifyConfiguration"]!;
        var pool = synth["complete"].Resources("Identity", "AWS::Cognito::UserPool").Single().Resource["Properties"]!["EmailConfiguration"]!;

        Assert.Equal(SynthesizedEnvironment.Text(pool["SourceArn"]), SynthesizedEnvironment.Text(notify["SourceArn"]));
        Assert.Contains(":ses:eu-west-1:", SynthesizedEnvironment.Text(notify["SourceArn"]), StringComparison.Ordinal);
    }

    [Fact]
    public void RiskConfiguration_Should_CarryTheIpLists() =>
        synth["complete"].Identity.HasProperties(Risk, Obj(("RiskExceptionConfiguration", Obj(
            ("BlockedIPRangeList", new[] { "203.0.113.0/24" }),
            ("SkippedIPRangeList", new[] { "198.51.100.0/24", "2001:db8::/32" })))));

    [Fact]
    public void RiskConfiguration_Should_BeAbsent_When_ThreatProtectionIsOff() =>
        synth["dev"].Identity.ResourceCountIs(Risk, 0);

    [Fact]
    public void PrincipalTags_Should_MapTheTenantClaimForThePoolProvider() =>
        synth["complete"].Identity.HasProperties(PrincipalTag, Obj(
            ("IdentityPoolId", Obj(("Ref", "IdentityFederationIdentityPoolFF77C2C6"))),
            ("IdentityProviderName", Obj(("Fn::GetAtt", new[] { "UserDirectoryUserPoolD2758A4E", "ProviderName" }))),
            ("PrincipalTags", Obj(("tenant", "tenant"))),
            ("UseDefaults", false)));

    [Theory]
    [InlineData("complete", true)]
    [InlineData("prod", false)]
    public void SignedInRoles_Should_AllowSessionTags_OnlyWithPrincipalTags(string env, bool tags)
    {
        var roles = synth[env].Resources("Identity", "AWS::IAM::Role")
            .Where(r => r.LogicalId.StartsWith("IdentityFederationAuthenticatedRole", StringComparison.Ordinal) || r.LogicalId.StartsWith("IdentityFederationAdminRole", StringComparison.Ordinal))
            .Select(r => r.Resource["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray().Single()!)
            .ToList();

        Assert.Equal(2, roles.Count);
        Assert.All(roles, s => Assert.Equal(tags ? """["sts:AssumeRoleWithWebIdentity","sts:TagSession"]""" : "\"sts:AssumeRoleWithWebIdentity\"",
            SynthesizedEnvironment.Text(s["Action"])));
        synth[env].Identity.ResourceCountIs(PrincipalTag, tags ? 1 : 0);
    }
}
