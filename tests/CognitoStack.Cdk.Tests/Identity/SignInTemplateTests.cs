using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Identity;

/// <summary>
/// Managed login, passkeys, password history and refresh-token rotation as the Identity templates declare
/// them (prod and dev), and the classic Hosted UI and machine-token claims of the test-only federated one.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class SignInTemplateTests(SynthFixture synth)
{
    private const string Pool = "AWS::Cognito::UserPool";
    private const string Client = "AWS::Cognito::UserPoolClient";
    private const string Domain = "AWS::Cognito::UserPoolDomain";
    private const string Branding = "AWS::Cognito::ManagedLoginBranding";

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Domain_Should_ServeManagedLogin(string env) =>
        synth[env].Identity.HasProperties(Domain, Obj(("ManagedLoginVersion", 2)));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void ManagedLogin_Should_StyleTheWebAndConfidentialClientsAfterTheDomain(string env)
    {
        var styles = synth[env].Resources("Identity", Branding).ToList();

        Assert.Equal(["ManagedLoginConfidentialClientStyle", "ManagedLoginWebClientStyle"],
            styles.Select(s => s.LogicalId[..^8]).Order(StringComparer.Ordinal));
        Assert.All(styles, s => Assert.Contains(s.Resource["DependsOn"]!.AsArray(), d => ((string)d!).StartsWith("UserDirectoryUserPoolDomain", StringComparison.Ordinal)));
        synth[env].Identity.HasProperties(Branding, Obj(("ClientId", Obj(("Ref", Match.StringLikeRegexp("^AppClientsWebClient"))))));
        synth[env].Identity.HasProperties(Branding, Obj(("ClientId", Obj(("Ref", Match.StringLikeRegexp("^AppClientsConfidentialClient"))))));
    }

    [Fact]
    public void ProdStyle_Should_BeCognitosOwnLook() =>
        synth["prod"].Identity.HasProperties(Branding, Obj(
            ("UseCognitoProvidedValues", true), ("Settings", Match.Absent()), ("Assets", Match.Absent())));

    [Fact]
    public void DevStyle_Should_CarryTheBrandingFileAndImages()
    {
        var global = Match.ObjectLike(Obj(("global", Match.ObjectLike(Obj(("colorSchemeMode", "LIGHT"))))));
        synth["dev"].Identity.HasProperties(Branding, Obj(
            ("UseCognitoProvidedValues", Match.Absent()),
            ("Settings", Match.ObjectLike(Obj(("categories", global)))),
            ("Assets", Match.ArrayWith([
                Match.ObjectLike(Obj(("Category", "FORM_LOGO"), ("ColorMode", "LIGHT"), ("Extension", "SVG"))),
                Match.ObjectLike(Obj(("Category", "FAVICON_SVG"), ("ColorMode", "DYNAMIC"), ("Extension", "SVG"))),
                Match.ObjectLike(Obj(("Category", "PAGE_BACKGROUND"), ("ColorMode", "LIGHT"), ("Extension", "PNG"))),
            ]))));
    }

    [Theory]
    [InlineData("dev", 5)]
    [InlineData("prod", 24)]
    public void Pool_Should_OfferPasskeysBesideThePasswordAndKeepPasswordHistory(string env, int history) =>
        synth[env].Identity.HasProperties(Pool, Obj(
            ("Policies", Match.ObjectLike(Obj(
                ("SignInPolicy", Obj(("AllowedFirstAuthFactors", new[] { "PASSWORD", "WEB_AUTHN" }))),
                ("PasswordPolicy", Match.ObjectLike(Obj(("PasswordHistorySize", history))))))),
            ("WebAuthnRelyingPartyID", Obj(("Fn::Join", new object[] { "", new object[] { $"myapp-auth-{env}.auth.", Obj(("Ref", "AWS::Region")), ".amazoncognito.com" } }))),
            ("WebAuthnUserVerification", "required"),
            ("WebAuthnFactorConfiguration", "MULTI_FACTOR_WITH_USER_VERIFICATION"),
            ("EnabledMfas", new[] { "SOFTWARE_TOKEN_MFA" })));

    [Fact]
    public void Passkeys_Should_UseTheCustomDomainAsRelyingParty_When_OneIsConfigured() =>
        synth["federated"].Identity.HasProperties(Pool, Obj(("WebAuthnRelyingPartyID", "auth.example.com")));

    [Theory]
    [InlineData("dev", 10)]
    [InlineData("prod", 0)]
    public void WebClient_Should_RotateRefreshTokensAndOfferChoiceBasedSignIn(string env, int grace) =>
        synth[env].Identity.HasProperties(Client, Obj(
            ("GenerateSecret", false),
            ("ExplicitAuthFlows", new[] { "ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH" }),
            ("RefreshTokenRotation", Obj(("Feature", "ENABLED"), ("RetryGracePeriodSeconds", grace)))));

    [Fact]
    public void WebClient_Should_KeepRefreshTokenAuth_When_RotationIsOff() =>
        synth["federated"].Identity.HasProperties(Client, Obj(
            ("GenerateSecret", false),
            ("ExplicitAuthFlows", Match.ArrayWith(["ALLOW_REFRESH_TOKEN_AUTH"])),
            ("RefreshTokenRotation", Obj(("Feature", "DISABLED")))));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void OnlyTheWebClient_Should_Rotate(string env) =>
        Assert.Single(synth[env].Resources("Identity", Client), c => c.Resource["Properties"]!["RefreshTokenRotation"] is not null);

    [Fact]
    public void ClassicHostedUi_Should_UseDomainVersionOneWithoutStyles()
    {
        var identity = synth["federated"].Identity;

        identity.ResourceCountIs(Branding, 0);
        identity.AllResourcesProperties(Domain, Match.ObjectLike(Obj(("ManagedLoginVersion", 1))));
    }

    [Theory]
    [InlineData("federated", "V3_0")]
    [InlineData("prod", "V2_0")]
    public void PreTokenGeneration_Should_UseTheV3EventOnlyForMachineTokenClaims(string env, string version) =>
        synth[env].Identity.HasProperties(Pool, Obj(("LambdaConfig", Match.ObjectLike(Obj(
            ("PreTokenGenerationConfig", Match.ObjectLike(Obj(("LambdaVersion", version)))))))));

    [Fact]
    public void Passwordless_Should_OfferEmailCodesAndEmailMfaThroughSes() =>
        synth["passwordless"].Identity.HasProperties(Pool, Obj(
            ("Policies", Match.ObjectLike(Obj(("SignInPolicy", Obj(("AllowedFirstAuthFactors", new[] { "PASSWORD", "EMAIL_OTP", "WEB_AUTHN" })))))),
            ("EnabledMfas", new[] { "SOFTWARE_TOKEN_MFA", "EMAIL_OTP" }),
            ("MfaConfiguration", "OPTIONAL"),
            ("EmailConfiguration", Match.ObjectLike(Obj(("EmailSendingAccount", "DEVELOPER")))),
            ("WebAuthnUserVerification", "preferred"),
            ("WebAuthnFactorConfiguration", "SINGLE_FACTOR")));
}
