using System.Globalization;
using System.Text.Json.Nodes;
using CognitoStack.Cdk.Configuration;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>Terms documents, risk actions and principal tags: each rule fails and, at its edge, loads.</summary>
public sealed class ProtectionSettingsTests
{
    private const string Url = "https://app.example.com/terms";

    /// <summary>PLUS with ENFORCED threat protection and SES email (dev has ESSENTIALS, OFF and Cognito's sender).</summary>
    private static Action<JsonObject> Enforced() => All(
        Set("userPool.featurePlan", "PLUS"), Set("userPool.threatProtection", "ENFORCED"),
        SetJson("email", """{"sender": "SES", "fromAddress": "Sign-in <no-reply@example.com>", "sesIdentity": "example.com"}"""));

    private static Action<JsonObject> Risk(string json) => All(Enforced(), SetJson("userPool.riskActions", json));

    private static Action<JsonObject> Terms(string termsOfUse, string privacyPolicy = $$"""{"default": "{{Url}}"}""") =>
        SetJson("terms", $$"""{"termsOfUse": {{termsOfUse}}, "privacyPolicy": {{privacyPolicy}}}""");

    private static string Links(params (string Language, string Url)[] links) =>
        new JsonObject(links.Select(l => KeyValuePair.Create(l.Language, (JsonNode?)JsonValue.Create(l.Url)))).ToJsonString();

    // ---- terms ------------------------------------------------------------------------------------------

    [Fact]
    public void Terms_Should_BeLeftOut_When_NotConfigured() =>
        Assert.Null(Load().Terms);

    [Fact]
    public void Terms_Should_LoadEveryLanguage_When_AllThirteenAreListed()
    {
        // Arrange
        var all = Links([.. SettingsLoader.TermsLanguages.Select(l => (l, $"{Url}/{l}"))]);

        // Act
        var terms = Load(Terms(all)).Terms!;

        // Assert
        Assert.Equal(13, terms.TermsOfUse.Count);
        Assert.Equal($"{Url}/portuguese-brazil", terms.TermsOfUse["portuguese-brazil"]);
        Assert.Equal(Url, terms.PrivacyPolicy["default"]);
    }

    [Theory]
    [InlineData("klingon")]
    [InlineData("cognito:default")]
    [InlineData("Default")]
    [InlineData("fr")]
    [InlineData("default\n")]
    public void TermsLanguage_Should_Fail_When_NotOneCognitoAccepts(string language) =>
        Assert.StartsWith($"{Key("terms.termsOfUse")} key {Received(language)} is invalid: use languages from default, english, french",
            Error(Terms(Links(("default", Url), (language, Url)))));

    [Theory]
    [InlineData("http://app.example.com/terms")]
    [InlineData("http://localhost:3000/terms")]
    [InlineData("ftp://app.example.com/terms")]
    [InlineData("/terms")]
    [InlineData("https://user:secret@app.example.com/terms")]
    [InlineData("https://app.example.com/terms#top")]
    [InlineData("https://app.example.com/te rms")]
    [InlineData("https://app.example.com/terms\n")]
    [InlineData("")]
    public void TermsUrl_Should_Fail_When_NotAPlainHttpsUrl(string url) =>
        Assert.Equal(Invalid("terms.termsOfUse.default", Received(url), "use an absolute https URL without user info or a fragment, at most 1024 characters"),
            Error(Terms(Links(("default", url)))));

    [Fact]
    public void TermsUrl_Should_Load_When_1024Characters()
    {
        var url = "https://app.example.com/" + new string('a', 1_000);

        Assert.Equal(1_024, Load(Terms(Links(("default", url)))).Terms!.TermsOfUse["default"].Length);
    }

    [Fact]
    public void TermsUrl_Should_Fail_When_1025Characters()
    {
        var url = "https://app.example.com/" + new string('a', 1_001);

        Assert.StartsWith(Invalid("terms.termsOfUse.default", Received(url), "use an absolute https URL"), Error(Terms(Links(("default", url)))));
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("null", "null")]
    [InlineData("[\"https://app.example.com\"]", "(a list)")]
    public void TermsUrl_Should_Fail_When_NotAString(string json, string received) =>
        Assert.StartsWith(Invalid("terms.termsOfUse.default", received, "use an absolute https URL"),
            Error(Terms($$"""{"default": {{json}}}""")));

