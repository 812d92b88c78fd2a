using CognitoStack.Cdk.Configuration;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>triggers.preSignUp, triggers.customMessage and triggers.inboundFederation: each off unless declared.</summary>
public sealed class TriggerSettingsTests
{
    private const string DomainRule = "use lower-case domain names such as example.com (exact match: list each subdomain that may sign up)";
    private const string LocaleRule = "use locale names such as en, de or pt-BR (a 2-3 letter lower-case language, then up to two -parts of 2-8 letters or digits)";
    private const string Saml = """{"saml": [{"name": "CorpSaml", "metadataFile": "config/saml/test-idp-metadata.xml"}]}""";
    private const string Groups = """[{"name": "groups", "type": "String", "mutable": true, "trusted": true}]""";
    private const string GroupsMapping = """{"mappings": [{"provider": "CorpSaml", "claim": "groups", "attribute": "custom:groups"}]}""";

    [Fact]
    public void NewTriggers_Should_BeOff_When_LeftOut()
    {
        var triggers = Load().Triggers;

        Assert.Null(triggers.PreSignUp);
        Assert.Null(triggers.CustomMessage);
        Assert.Null(triggers.InboundFederation);
    }

    [Fact]
    public void AllowedEmailDomains_Should_Load() =>
        Assert.Equal(["example.com", "corp.example.com"],
            Load(TriggerJson("preSignUp", """{"allowedEmailDomains": ["example.com", "corp.example.com"]}""")).Triggers.PreSignUp!.AllowedEmailDomains);

    [Theory]
    [InlineData("Example.com")]
    [InlineData("example")]
    [InlineData("*.example.com")]
    [InlineData("@example.com")]
    [InlineData("example.com ")]
    [InlineData("exa\u0000mple.com")]
    [InlineData("")]
    public void AllowedEmailDomain_Should_FailWithTheRule_When_NotALowerCaseDomain(string domain) =>
        Assert.Equal($"{Key("triggers.preSignUp.allowedEmailDomains")}[0] {Received(domain)} is invalid: {DomainRule}",
            Error(TriggerValue("preSignUp", new { allowedEmailDomains = new[] { domain } })));

    [Fact]
    public void AllowedEmailDomain_Should_FailWithTheRule_When_Huge() =>
        Assert.Equal($"{Key("triggers.preSignUp.allowedEmailDomains")}[0] {Received(new string('a', 100_000) + ".com")} is invalid: {DomainRule}",
            Error(TriggerValue("preSignUp", new { allowedEmailDomains = new[] { new string('a', 100_000) + ".com" } })));

