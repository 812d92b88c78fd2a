using System.Text.Json.Nodes;
using CognitoStack.Cdk.Configuration;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>Sign-in settings: each feature-plan and cross-setting rule fails and, at its edge, loads.</summary>
public sealed class SignInSettingsTests
{
    private const string Fixtures = "config/fixtures/branding";

    /// <summary>A LITE pool with everything LITE allows; one feature is then turned on.</summary>
    private static Action<JsonObject> Lite(string plan = "LITE") => All(
        LiteCompatible(), Set("userPool.featurePlan", plan), Set("userPool.threatProtection", "OFF"),
        SetJson("triggers", """{"preTokenGeneration": false}"""));

    public static TheoryData<string, string, string, string> PaidFeatures() => new()
    {
        { "hostedUi", """{"style": "MANAGED_LOGIN"}""", "hostedUi.style \"MANAGED_LOGIN\"", "managed login" },
        { "userPool.signInFactors", """["PASSWORD", "WEB_AUTHN"]""", "userPool.signInFactors [\"PASSWORD\",\"WEB_AUTHN\"]", "sign-in with passkeys or email codes" },
        { "userPool.signInFactors", """["PASSWORD", "EMAIL_OTP"]""", "userPool.signInFactors [\"PASSWORD\",\"EMAIL_OTP\"]", "sign-in with passkeys or email codes" },
        { "userPool.mfaFactors", """["TOTP", "EMAIL"]""", "userPool.mfaFactors [\"TOTP\",\"EMAIL\"]", "email MFA" },
        { "userPool.passwordHistorySize", "1", "userPool.passwordHistorySize 1", "password history" },
        { "clients.refreshTokenRotation", """{"enabled": true}""", "clients.refreshTokenRotation.enabled true", "refresh-token rotation" },
    };

    [Theory]
    [MemberData(nameof(PaidFeatures))]
    public void PaidFeature_Should_FailNamingThePlan_When_FeaturePlanIsLite(string path, string json, string received, string feature)
    {
        // Act
        var message = Error(All(Lite(), SetJson(path, json)));

        // Assert
        Assert.StartsWith($"{Key(received)} is invalid with userPool.featurePlan \"LITE\": {feature} needs ESSENTIALS or PLUS", message);
    }