    [Fact]
    public void Terms_Should_Fail_When_ADocumentHasNoDefaultLink() =>
        Assert.StartsWith(Invalid("terms.privacyPolicy", "(no \"default\" link)", "add a \"default\" link"),
            Error(Terms(Links(("default", Url)), Links(("french", Url)))));

    [Fact]
    public void Terms_Should_Fail_When_ADocumentIsMissing() =>
        Assert.StartsWith($"{Key("terms.privacyPolicy")} is missing: add a JSON object of links by language",
            Error(SetJson("terms", $$$"""{"termsOfUse": {"default": "{{{Url}}}"}}""")));

    [Fact]
    public void Terms_Should_Fail_When_ALanguageAppearsTwice() =>
        Assert.StartsWith($"{Key("terms.termsOfUse")} key \"default\" is invalid: each key may appear only once",
            Error(SetJson("terms", $$$"""{"termsOfUse": {"default": "{{{Url}}}", "default": "{{{Url}}}/2"}, "privacyPolicy": {"default": "{{{Url}}}"}}""")));

    [Theory]
    [InlineData("\"https://app.example.com/terms\"", "\"https://app.example.com/terms\"")]
    [InlineData("[]", "(a list)")]
    public void Terms_Should_Fail_When_NotAnObject(string json, string received) =>
        Assert.StartsWith(Invalid("terms", received, "use a JSON object"), Error(SetJson("terms", json)));

    [Fact]
    public void TermsDocument_Should_Fail_When_NotAnObject() =>
        Assert.StartsWith(Invalid("terms.termsOfUse", "\"https://app.example.com/terms\"", "use a JSON object of at most 13 entries"),
            Error(Terms($"\"{Url}\"")));

    [Fact]
    public void Terms_Should_Fail_When_UnknownKey() =>
        Assert.StartsWith($"{Key("terms.dataPolicy")} is not a known setting",
            Error(SetJson("terms", $$$"""{"termsOfUse": {"default": "{{{Url}}}"}, "privacyPolicy": {"default": "{{{Url}}}"}, "dataPolicy": {}}""")));

    [Fact]
    public void Terms_Should_Fail_When_HostedUiIsClassic() =>
        Assert.StartsWith($"{Key("terms")} (an object) is invalid with hostedUi.style \"CLASSIC\"",
            Error(All(Terms(Links(("default", Url))), SetJson("hostedUi", """{"style": "CLASSIC"}"""))));

    [Fact]
    public void Terms_Should_Fail_When_SelfSignUpIsOff() =>
        Assert.StartsWith($"{Key("terms")} (an object) is invalid with userPool.selfSignUp false",
            Error(All(Terms(Links(("default", Url))), Set("userPool.selfSignUp", false))));

    // ---- risk actions -----------------------------------------------------------------------------------

    [Fact]
    public void RiskActions_Should_BeLeftOut_When_NotConfigured() =>
        Assert.Null(Load(Enforced()).UserPool.RiskActions);

    [Fact]
    public void RiskActions_Should_DefaultToBlockNotifyMfaBlock_When_Empty()
    {
        var risk = Load(Risk("{}")).UserPool.RiskActions!;

        Assert.Equal((RiskAction.Block, RiskAction.NoAction, RiskAction.MfaIfConfigured, RiskAction.Block, true),
            (risk.CompromisedCredentials, risk.LowRisk, risk.MediumRisk, risk.HighRisk, risk.NotifyUsers));
        Assert.Empty(risk.BlockedIpRanges);
        Assert.Empty(risk.SkippedIpRanges);
    }

    [Fact]
    public void Synth_Should_Warn_When_EnforcedWithoutRiskActions()
    {
        var warning = Assert.Single(SettingsLoader.Warnings(Load(Enforced())));

        Assert.StartsWith($"{Key("userPool.threatProtection")} is ENFORCED without userPool.riskActions", warning);
    }

    [Fact]
    public void Synth_Should_NotWarn_When_EnforcedWithRiskActions() =>
        Assert.Empty(SettingsLoader.Warnings(Load(Risk("{}"))));

