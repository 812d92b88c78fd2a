using CognitoStack.Cdk.Configuration;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>identityProviders, domain.customDomain, triggers and hostedUi.</summary>
public sealed class FederationSettingsTests
{
    private const string Secret = """{"secretName": "corp-oidc", "jsonField": "clientSecret"}""";
    private const string Oidc = $$"""{"name": "CorpOidc", "clientId": "abc", "clientSecret": {{Secret}}, "issuerUrl": "https://login.example.com"}""";
    private const string Metadata = "config/saml/test-idp-metadata.xml";

    [Fact]
    public void Providers_Should_Load_When_EachKindIsValid()
    {
        // Act
        var settings = Load(SetJson("identityProviders", $$"""
            {
              "google": {"clientId": "1-x.apps.googleusercontent.com", "clientSecret": {"secretArn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:google-AbCdEf"} },
              "oidc": [{{Oidc}}],
              "saml": [{"name": "CorpSaml", "metadataFile": "{{Metadata}}"}, {"name": "Partner", "metadataUrl": "https://partner.example.com/metadata"}]
            }
            """));

        // Assert
        var providers = settings.IdentityProviders;
        Assert.Equal("arn:aws:secretsmanager:eu-west-1:123456789012:secret:google-AbCdEf", providers.Google!.ClientSecret.SecretId);
        Assert.Equal(["openid", "email", "profile"], providers.Oidc[0].Scopes);
        Assert.Contains("EntityDescriptor", providers.Saml[0].MetadataDocument, StringComparison.Ordinal);
        Assert.Equal("https://partner.example.com/metadata", providers.Saml[1].MetadataUrl);
    }

    [Fact]
    public void Providers_Should_BeEmpty_When_LeftOut() =>
        Assert.False(Load().IdentityProviders.Any);

