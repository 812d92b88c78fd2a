using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Federation;

/// <summary>External identity providers, custom domain and Hosted UI look, in the test-only "federated" environment.</summary>
[Collection(SynthCollection.Name)]
public sealed class FederationTests(SynthFixture synth)
{
    private const string Provider = "AWS::Cognito::UserPoolIdentityProvider";

    [Fact]
    public void Providers_Should_ExistForGoogleOidcAndSaml_WithEmailAndNameMapped()
    {
        var providers = Providers().ToDictionary(p => (string)p["ProviderName"]!, p => p);

        Assert.Equal(["CorpOidc", "CorpSaml", "Google", "PartnerSaml"], providers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Google", (string?)providers["Google"]["ProviderType"]);
        Assert.Equal("OIDC", (string?)providers["CorpOidc"]["ProviderType"]);
        Assert.Equal("https://login.example.com", (string?)providers["CorpOidc"]["ProviderDetails"]!["oidc_issuer"]);
        Assert.Equal("SAML", (string?)providers["CorpSaml"]["ProviderType"]);
        Assert.Contains("EntityDescriptor", (string?)providers["CorpSaml"]["ProviderDetails"]!["MetadataFile"], StringComparison.Ordinal);
        Assert.Equal("https://partner.example.com/saml/metadata", (string?)providers["PartnerSaml"]["ProviderDetails"]!["MetadataURL"]);
        Assert.All(providers.Values, p => Assert.NotNull(p["AttributeMapping"]!["email"]));
        Assert.All(providers.Values, p => Assert.NotNull(p["AttributeMapping"]!["name"]));
    }

    [Theory]
    [InlineData("Google", "{{resolve:secretsmanager:cognitostack/google-oauth:SecretString:clientSecret::}}")]
    [InlineData("CorpOidc", "{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:corp-oidc-AbCdEf:SecretString:clientSecret::}}")]
    public void ClientSecrets_Should_BeSecretsManagerDynamicReferences(string provider, string reference) =>
        Assert.Equal(reference, (string?)Providers().Single(p => (string?)p["ProviderName"] == provider)["ProviderDetails"]!["client_secret"]);

    [Theory]
    [InlineData("AppClientsWebClient")]
    [InlineData("AppClientsConfidentialClient")]
    public void UserClients_Should_OfferAndDependOnEveryProvider(string clientPrefix)
    {
        var (_, client) = synth["federated"].Resources("Identity", "AWS::Cognito::UserPoolClient")
            .Single(c => c.LogicalId.StartsWith(clientPrefix, StringComparison.Ordinal));
        var providerIds = synth["federated"].Resources("Identity", Provider).Select(p => p.LogicalId).ToList();

        Assert.Equal("""["COGNITO","Google","CorpOidc","CorpSaml","PartnerSaml"]""",
            SynthesizedEnvironment.Text(client["Properties"]!["SupportedIdentityProviders"]));
        var dependsOn = client["DependsOn"]!.AsArray().Select(d => (string)d!).ToList();
        Assert.All(providerIds, id => Assert.Contains(id, dependsOn));
    }

    [Fact]
    public void MachineClient_Should_OfferOnlyCognito()
    {
        var (_, client) = synth["federated"].Resources("Identity", "AWS::Cognito::UserPoolClient")
            .Single(c => c.LogicalId.StartsWith("AppClientsMachineClient", StringComparison.Ordinal));

        Assert.Equal("""["COGNITO"]""", SynthesizedEnvironment.Text(client["Properties"]!["SupportedIdentityProviders"]));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Environments_Should_DeclareNoProvider_When_NoneIsConfigured(string env) =>
        Assert.Empty(synth[env].Resources("Identity", Provider));

    [Fact]
    public void CustomDomain_Should_UseTheUsEast1CertificateBesideThePrefixDomain()
    {
        var domains = synth["federated"].Resources("Identity", "AWS::Cognito::UserPoolDomain").Select(d => d.Resource["Properties"]!).ToList();

        Assert.Equal(2, domains.Count);
        Assert.Contains(domains, d => (string?)d["Domain"] == "myapp-auth-federated" && d["CustomDomainConfig"] is null);
        var custom = Assert.Single(domains, d => (string?)d["Domain"] == "auth.example.com");
        Assert.StartsWith("arn:aws:acm:us-east-1:", (string?)custom!["CustomDomainConfig"]!["CertificateArn"], StringComparison.Ordinal);
    }

    /// <summary>
    /// The TLS policy AWS recommends for a custom domain when the setting is left out (TLS_V1_2_2021:
    /// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CustomDomainConfigType.html).
    /// </summary>
    [Fact]
    public void CustomDomain_Should_TakeTheRecommendedTlsPolicy_When_LeftOut()
    {
        var custom = synth["federated"].Resources("Identity", "AWS::Cognito::UserPoolDomain").Select(d => d.Resource["Properties"]!)
            .Single(d => (string?)d["Domain"] == "auth.example.com");

        Assert.Equal("TLS_V1_2_2021", (string?)custom["CustomDomainConfig"]!["SecurityPolicy"]);
    }

    [Fact]
    public void CustomDomain_Should_OutputTheCloudFrontTargetForTheDnsRecord()
    {
        var outputs = synth["federated"].Json["Identity"]["Outputs"]!;

        Assert.Matches("""^\{"Fn::GetAtt":\["UserDirectoryUserPoolCustomDomain[0-9A-F]+","CloudFrontDistribution"\]\}$""",
            SynthesizedEnvironment.Text(outputs["CustomDomainCloudFrontTarget"]!["Value"]));
        Assert.NotNull(outputs["CustomDomainUrl"]);
        Assert.Null(synth["prod"].Json["Identity"]["Outputs"]!["CustomDomainCloudFrontTarget"]);
    }

    [Fact]
    public void CustomDomain_Should_NotAddACustomResourceLookup() =>
        Assert.Empty(synth["federated"].Resources("Identity", "Custom::AWS"));

    [Fact]
    public void ClassicHostedUi_Should_CarryTheCssForAllClients_AfterTheDomainExists()
    {
        var (_, attachment) = Assert.Single(synth["federated"].Resources("Identity", "AWS::Cognito::UserPoolUICustomizationAttachment"));

        Assert.Equal("ALL", (string?)attachment["Properties"]!["ClientId"]);
        Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, "config", "hosted-ui.css")), (string?)attachment["Properties"]!["CSS"]);
        Assert.Contains(attachment["DependsOn"]!.AsArray(), d => ((string)d!).StartsWith("UserDirectoryUserPoolDomain", StringComparison.Ordinal));
    }

    [Fact]
    public void FrontendConfig_Should_UseTheCustomDomainAndListGoogle()
    {
        var text = SynthesizedEnvironment.Text(synth["federated"].Json["Api"]["Outputs"]!["FrontendConfig"]!["Value"]);

        Assert.Contains(""""\"domain\":\"auth.example.com\"""", text, StringComparison.Ordinal);
        Assert.Contains(""""\"identity_providers\":[\"GOOGLE\"]"""", text, StringComparison.Ordinal);
    }

    private IEnumerable<JsonNode> Providers() =>
        synth["federated"].Resources("Identity", Provider).Select(p => p.Resource["Properties"]!);
}