    public static TheoryData<string, string> PaidFeatureSettings()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in PaidFeatures())
        {
            data.Add((string)row[0], (string)row[1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PaidFeatureSettings))]
    public void PaidFeature_Should_Load_When_FeaturePlanIsEssentials(string path, string json) =>
        Assert.Equal(FeaturePlan.Essentials, Load(All(Lite("ESSENTIALS"), Ses(), SetJson(path, json))).UserPool.FeaturePlan);

    [Fact]
    public void Lite_Should_Load_When_EveryPaidFeatureIsOff() =>
        Assert.Equal((FeaturePlan.Lite, HostedUiStyle.Classic, 0), Tuple(Load(Lite())));

    [Fact]
    public void RefreshTokenRotation_Should_BeOffByDefault_When_FeaturePlanIsLite() =>
        Assert.False(Load(Lite()).Clients.RefreshTokenRotation.Enabled);

    [Theory]
    [InlineData("ESSENTIALS")]
    [InlineData("PLUS")]
    public void RefreshTokenRotation_Should_BeOnByDefault_When_ThePlanHasIt(string plan) =>
        Assert.True(Load(All(Lite(plan), Set("userPool.threatProtection", "OFF"))).Clients.RefreshTokenRotation.Enabled);

    [Fact]
    public void MachineTokenClaims_Should_Fail_When_PreTokenGenerationIsOff() =>
        Assert.StartsWith($"{Key("triggers.machineTokenClaims")} true is invalid with preTokenGeneration false",
            Error(SetJson("triggers", """{"preTokenGeneration": false, "machineTokenClaims": true}""")));

    [Fact]
    public void MachineTokenClaims_Should_Load_When_PreTokenGenerationIsOn() =>
        Assert.True(Load(SetJson("triggers", """{"machineTokenClaims": true}""")).Triggers.MachineTokenClaims);

    [Fact]
    public void SignInFactors_Should_Fail_When_PasswordIsLeftOut() =>
        Assert.StartsWith($"{Key("userPool.signInFactors")} [\"WEB_AUTHN\"] is invalid: include PASSWORD",
            Error(SetJson("userPool.signInFactors", """["WEB_AUTHN"]""")));

    [Fact]
    public void SignInFactors_Should_Load_When_PasswordOnly() =>
        Assert.False(Load(SetJson("userPool.signInFactors", """["PASSWORD"]""")).UserPool.Passwordless);

    [Theory]
    [InlineData("""["PASSWORD", "SMS_OTP"]""", "[1] \"SMS_OTP\" is invalid: use values from PASSWORD, EMAIL_OTP, WEB_AUTHN")]
    [InlineData("""["PASSWORD", "PASSWORD"]""", "[1] \"PASSWORD\" is invalid: each value may appear only once")]
    [InlineData("""[]""", " (a list of 0) is invalid: use a list of 1 to 3 entries")]
    public void SignInFactors_Should_FailNamingTheEntry_When_UnknownOrRepeated(string json, string rest) =>
        Assert.Equal(Key("userPool.signInFactors") + rest, Error(SetJson("userPool.signInFactors", json)));

    [Fact]
    public void MfaFactors_Should_RejectSms() =>
        Assert.Equal(Key("userPool.mfaFactors") + "[0] \"SMS\" is invalid: use values from TOTP, EMAIL",
            Error(SetJson("userPool.mfaFactors", """["SMS"]""")));

    [Fact]
    public void EmailOtp_Should_Fail_When_MfaIsRequired() =>
        Assert.StartsWith($"{Key("userPool.signInFactors")} [\"PASSWORD\",\"EMAIL_OTP\"] is invalid with mfa \"REQUIRED\": an email code is a single factor",
            Error(All(Ses(), Set("userPool.mfa", "REQUIRED"), SetJson("userPool.signInFactors", """["PASSWORD", "EMAIL_OTP"]"""))));

    [Fact]
    public void EmailOtp_Should_Load_When_MfaIsOptional() =>
        Assert.Contains(SignInFactor.EmailOtp,
            Load(All(Ses(), Set("userPool.mfa", "OPTIONAL"), SetJson("userPool.signInFactors", """["PASSWORD", "EMAIL_OTP"]"""))).UserPool.SignInFactors);

    [Theory]
    [InlineData("userPool.signInFactors", """["PASSWORD", "EMAIL_OTP"]""", "userPool.signInFactors [\"PASSWORD\",\"EMAIL_OTP\"]", "email sign-in codes need email.sender SES")]
    [InlineData("userPool.mfaFactors", """["TOTP", "EMAIL"]""", "userPool.mfaFactors [\"TOTP\",\"EMAIL\"]", "email MFA needs email.sender SES")]
    public void EmailCodes_Should_Fail_When_TheSenderIsCognito(string path, string json, string received, string rule) =>
        Assert.StartsWith($"{Key(received)} is invalid with email.sender \"COGNITO\": {rule}",
            Error(All(Set("email.sender", "COGNITO"), SetJson(path, json))));

    [Theory]
    [InlineData("userPool.signInFactors", """["PASSWORD", "EMAIL_OTP"]""")]
    [InlineData("userPool.mfaFactors", """["TOTP", "EMAIL"]""")]
    public void EmailCodes_Should_Load_When_TheSenderIsSes(string path, string json) =>
        Assert.Equal(EmailSender.Ses, Load(All(Ses(), SetJson(path, json))).Email.Sender);

    [Fact]
    public void Passkeys_Should_Fail_When_MfaIsRequiredAndUserVerificationOnlyPreferred() =>
        Assert.StartsWith($"{Key("userPool.passkeys.userVerification")} \"PREFERRED\" is invalid with mfa \"REQUIRED\" and WEB_AUTHN sign-in",
            Error(All(Set("userPool.mfa", "REQUIRED"), Set("userPool.passkeys.userVerification", "PREFERRED"))));

    [Theory]
    [InlineData("REQUIRED", "REQUIRED")]
    [InlineData("OPTIONAL", "PREFERRED")]
    [InlineData("OFF", "PREFERRED")]
    public void Passkeys_Should_Load_When_UserVerificationMatchesTheMfaMode(string mfa, string verification) =>
        Assert.Contains(SignInFactor.WebAuthn,
            Load(All(Set("userPool.mfa", mfa), Set("userPool.passkeys.userVerification", verification))).UserPool.SignInFactors);

    [Fact]
    public void Css_Should_Fail_When_StyleIsManagedLogin() =>
        Assert.StartsWith($"{Key("hostedUi.cssFile")} \"config/hosted-ui.css\" is invalid: CSS styles only the classic Hosted UI",
            Error(SetJson("hostedUi", """{"cssFile": "config/hosted-ui.css"}""")));

    [Theory]
    [InlineData("""{"style": "CLASSIC", "brandingFile": "config/branding/dev.json"}""", "brandingFile \"config/branding/dev.json\"")]
    [InlineData("""{"style": "CLASSIC", "assets": [{"category": "FORM_LOGO", "colorMode": "LIGHT", "file": "config/branding/logo.svg"}]}""", "assets (a list)")]
    public void Branding_Should_Fail_When_StyleIsClassic(string hostedUi, string received) =>
        Assert.StartsWith($"{Key("hostedUi." + received)} is invalid: a managed login style does nothing on the classic Hosted UI",
            Error(SetJson("hostedUi", hostedUi)));

    [Fact]
    public void Assets_Should_Fail_When_NoBrandingFile() =>
        Assert.StartsWith($"{Key("hostedUi.assets")} (a list) is invalid: images belong to a managed login style",
            Error(Remove("hostedUi.brandingFile")));

    [Fact]
    public void Branding_Should_LoadTheSettingsAndEveryImage_When_ManagedLogin()
    {
        // Act
        var hostedUi = Load().HostedUi;

        // Assert
        Assert.Contains("\"categories\"", hostedUi.Branding, StringComparison.Ordinal);
        Assert.Equal(["FORM_LOGO LIGHT SVG", "FAVICON_SVG DYNAMIC SVG", "PAGE_BACKGROUND LIGHT PNG"],
            hostedUi.Assets.Select(a => $"{a.Category} {a.ColorMode} {a.Extension}"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Infrastructure.Repository.Root, "config/branding/background.png")), Convert.FromBase64String(hostedUi.Assets[2].Base64));
    }

    [Theory]
    [InlineData("not-json.json", "the file is not valid JSON")]
    [InlineData("array.json", "the file must hold one JSON object without null values")]
    [InlineData("null.json", "the file must hold one JSON object without null values")]
    public void BrandingFile_Should_Fail_When_NotASettingsObject(string file, string problem) =>
        Assert.StartsWith($"{Key("hostedUi.brandingFile")} \"{Fixtures}/{file}\" is invalid: {problem}",
            Error(Set("hostedUi.brandingFile", $"{Fixtures}/{file}")));

    [Theory]
    [InlineData("FORM_LOGO", Fixtures + "/script.svg", "the SVG holds <script> with script or an event handler")]
    [InlineData("FORM_LOGO", Fixtures + "/onload.svg", "the SVG holds <svg> with script or an event handler")]
    [InlineData("FORM_LOGO", Fixtures + "/text.png", "the file is not a PNG image")]
    [InlineData("FORM_LOGO", Fixtures + "/jpeg.png", "the file ends in .png but holds a JPEG image")]
    [InlineData("FORM_LOGO", Fixtures + "/logo.gif", "name a file ending in .png, .jpg, .jpeg, .svg, .webp, .ico")]
    [InlineData("FORM_LOGO", Fixtures + "/favicon.ico", "category FORM_LOGO takes PNG or JPEG or SVG or WEBP images, this one is ICO")]
    [InlineData("FAVICON_ICO", "config/branding/background.png", "category FAVICON_ICO takes ICO images, this one is PNG")]
    [InlineData("FAVICON_SVG", "config/branding/background.png", "category FAVICON_SVG takes SVG images, this one is PNG")]
    [InlineData("FORM_LOGO", "config/branding/missing.png", "the file does not exist")]
    public void Asset_Should_FailNamingTheFile_When_NotAnImageTheCategoryTakes(string category, string path, string problem) =>
        Assert.StartsWith($"{Key("hostedUi.assets[0].file")} \"{path}\" is invalid: {problem}", Error(Asset(category, path)));

    [Fact]
    public void MissingAsset_Should_SuggestAPathOfAnImage_NotACssFile() =>
        Assert.EndsWith("; use a relative path under config/ without dot-files or dot-directories, such as config/branding/logo.svg",
            Error(Asset("FORM_LOGO", "config/branding/missing.png")));

    [Fact]
    public void MissingBrandingFile_Should_SuggestAPathOfASettingsDocument() =>
        Assert.EndsWith("; use a relative path under config/ without dot-files or dot-directories, such as config/branding/dev.json",
            Error(Set("hostedUi.brandingFile", "config/branding/missing.json")));

    [Theory]
    [InlineData("FAVICON_ICO", Fixtures + "/favicon.ico", "ICO")]
    [InlineData("FAVICON_SVG", "config/branding/favicon.svg", "SVG")]
    [InlineData("FORM_LOGO", "config/branding/logo.svg", "SVG")]
    [InlineData("PAGE_BACKGROUND", "config/branding/background.png", "PNG")]
    public void Asset_Should_Load_When_TheCategoryTakesItsType(string category, string path, string extension)
    {
        // Act
        var asset = Assert.Single(Load(Asset(category, path)).HostedUi.Assets);

        // Assert
        Assert.Equal((category, extension), (asset.Category, asset.Extension));
    }

    [Theory]
    [InlineData("category", "LOGO", "use one of FAVICON_ICO, FAVICON_SVG")]
    [InlineData("colorMode", "AUTO", "use one of LIGHT, DARK, DYNAMIC")]
    public void Asset_Should_FailNamingTheKey_When_CategoryOrModeUnknown(string key, string value, string allowed) =>
        Assert.StartsWith($"{Key($"hostedUi.assets[0].{key}")} \"{value}\" is invalid: {allowed}",
            Error(All(Asset("FORM_LOGO", "config/branding/logo.svg"), Set($"hostedUi.assets[0].{key}", value))));

    [Fact]
    public void Assets_Should_Fail_When_ACategoryAndModeRepeat() =>
        Assert.StartsWith($"{Key("hostedUi.assets")} (two entries with category and colorMode \"FORM_LOGO LIGHT\") is invalid",
            Error(SetJson("hostedUi.assets[3]", """{"category": "FORM_LOGO", "colorMode": "LIGHT", "file": "config/branding/logo.svg"}""")));

    [Fact]
    public void Asset_Should_Fail_When_LargerThanCognitoTakes()
    {
        using var dir = new ScratchRepository(("big.png", BrandingImages.MaxFileBytes + 1));

        // Act
        var message = Assert.Throws<ConfigurationException>(() => dir.Load("big.png")).Message;

        // Assert
        Assert.Equal($"{Key("hostedUi.assets[0].file")} \"config/big.png\" is invalid: the file must hold 1 to 750,000 bytes, it holds 750,001", message);
    }

    [Fact]
    public void Asset_Should_Load_When_ExactlyAsLargeAsCognitoTakes()
    {
        using var dir = new ScratchRepository(("big.png", BrandingImages.MaxFileBytes));

        // Act
        var asset = Assert.Single(dir.Load("big.png").HostedUi.Assets);

        // Assert
        Assert.Equal(BrandingImages.MaxBase64Length, asset.Base64.Length);
    }

    [Fact]
    public void Style_Should_Fail_When_SettingsAndImagesExceedOneRequest()
    {
        using var dir = new ScratchRepository(("a.png", 700_000), ("b.png", 700_000), ("c.png", 700_000));

        // Act
        var message = Assert.Throws<ConfigurationException>(() => dir.Load("a.png", "b.png", "c.png")).Message;

        // Assert
        Assert.StartsWith($"{Key("hostedUi.assets")} (a style of 2,800,", message);
    }

    [Fact]
    public void Style_Should_Load_When_SettingsAndImagesFitOneRequest()
    {
        using var dir = new ScratchRepository(("a.png", 700_000), ("b.png", 700_000));

        // Act
        var settings = dir.Load("a.png", "b.png");

        // Assert
        Assert.Equal(2, settings.HostedUi.Assets.Count);
    }

    private static Action<JsonObject> Asset(string category, string file) =>
        SetJson("hostedUi.assets", $$"""[{"category": "{{category}}", "colorMode": "LIGHT", "file": "{{file}}"}]""");

    private static (FeaturePlan, HostedUiStyle, int) Tuple(EnvironmentSettings s) =>
        (s.UserPool.FeaturePlan, s.HostedUi.Style, s.UserPool.PasswordHistorySize);

    /// <summary>A temporary repository root with PNG files of given sizes and a branding file, for size limits.</summary>
    private sealed class ScratchRepository : IDisposable
    {
        private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cognitostack-branding-");

        public ScratchRepository(params (string Name, int Bytes)[] images)
        {
            Directory.CreateDirectory(Path.Combine(_root.FullName, "config"));
            File.WriteAllText(Path.Combine(_root.FullName, "config", "style.json"), """{"categories": {}}""");
            foreach (var (name, bytes) in images)
            {
                var data = new byte[bytes];
                new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(data, 0);
                File.WriteAllBytes(Path.Combine(_root.FullName, "config", name), data);
            }
        }

        public EnvironmentSettings Load(params string[] files)
        {
            var env = Dev();
            env["hostedUi"] = new JsonObject
            {
                ["brandingFile"] = "config/style.json",
                ["assets"] = new JsonArray([.. files.Select((f, i) => (JsonNode)new JsonObject
                {
                    ["category"] = BrandingImages.Categories[i + 2],
                    ["colorMode"] = "LIGHT",
                    ["file"] = $"config/{f}",
                })]),
            };
            return SettingsLoader.Load(Environments((Env, env)), Env, _root.FullName);
        }

        public void Dispose() => _root.Delete(recursive: true);
    }
}