    [Theory]
    [InlineData("ab", "3-32")]
    [InlineData("a-name-that-is-far-too-long-for-cognito", "3-32")]
    [InlineData("-corp", "3-32")]
    [InlineData("Cognito", "not a name Cognito reserves")]
    [InlineData("google", "not a name Cognito reserves")]
    [InlineData("corp idp", "3-32")]
    public void ProviderName_Should_Fail_When_InvalidOrReserved(string name, string allowed)
    {
        // Act
        var message = Error(SetJson("identityProviders", $$"""{"oidc": [{{Oidc.Replace("CorpOidc", name, StringComparison.Ordinal)}}]}"""));

        // Assert
        Assert.StartsWith(Key("identityProviders.oidc[0].name") + $" \"{name}\" is invalid: ", message);
        Assert.Contains(allowed, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a-name-that-is-32-characters-ok1")]
    public void ProviderName_Should_Load_When_AtALengthLimit(string name) =>
        Assert.Equal(name, Load(SetJson("identityProviders", $$"""{"oidc": [{{Oidc.Replace("CorpOidc", name, StringComparison.Ordinal)}}]}""")).IdentityProviders.Oidc[0].Name);

    [Fact]
    public void ProviderNames_Should_Fail_When_UsedTwice()
    {
        // Act
        var message = Error(SetJson("identityProviders", $$"""{"oidc": [{{Oidc}}], "saml": [{"name": "corpoidc", "metadataUrl": "https://x.example.com/m"}]}"""));

        // Assert
        Assert.Equal(Invalid("identityProviders.oidc", "(two providers named \"CorpOidc\")", "give every OIDC and SAML provider its own name"), message);
    }

    [Theory]
    [InlineData("http://login.example.com")]
    [InlineData("login.example.com")]
    [InlineData("https://login.example.com/?tenant=1")]
    [InlineData("https://login.example.com/#x")]
    public void IssuerUrl_Should_Fail_When_NotPlainHttps(string url)
    {
        // Act
        var message = Error(SetJson("identityProviders", $$"""{"oidc": [{{Oidc.Replace("https://login.example.com", url, StringComparison.Ordinal)}}]}"""));

        // Assert
        Assert.StartsWith(Key("identityProviders.oidc[0].issuerUrl") + $" \"{url}\" is invalid: use the provider's https issuer URL", message);
    }

    [Theory]
    [InlineData("""{"jsonField": "x"}""", "(missing, and no secretName)")]
    [InlineData("""{"secretName": "a", "secretArn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf"}""", "(given together with secretName)")]
    public void ClientSecret_Should_Fail_When_NotExactlyOneReference(string secret, string received)
    {
        // Act
        var message = Error(SetJson("identityProviders", $$"""{"google": {"clientId": "x", "clientSecret": {{secret}} } }"""));

        // Assert
        Assert.Equal(Invalid("identityProviders.google.clientSecret.secretArn", received,
            "give exactly one of secretArn and secretName: secrets are never written into cdk.json"), message);
    }

    [Theory]
    [InlineData("""{"secretArn": "arn:aws:s3:::bucket"}""", "secretArn")]
    [InlineData("""{"secretName": "has spaces"}""", "secretName")]
    [InlineData("""{"value": "literal-secret"}""", "secretArn")]
    public void ClientSecret_Should_Fail_When_NotASecretsManagerReference(string secret, string key) =>
        Assert.StartsWith(Key($"identityProviders.google.clientSecret.{key}"),
            Error(SetJson("identityProviders", $$"""{"google": {"clientId": "x", "clientSecret": {{secret}} } }""")));

    [Theory]
    [InlineData("""{"name": "CorpSaml"}""", "(missing, and no metadataFile)")]
    [InlineData($$"""{"name": "CorpSaml", "metadataUrl": "https://x.example.com/m", "metadataFile": "{{Metadata}}"}""", "(given together with metadataFile)")]
    public void SamlMetadata_Should_Fail_When_NotExactlyOneSource(string saml, string received) =>
        Assert.Equal(Invalid("identityProviders.saml[0].metadataUrl", received, "give exactly one of metadataUrl and metadataFile"),
            Error(SetJson("identityProviders", $$"""{"saml": [{{saml}}]}""")));

    [Theory]
    [InlineData("config/missing.xml", "the file does not exist")]
    [InlineData("config/hosted-ui.css", "use a SAML metadata document")]
    [InlineData("/etc/passwd", "use a relative path under config/")]
    [InlineData("../outside.xml", "use a relative path under config/")]
    public void SamlMetadataFile_Should_Fail_When_NotAMetadataDocumentInTheRepository(string file, string allowed)
    {
        // Act
        var message = Error(SetJson("identityProviders", $$"""{"saml": [{"name": "CorpSaml", "metadataFile": "{{file}}"}]}"""));

        // Assert
        Assert.StartsWith(Key("identityProviders.saml[0].metadataFile") + $" \"{file}\" is invalid: ", message);
        Assert.Contains(allowed, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555", "certificateArn")]
    [InlineData("arn:aws:acm:us-east-1:123456789012:certificate/not-an-id", "certificateArn")]
    public void CustomDomain_Should_Fail_When_CertificateIsNotInUsEast1(string arn, string key)
    {
        // Act
        var message = Error(SetJson("domain.customDomain", $$"""{"domainName": "auth.example.com", "certificateArn": "{{arn}}"}"""));

        // Assert
        Assert.StartsWith(Key($"domain.customDomain.{key}") + $" \"{arn}\" is invalid: use the ARN of an ACM certificate in us-east-1", message);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("Auth.Example.com")]
    [InlineData("x.auth.eu-west-1.amazoncognito.com")]
    [InlineData("auth..example.com")]
    public void CustomDomain_Should_Fail_When_NotAnOwnHostName(string name) =>
        Assert.StartsWith(Key("domain.customDomain.domainName") + $" \"{name}\" is invalid: use a fully qualified domain name",
            Error(SetJson("domain.customDomain", $$"""{"domainName": "{{name}}", "certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"}""")));

    [Fact]
    public void CustomDomain_Should_Load_When_Valid() =>
        Assert.Equal("auth.example.com", Load(SetJson("domain.customDomain",
            """{"domainName": "auth.example.com", "certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"}""")).Domain.CustomDomain!.DomainName);

    private const string CustomDomain = """{"domainName": "auth.example.com", "certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"}""";

    [Fact]
    public void CustomDomainSecurityPolicy_Should_DefaultToTheRecommendedPolicy() =>
        Assert.Equal(TlsPolicy.Tls12, Load(SetJson("domain.customDomain", CustomDomain)).Domain.CustomDomain!.SecurityPolicy);

    [Theory]
    [InlineData("TLS_V1_2_2021", TlsPolicy.Tls12)]
    [InlineData("TLS_V1_3_2025", TlsPolicy.Tls13)]
    public void CustomDomainSecurityPolicy_Should_Load_When_APolicyAwsOffers(string policy, TlsPolicy expected) =>
        Assert.Equal(expected, Load(All(SetJson("domain.customDomain", CustomDomain), Set("domain.customDomain.securityPolicy", policy))).Domain.CustomDomain!.SecurityPolicy);

    [Theory]
    [InlineData("TLS_V1")]
    [InlineData("tls_v1_3_2025")]
    public void CustomDomainSecurityPolicy_Should_Fail_When_NotOneOffered(string policy) =>
        Assert.Equal(Invalid("domain.customDomain.securityPolicy", Received(policy), "use one of TLS_V1_2_2021, TLS_V1_3_2025"),
            Error(All(SetJson("domain.customDomain", CustomDomain), Set("domain.customDomain.securityPolicy", policy))));

    [Fact]
    public void HostedUiCss_Should_Fail_When_TheFileIsMissing() =>
        Assert.StartsWith(Key("hostedUi.cssFile") + " \"config/nope.css\" is invalid: the file does not exist",
            Error(SetJson("hostedUi", """{"style": "CLASSIC", "cssFile": "config/nope.css"}""")));

    [Fact]
    public void HostedUiCss_Should_Load_When_TheFileExists() =>
        Assert.Contains(".banner-customizable", Load(SetJson("hostedUi", """{"style": "CLASSIC", "cssFile": "config/hosted-ui.css"}""")).HostedUi.Css, StringComparison.Ordinal);

    [Fact]
    public void Triggers_Should_DefaultToOn() =>
        Assert.Equal((true, true), (Load(Remove("triggers")).Triggers.PreTokenGeneration, Load(Remove("triggers")).Triggers.PostConfirmation));
}