    [Theory]
    [InlineData("ESSENTIALS", "OFF")]
    [InlineData("PLUS", "AUDIT")]
    [InlineData("PLUS", "OFF")]
    public void RiskActions_Should_Fail_When_NotPlusAndEnforced(string plan, string mode) =>
        Assert.StartsWith($"{Key("userPool.riskActions")} (an object) is invalid with featurePlan \"{plan}\" and threatProtection \"{mode}\": Cognito acts on risks only in ENFORCED mode",
            Error(All(Risk("{}"), Set("userPool.featurePlan", plan), Set("userPool.threatProtection", mode))));

    [Fact]
    public void RiskNotifications_Should_Fail_When_EmailSenderIsCognito() =>
        Assert.StartsWith($"{Key("userPool.riskActions.notifyUsers")} true is invalid with email.sender \"COGNITO\"",
            Error(All(Risk("{}"), SetJson("email", """{"sender": "COGNITO"}"""))));

    [Fact]
    public void RiskActions_Should_Load_When_CognitoSendsEmailAndNobodyIsNotified() =>
        Assert.False(Load(All(Risk("""{"notifyUsers": false}"""), SetJson("email", """{"sender": "COGNITO"}"""))).UserPool.RiskActions!.NotifyUsers);

    [Theory]
    [InlineData("MFA_REQUIRED")]
    [InlineData("MFA_IF_CONFIGURED")]
    public void CompromisedCredentials_Should_Fail_When_AskingForMfa(string action) =>
        Assert.StartsWith(Invalid("userPool.riskActions.compromisedCredentials", Received(action), "use BLOCK or NO_ACTION"),
            Error(Risk($$"""{"compromisedCredentials": "{{action}}"}""")));

    [Fact]
    public void CompromisedCredentials_Should_Load_When_NoAction() =>
        Assert.Equal(RiskAction.NoAction, Load(Risk("""{"compromisedCredentials": "NO_ACTION"}""")).UserPool.RiskActions!.CompromisedCredentials);

    [Theory]
    [InlineData("lowRisk", "\"block\"", "\"block\"")]
    [InlineData("mediumRisk", "\"ALLOW\"", "\"ALLOW\"")]
    [InlineData("highRisk", "true", "true")]
    [InlineData("highRisk", "\"BLOCK\\u0000\"", "\"BLOCK\\u0000\"")]
    public void RiskLevelAction_Should_Fail_When_NotAnEventAction(string level, string json, string received) =>
        Assert.Equal(Invalid($"userPool.riskActions.{level}", received, "use one of NO_ACTION, MFA_IF_CONFIGURED, MFA_REQUIRED, BLOCK"),
            Error(Risk($$"""{"{{level}}": {{json}}}""")));

    [Theory]
    [InlineData("lowRisk", "MFA_IF_CONFIGURED")]
    [InlineData("mediumRisk", "MFA_REQUIRED")]
    [InlineData("highRisk", "MFA_IF_CONFIGURED")]
    public void RiskMfaAction_Should_Fail_When_MfaIsOff(string level, string action) =>
        Assert.StartsWith($"{Key($"userPool.riskActions.{level}")} \"{action}\" is invalid with mfa \"OFF\"",
            Error(All(Risk($$"""{"lowRisk": "NO_ACTION", "mediumRisk": "BLOCK", "{{level}}": "{{action}}"}"""), Set("userPool.mfa", "OFF"))));

    [Fact]
    public void RiskActions_Should_Load_When_MfaIsOffAndNoLevelAsksForIt() =>
        Assert.Equal(RiskAction.Block, Load(All(Risk("""{"mediumRisk": "BLOCK"}"""), Set("userPool.mfa", "OFF"))).UserPool.RiskActions!.MediumRisk);

    [Theory]
    [InlineData("203.0.113.0/24")]
    [InlineData("0.0.0.0/0")]
    [InlineData("203.0.113.7/32")]
    [InlineData("2001:db8::/32")]
    [InlineData("::/0")]
    public void RiskIpRange_Should_Load_When_ACidrRange(string cidr) =>
        Assert.Equal([cidr], Load(Risk($$"""{"blockedIpRanges": ["{{cidr}}"]}""")).UserPool.RiskActions!.BlockedIpRanges);