    [Theory]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("{}")]
    public void AllowedEmailDomain_Should_FailWithTheRule_When_NotAString(string json) =>
        Assert.Equal($"{Key("triggers.preSignUp.allowedEmailDomains")}[0] {(json == "{}" ? "(an object)" : json)} is invalid: {DomainRule}",
            Error(TriggerJson("preSignUp", $$"""{"allowedEmailDomains": [{{json}}]}""")));

    [Fact]
    public void PreSignUp_Should_Fail_When_AnUnknownKeyIsGiven() =>
        Assert.StartsWith($"{Key("triggers.preSignUp.allowedDomains")} is not a known setting",
            Error(TriggerJson("preSignUp", """{"allowedEmailDomains": ["example.com"], "allowedDomains": ["x.com"]}""")));

    [Fact]
    public void AllowedEmailDomains_Should_Load_When_50() =>
        Assert.Equal(50, Load(TriggerValue("preSignUp", new { allowedEmailDomains = Many(50, "d{0}.example.com") })).Triggers.PreSignUp!.AllowedEmailDomains.Count);

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void AllowedEmailDomains_Should_Fail_When_OutsideTheCount(int count) =>
        Assert.Equal(Invalid("triggers.preSignUp.allowedEmailDomains", $"(a list of {count})", "use a list of 1 to 50 entries"),
            Error(TriggerValue("preSignUp", new { allowedEmailDomains = Many(count, "d{0}.example.com") })));

    [Fact]
    public void AllowedEmailDomains_Should_Fail_When_LongerThanAnEnvironmentVariableAllows()
    {
        // 50 domains of 63 + ".com" characters: 3,399 characters with commas.
        var domains = Many(50, "{0:00}" + new string('d', 61) + ".com");

        Assert.StartsWith(Invalid("triggers.preSignUp.allowedEmailDomains", "(a list of 3,399 characters)", "keep the list under 2,000 characters"),
            Error(TriggerValue("preSignUp", new { allowedEmailDomains = domains })));
    }

    [Fact]
    public void PreSignUp_Should_Fail_When_SelfSignUpIsOff() =>
        Assert.Equal($"{Key("triggers.preSignUp")} (an object) is invalid with userPool.selfSignUp false: the allow-list only limits self sign-up; set selfSignUp true or remove preSignUp",
            Error(All(Set("userPool.selfSignUp", false), TriggerJson("preSignUp", """{"allowedEmailDomains": ["example.com"]}"""))));

    [Fact]
    public void CustomMessage_Should_LoadTheLocalesDefaultFirst()
    {
        var messages = Load(All(Ses(), TriggerJson("customMessage", """{"locales": ["en", "de"]}"""))).Triggers.CustomMessage!;

        Assert.Equal("en", messages.DefaultLocale);
        Assert.Equal(["en", "de"], messages.Locales);
    }

    [Fact]
    public void CustomMessage_Should_Fail_When_TheDefaultLocaleLacksASource() =>
        // config/messages/de.json covers five of the seven sources: fine as a second locale, not as the default.
        Assert.Equal(Invalid("triggers.customMessage.locales", "\"de\"", "config/messages/de.json: the default (first) locale must cover every trigger source; CustomMessage_UpdateUserAttribute is missing"),
            Error(All(Ses(), TriggerJson("customMessage", """{"locales": ["de"]}"""))));

    [Fact]
    public void CustomMessage_Should_Fail_When_ALocaleHasNoFile() =>
        Assert.StartsWith(Invalid("triggers.customMessage.locales", "\"config/messages/fr.json\"", "the file does not exist"),
            Error(All(Ses(), TriggerJson("customMessage", """{"locales": ["en", "fr"]}"""))));

    [Theory]
    [InlineData("EN")]
    [InlineData("e")]
    [InlineData("en_US")]
    [InlineData("../en")]
    [InlineData("en-")]
    [InlineData("en-a-b-c")]
    public void Locale_Should_FailWithTheRule_When_NotALocaleName(string locale) =>
        Assert.Equal($"{Key("triggers.customMessage.locales")}[0] {Received(locale)} is invalid: {LocaleRule}",
            Error(All(Ses(), TriggerValue("customMessage", new { locales = new[] { locale } }))));

    [Fact]
    public void CustomMessage_Should_Fail_When_ThePoolSendsThroughCognito() =>
        Assert.Equal(
            $"{Key("triggers.customMessage")} (an object) is invalid with email.sender \"COGNITO\": Cognito's custom message trigger page says "
            + "\"The emailMessage parameter is allowed only if the EmailSendingAccount attribute of the user pool is DEVELOPER\" "
            + "(otherwise every message fails with InvalidLambdaResponseException); set email.sender SES (see Email) or remove triggers.customMessage",
            Error(All(Set("email.sender", "COGNITO"), TriggerJson("customMessage", """{"locales": ["en"]}"""))));

    [Fact]
    public void CustomMessage_Should_Load_When_ThePoolSendsThroughSes() =>
        Assert.Equal(EmailSender.Ses, Load(All(Ses(), TriggerJson("customMessage", """{"locales": ["en"]}"""))).Email.Sender);

    [Fact]
    public void CustomMessage_Should_Fail_When_GivenWithAnEmailTemplate() =>
        Assert.StartsWith($"{Key("triggers.customMessage")} (an object) is invalid with email.verification: the pool's templates can override",
            Error(All(
                SetJson("email", """{"fromAddress": "no-reply@example.com", "sesIdentity": "example.com", "verification": {"subjectFile": "config/email/verification-subject.txt", "bodyFile": "config/email/verification.html"}}"""),
                TriggerJson("customMessage", """{"locales": ["en"]}"""))));

    [Fact]
    public void InboundFederation_Should_LoadAMappingToATrustedMutableString()
    {
        var federation = Load(All(SetJson("identityProviders", Saml), SetJson("userPool.customAttributes", Groups), TriggerJson("inboundFederation", GroupsMapping))).Triggers.InboundFederation!;

        Assert.Equal("custom:groups", Assert.Single(federation.Mappings).Attribute);
    }

    [Fact]
    public void InboundFederation_Should_Fail_When_TheProviderIsNotConfigured() =>
        Assert.Equal($"{Key("triggers.inboundFederation.mappings[0].provider")} \"CorpSaml\" is invalid: use a configured provider (there are none in identityProviders)",
            Error(All(SetJson("userPool.customAttributes", Groups), TriggerJson("inboundFederation", GroupsMapping))));

    [Theory]
    [InlineData("""[{"name": "other", "type": "String", "mutable": true, "trusted": true}]""", "use custom:NAME of an attribute declared in userPool.customAttributes")]
    [InlineData("""[{"name": "groups", "type": "Number", "mutable": true, "trusted": true}]""", "map claims to String attributes: the trigger writes text")]
    [InlineData("""[{"name": "groups", "type": "String", "mutable": false, "trusted": true}]""", "the attribute must be mutable: Cognito rewrites it at every federated sign-in")]
    [InlineData("""[{"name": "groups", "type": "String", "mutable": true}]""", "the attribute must be trusted (\"trusted\": true): a value from the identity provider is one the app relies on, so no client a user holds may overwrite it")]
    public void InboundFederation_Should_FailNamingTheRule_When_TheAttributeDoesNotFit(string attributes, string allowed) =>
        Assert.Equal($"{Key("triggers.inboundFederation.mappings[0].attribute")} \"custom:groups\" is invalid: {allowed}",
            Error(All(SetJson("identityProviders", Saml), SetJson("userPool.customAttributes", attributes), TriggerJson("inboundFederation", GroupsMapping))));

    [Theory]
    [InlineData("email")]
    [InlineData("custom:")]
    [InlineData("custom:bad name")]
    public void ClaimMappingAttribute_Should_FailWithTheRule_When_NotACustomAttributeName(string attribute) =>
        Assert.Equal(Invalid("triggers.inboundFederation.mappings[0].attribute", Received(attribute), "use custom:NAME of a declared custom attribute"),
            Error(TriggerValue("inboundFederation", new { mappings = new[] { new { provider = "CorpSaml", claim = "groups", attribute } } })));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("line\nbreak")]
    public void ClaimMappingClaim_Should_FailWithTheRule_When_NotPrintable(string claim) =>
        Assert.Equal(Invalid("triggers.inboundFederation.mappings[0].claim", Received(claim), "use the claim or SAML attribute name: 1-256 printable ASCII characters"),
            Error(TriggerValue("inboundFederation", new { mappings = new[] { new { provider = "CorpSaml", claim, attribute = "custom:groups" } } })));

    [Fact]
    public void ClaimMappingClaim_Should_Load_When_256Characters() =>
        Assert.Equal(256, Load(All(SetJson("identityProviders", Saml), SetJson("userPool.customAttributes", Groups),
            TriggerValue("inboundFederation", new { mappings = new[] { new { provider = "CorpSaml", claim = new string('c', 256), attribute = "custom:groups" } } })))
            .Triggers.InboundFederation!.Mappings[0].Claim.Length);

    [Fact]
    public void ClaimMappings_Should_Fail_When_TwoMapTheSameAttributeOfAProvider() =>
        Assert.Equal(Invalid("triggers.inboundFederation.mappings", "(two entries for provider \"CorpSaml\" and attribute \"custom:groups\")", "map each attribute of a provider from one claim"),
            Error(TriggerJson("inboundFederation", """{"mappings": [{"provider": "CorpSaml", "claim": "a", "attribute": "custom:groups"}, {"provider": "CorpSaml", "claim": "b", "attribute": "custom:groups"}]}""")));

    [Theory]
    [InlineData(0)]
    [InlineData(26)]
    public void ClaimMappings_Should_Fail_When_OutsideTheCount(int count) =>
        Assert.Equal(Invalid("triggers.inboundFederation.mappings", $"(a list of {count})", "use a list of 1 to 25 entries"),
            Error(TriggerValue("inboundFederation", new { mappings = Enumerable.Range(0, count).Select(i => new { provider = "CorpSaml", claim = "c", attribute = $"custom:a{i}" }).ToArray() })));

    [Fact]
    public void ClaimMappings_Should_Fail_When_LongerThanAnEnvironmentVariableAllows()
    {
        var attributes = Enumerable.Range(0, 12).Select(i => new { name = $"a{i}", type = "String", mutable = true, trusted = true }).ToArray();
        var mappings = Enumerable.Range(0, 12).Select(i => new { provider = "CorpSaml", claim = new string('c', 250), attribute = $"custom:a{i}" }).ToArray();

        Assert.StartsWith($"{Key("triggers.inboundFederation.mappings")} (mappings of ",
            Error(All(SetJson("identityProviders", Saml), Set("userPool.customAttributes", attributes), TriggerValue("inboundFederation", new { mappings }))));
    }

    [Theory]
    [InlineData("web")]
    [InlineData("confidential")]
    public void WriteAttributes_Should_IncludeTheMappedAttributes_When_ProvidersAreConfigured(string client) =>
        Assert.StartsWith($"{Key($"clients.{client}.writeAttributes")} (a list without \"name\") is invalid with identityProviders",
            Error(All(SetJson("identityProviders", Saml), ClientJson(client, "writeAttributes", """["email"]"""))));

    private static Action<System.Text.Json.Nodes.JsonObject> ClientJson(string client, string key, string json) =>
        SetJson($"clients.{client}", $$"""{"{{key}}": {{json}}}""");

    private static Action<System.Text.Json.Nodes.JsonObject> ClientValue(string client, string key, object value) =>
        Set($"clients.{client}", new System.Text.Json.Nodes.JsonObject { [key] = System.Text.Json.JsonSerializer.SerializeToNode(value) });

    private static Action<System.Text.Json.Nodes.JsonObject> TriggerJson(string key, string json) =>
        TriggerValue(key, System.Text.Json.Nodes.JsonNode.Parse(json)!);

    private static Action<System.Text.Json.Nodes.JsonObject> TriggerValue(string key, object value) => env =>
    {
        var triggers = env["triggers"] as System.Text.Json.Nodes.JsonObject ?? [];
        triggers[key] = value as System.Text.Json.Nodes.JsonNode ?? System.Text.Json.JsonSerializer.SerializeToNode(value);
        env["triggers"] = triggers;
    };
}