    [Theory]
    [InlineData("203.0.113.7/24")]
    [InlineData("203.0.113.0")]
    [InlineData("203.0.113.0/33")]
    [InlineData("203.0.113.0/-1")]
    [InlineData("203.0.113.0/24\n")]
    [InlineData(" 203.0.113.0/24")]
    [InlineData("2001:db8::1/32")]
    [InlineData("example.com/24")]
    [InlineData("")]
    public void RiskIpRange_Should_Fail_When_NotACanonicalCidrRange(string cidr) =>
        Assert.Equal($"{Key("userPool.riskActions.skippedIpRanges")}[0] {Received(cidr)} is invalid: use an IPv4 or IPv6 range in CIDR notation with no host bits set, such as 203.0.113.0/24 or 2001:db8::/32",
            Error(Risk($$"""{"skippedIpRanges": [{{Received(cidr)}}]}""")));

    [Fact]
    public void RiskIpRanges_Should_Load_When_200Ranges() =>
        Assert.Equal(200, Load(Risk($$"""{"blockedIpRanges": {{Ranges(200)}}}""")).UserPool.RiskActions!.BlockedIpRanges.Count);

    [Fact]
    public void RiskIpRanges_Should_Fail_When_201Ranges() =>
        Assert.Equal(Invalid("userPool.riskActions.blockedIpRanges", "(a list of 201)", "use a list of 0 to 200 entries"),
            Error(Risk($$"""{"blockedIpRanges": {{Ranges(201)}}}""")));

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/16")]
    [InlineData("10.1.0.0/16", "10.0.0.0/8")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    public void RiskIpRanges_Should_Fail_When_ARangeIsBothBlockedAndSkipped(string blocked, string skipped) =>
        Assert.StartsWith(Invalid("userPool.riskActions.skippedIpRanges", $"(\"{skipped}\" overlaps a blocked range)", "a range is either always blocked or never checked"),
            Error(Risk($$"""{"blockedIpRanges": ["{{blocked}}"], "skippedIpRanges": ["{{skipped}}"]}""")));

    [Fact]
    public void RiskIpRanges_Should_Load_When_AdjacentRanges() =>
        Assert.Single(Load(Risk("""{"blockedIpRanges": ["10.0.0.0/16"], "skippedIpRanges": ["10.1.0.0/16"]}""")).UserPool.RiskActions!.SkippedIpRanges);

    [Fact]
    public void RiskActions_Should_Fail_When_UnknownKey() =>
        Assert.StartsWith($"{Key("userPool.riskActions.notify")} is not a known setting", Error(Risk("""{"notify": true}""")));

    // ---- principal tags ---------------------------------------------------------------------------------

    [Fact]
    public void PrincipalTags_Should_BeEmpty_When_NotConfigured() =>
        Assert.Empty(Load().IdentityPool.PrincipalTags);

    [Fact]
    public void PrincipalTags_Should_MapTagKeysToClaims() =>
        Assert.Equal("tenant", Load(SetJson("identityPool.principalTags", """{"tenant": "tenant", "client": "aud"}""")).IdentityPool.PrincipalTags["tenant"]);

    [Theory]
    [InlineData("aws:tenant")]
    [InlineData("AWS:tenant")]
    [InlineData("")]
    [InlineData("ten\tant")]
    [InlineData("tenant!")]
    public void PrincipalTagKey_Should_Fail_When_NotAnIamTagKey(string key) =>
        Assert.StartsWith($"{Key("identityPool.principalTags")} key {Received(key)} is invalid: use tag keys of 1-128 letters",
            Error(Set("identityPool.principalTags", new Dictionary<string, string> { [key] = "tenant" })));

    [Fact]
    public void PrincipalTagKey_Should_Load_When_128Characters() =>
        Assert.Single(Load(Set("identityPool.principalTags", new Dictionary<string, string> { [new string('k', 128)] = "sub" })).IdentityPool.PrincipalTags);

    [Fact]
    public void PrincipalTagKey_Should_Fail_When_129Characters() =>
        Assert.StartsWith($"{Key("identityPool.principalTags")} key \"{new string('k', 129)}\" is invalid",
            Error(Set("identityPool.principalTags", new Dictionary<string, string> { [new string('k', 129)] = "sub" })));

    [Theory]
    [InlineData("")]
    [InlineData("custom: tenant")]
    [InlineData("tenant\n")]
    [InlineData("ténant")]
    public void PrincipalTagClaim_Should_Fail_When_NotAClaimName(string claim) =>
        Assert.Equal(Invalid("identityPool.principalTags.tenant", Received(claim), "use a token claim name of 1-256 printable ASCII characters without spaces"),
            Error(Set("identityPool.principalTags", new Dictionary<string, string> { ["tenant"] = claim })));

    [Fact]
    public void PrincipalTagClaim_Should_Fail_When_NotAString() =>
        Assert.StartsWith(Invalid("identityPool.principalTags.tenant", "42", "use a token claim name"),
            Error(SetJson("identityPool.principalTags", """{"tenant": 42}""")));

    [Fact]
    public void PrincipalTagClaim_Should_Load_When_256Characters() =>
        Assert.Equal(256, Load(Set("identityPool.principalTags", new Dictionary<string, string> { ["t"] = new string('c', 256) })).IdentityPool.PrincipalTags["t"].Length);

    [Fact]
    public void PrincipalTagClaim_Should_Fail_When_257Characters() =>
        Assert.StartsWith(Invalid("identityPool.principalTags.t", Received(new string('c', 257)), "use a token claim name"),
            Error(Set("identityPool.principalTags", new Dictionary<string, string> { ["t"] = new string('c', 257) })));

    [Fact]
    public void PrincipalTags_Should_Load_When_ClaimNamesTotal460Characters() =>
        Assert.Equal(460, Load(Set("identityPool.principalTags", Claims(230, 230))).IdentityPool.PrincipalTags.Values.Sum(c => c.Length));

    [Fact]
    public void PrincipalTags_Should_Fail_When_ClaimNamesTotal461Characters() =>
        Assert.Equal(Invalid("identityPool.principalTags", "(claim names of 461 characters together)", "the mapped claim names may total at most 460 characters"),
            Error(Set("identityPool.principalTags", Claims(230, 231))));

    [Fact]
    public void PrincipalTags_Should_Load_When_50Tags() =>
        Assert.Equal(50, Load(Set("identityPool.principalTags", ShortTags(50))).IdentityPool.PrincipalTags.Count);

    [Fact]
    public void PrincipalTags_Should_Fail_When_51Tags() =>
        Assert.Equal(Invalid("identityPool.principalTags", "(an object of 51 entries)", "use at most 50 entries"),
            Error(Set("identityPool.principalTags", ShortTags(51))));

    [Fact]
    public void PrincipalTags_Should_Fail_When_NotAnObject() =>
        Assert.StartsWith(Invalid("identityPool.principalTags", "(a list)", "use a JSON object of at most 50 entries"),
            Error(SetJson("identityPool.principalTags", "[\"tenant\"]")));

    [Fact]
    public void TenantClaim_Should_Fail_When_PreTokenGenerationIsOff() =>
        Assert.StartsWith($"{Key("identityPool.principalTags.tenant")} \"tenant\" is invalid with triggers.preTokenGeneration false",
            Error(All(SetJson("identityPool.principalTags", """{"tenant": "tenant"}"""), SetJson("triggers", """{"preTokenGeneration": false}"""))));

    [Fact]
    public void OtherClaims_Should_Load_When_PreTokenGenerationIsOff() =>
        Assert.Equal("sub", Load(All(SetJson("identityPool.principalTags", """{"user": "sub"}"""), SetJson("triggers", """{"preTokenGeneration": false}"""))).IdentityPool.PrincipalTags["user"]);

    private static string Ranges(int count) =>
        $"[{string.Join(",", Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"\"10.{i / 256}.{i % 256}.0/24\"")))}]";

    private static Dictionary<string, string> Claims(int first, int second) =>
        new() { ["a"] = new string('a', first), ["b"] = new string('b', second) };

    private static Dictionary<string, string> ShortTags(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => string.Create(CultureInfo.InvariantCulture, $"tag{i}"), i => string.Create(CultureInfo.InvariantCulture, $"c{i}"));

    // ---- principal tags users cannot set themselves --------------------------------------------------------

    private const string TrustedDept = """{"name": "dept", "type": "String", "mutable": true, "trusted": true}""";
    private const string UntrustedDept = """{"name": "dept", "type": "String", "mutable": true}""";

    /// <summary>The hostile configuration of issue 26: the web client may write name, and name picks the tenant prefix.</summary>
    [Fact]
    public void PrincipalTag_Should_Fail_When_TheWebClientWritesItsClaim() =>
        Assert.StartsWith($"{Key("identityPool.principalTags.tenant")} \"name\" is invalid with clients.web.writeAttributes: users may set name themselves",
            Error(SetJson("identityPool.principalTags", """{"tenant": "name"}""")));

    [Fact]
    public void PrincipalTag_Should_Fail_When_OnlyTheConfidentialClientWritesItsClaim() =>
        Assert.StartsWith($"{Key("identityPool.principalTags.tz")} \"zoneinfo\" is invalid with clients.confidential.writeAttributes",
            Error(All(SmokeClient(false), SetJson("identityPool.principalTags", """{"tz": "zoneinfo"}"""),
                SetJson("clients.confidential", """{"writeAttributes": ["email", "name", "locale", "zoneinfo"]}"""))));

    [Fact]
    public void PrincipalTag_Should_Fail_When_TheSmokeTestClientWritesEveryStandardAttribute() =>
        Assert.StartsWith($"{Key("identityPool.principalTags.tz")} \"zoneinfo\" is invalid with clients.smokeTestClient true",
            Error(All(SmokeClient(true), SetJson("identityPool.principalTags", """{"tz": "zoneinfo"}"""))));

    [Fact]
    public void PrincipalTag_Should_Load_When_NoClientWritesTheStandardAttribute() =>
        Assert.Equal("zoneinfo", Load(All(SmokeClient(false), SetJson("identityPool.principalTags", """{"tz": "zoneinfo"}"""))).IdentityPool.PrincipalTags["tz"]);

    [Fact]
    public void PrincipalTag_Should_Fail_When_AClientWritesTheCustomAttribute() =>
        Assert.StartsWith($"{Key("identityPool.principalTags.dept")} \"custom:dept\" is invalid: a principal tag decides what its holder may access, so map only a trusted custom attribute",
            Error(All(SetJson("userPool.customAttributes", $"[{UntrustedDept}]"), SetJson("identityPool.principalTags", """{"dept": "custom:dept"}"""),
                SetJson("clients.web", """{"writeAttributes": ["email", "name", "locale", "custom:dept"]}"""))));

    [Fact]
    public void PrincipalTag_Should_Fail_When_TheCustomAttributeIsNotTrusted() =>
        Assert.StartsWith($"{Key("identityPool.principalTags.dept")} \"custom:dept\" is invalid: a principal tag decides",
            Error(All(SetJson("userPool.customAttributes", $"[{UntrustedDept}]"), SetJson("identityPool.principalTags", """{"dept": "custom:dept"}"""))));

    [Fact]
    public void PrincipalTag_Should_Fail_When_TheCustomAttributeIsNotDeclared() =>
        Assert.StartsWith($"{Key("identityPool.principalTags.dept")} \"custom:dept\" is invalid: a principal tag decides",
            Error(SetJson("identityPool.principalTags", """{"dept": "custom:dept"}""")));

    [Fact]
    public void PrincipalTag_Should_Load_When_ATrustedCustomAttribute() =>
        Assert.Equal("custom:dept", Load(All(SetJson("userPool.customAttributes", $"[{TrustedDept}]"), SetJson("identityPool.principalTags", """{"dept": "custom:dept"}"""))).IdentityPool.PrincipalTags["dept"]);

    [Fact]
    public void PrincipalTag_Should_Load_When_TheTriggersTenantClaim() =>
        Assert.Equal("tenant", Load(SetJson("identityPool.principalTags", """{"tenant": "tenant"}""")).IdentityPool.PrincipalTags["tenant"]);

    private static Action<JsonObject> SmokeClient(bool on) => Set("clients.smokeTestClient", on);
}
