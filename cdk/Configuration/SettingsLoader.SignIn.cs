using System.Text.Json;
using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Configuration;

/// <summary>Sign-in settings: hosted pages, first and second factors, and the rules between them and the feature plan.</summary>
public static partial class SettingsLoader
{
    private static readonly IReadOnlyList<SignInFactor> PasswordOnly = [SignInFactor.Password];
    private static readonly IReadOnlyList<MfaFactor> TotpOnly = [MfaFactor.Totp];
    private static readonly Regex AssetCategory = OneOf(BrandingImages.Categories);
    private static readonly Regex AssetColorMode = OneOf(BrandingImages.ColorModes);

    private static HostedUiSettings ReadHostedUi(SettingsReader h, RepositoryFiles files)
    {
        var style = h.Enum("style", Choices.HostedUiStyle, HostedUiStyle.ManagedLogin);
        var cssFile = h.OptionalString("cssFile", RelativeFile(), RepositoryFiles.PathRule("cssFile"));
        var brandingFile = h.OptionalString("brandingFile", RelativeFile(), RepositoryFiles.PathRule("brandingFile"));
        if (style == HostedUiStyle.ManagedLogin && cssFile is not null)
        {
            throw h.Invalid("cssFile", $"\"{cssFile}\"", "CSS styles only the classic Hosted UI; with style MANAGED_LOGIN use brandingFile and assets, or set style CLASSIC");
        }

        if (style == HostedUiStyle.Classic && (brandingFile is not null || h.Has("assets")))
        {
            throw h.Invalid(brandingFile is null ? "assets" : "brandingFile", brandingFile is null ? "(a list)" : $"\"{brandingFile}\"",
                "a managed login style does nothing on the classic Hosted UI; with style CLASSIC use cssFile, or set style MANAGED_LOGIN");
        }

        if (brandingFile is null && h.Has("assets"))
        {
            throw h.Invalid("assets", "(a list)", "images belong to a managed login style: add brandingFile (a settings document under config/) or remove assets");
        }

        var branding = brandingFile is null ? null : ReadBranding(h, files, brandingFile);
        var assets = h.Has("assets") ? ReadAssets(h, files) : [];
        var styleBytes = (branding?.Length ?? 0) + assets.Sum(a => a.Base64.Length);
        if (styleBytes > BrandingImages.MaxStyleBytes)
        {
            throw h.Invalid("assets", $"(a style of {styleBytes:N0} bytes with brandingFile)",
                $"the settings and images (Base64) of one style must stay under {BrandingImages.MaxStyleBytes:N0} bytes; use smaller images");
        }

        var css = cssFile is null ? null : files.Read(h, "cssFile", cssFile, CognitoRules.MaxCssLength);
        if (css is not null && CognitoRules.FirstDisallowedCss(css) is { } disallowed)
        {
            throw h.Invalid("cssFile", $"\"{cssFile}\"",
                $"{disallowed} is not one classic Hosted UI CSS takes: use rules whose selectors are Cognito's classes ({string.Join(", ", CognitoRules.ClassicCssSelectors)}), without at-rules");
        }

        return new HostedUiSettings
        {
            Style = style,
            Css = css,
            Branding = branding,
            Assets = assets,
        };
    }

    private static string ReadBranding(SettingsReader h, RepositoryFiles files, string path)
    {
        var text = files.Read(h, "brandingFile", path, BrandingImages.MaxStyleBytes);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && !HasNull(document.RootElement)
                ? text
                : throw h.Invalid("brandingFile", $"\"{path}\"", "the file must hold one JSON object without null values (the managed login settings document)");
        }
        catch (JsonException e)
        {
            throw h.Invalid("brandingFile", $"\"{path}\"", $"the file is not valid JSON ({e.Message})");
        }
    }

    private static bool HasNull(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Object => value.EnumerateObject().Any(p => HasNull(p.Value)),
        JsonValueKind.Array => value.EnumerateArray().Any(HasNull),
        _ => false,
    };

    private static List<BrandingAsset> ReadAssets(SettingsReader h, RepositoryFiles files)
    {
        var assets = h.ObjectList("assets", 1, BrandingImages.Categories.Count * BrandingImages.ColorModes.Count,
                "each entry is { \"category\", \"colorMode\", \"file\" }", "none")
            .Select(a => a.ReadAll(x => ReadAsset(x, files)))
            .ToList();
        RequireUnique(h, "assets", assets.Select(a => $"{a.Category} {a.ColorMode}"), "category and colorMode");
        return assets;
    }

    private static BrandingAsset ReadAsset(SettingsReader x, RepositoryFiles files)
    {
        var category = x.RequiredString("category", AssetCategory, $"use one of {string.Join(", ", BrandingImages.Categories)}");
        var colorMode = x.RequiredString("colorMode", AssetColorMode, $"use one of {string.Join(", ", BrandingImages.ColorModes)}");
        var file = x.RequiredString("file", RelativeFile(), RepositoryFiles.PathRule("file"));
        var bytes = files.ReadBytes(x, "file", file, BrandingImages.MaxFileBytes);
        var (extension, problem) = BrandingImages.Identify(file, bytes);
        if (problem is not null)
        {
            throw x.Invalid("file", $"\"{file}\"", problem);
        }

        var types = BrandingImages.TypesFor(category);
        return types.Contains(extension!)
            ? new BrandingAsset { Category = category, ColorMode = colorMode, Extension = extension!, Base64 = Convert.ToBase64String(bytes) }
            : throw x.Invalid("file", $"\"{file}\"", $"category {category} takes {string.Join(" or ", types)} images, this one is {extension}");
    }

    /// <summary>
    /// Sign-in rules between settings. Feature plans:
    /// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html (managed
    /// login, passwordless first factors, email MFA, password history and access-token customization need
    /// ESSENTIALS or PLUS; LITE serves only the classic Hosted UI). Refresh-token rotation too: AWS announced it
    /// "for Amazon Cognito customers using the Essentials or Plus tiers"
    /// (https://aws.amazon.com/about-aws/whats-new/2025/04/amazon-cognito-refresh-token-rotation/,
    /// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html).
    /// Machine-token claims need the pre token
    /// generation trigger, which itself needs ESSENTIALS or PLUS (checked before).
    /// </summary>
    private static void CheckSignIn(EnvironmentSettings s, string path)
    {
        var pool = s.UserPool;
        if (!pool.SignInFactors.Contains(SignInFactor.Password))
        {
            // Cognito keeps the password as a first factor: https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.AllowedFirstAuthFactors.html
            throw new ConfigurationException(
                $"{path}.userPool.signInFactors {Names(Choices.SignInFactor, pool.SignInFactors)} is invalid: include PASSWORD; Cognito keeps the password as a first factor and the other factors sit beside it");
        }

        if (pool.FeaturePlan == FeaturePlan.Lite)
        {
            NotOnLite(path, "hostedUi.style", s.HostedUi.Style == HostedUiStyle.ManagedLogin, "\"MANAGED_LOGIN\"", "managed login", "set style CLASSIC");
            NotOnLite(path, "userPool.signInFactors", pool.Passwordless, Names(Choices.SignInFactor, pool.SignInFactors), "sign-in with passkeys or email codes", "use [\"PASSWORD\"]");
            NotOnLite(path, "userPool.mfaFactors", pool.MfaFactors.Contains(MfaFactor.Email), Names(Choices.MfaFactor, pool.MfaFactors), "email MFA", "use [\"TOTP\"]");
            NotOnLite(path, "userPool.passwordHistorySize", pool.PasswordHistorySize > 0, $"{pool.PasswordHistorySize}", "password history", "set 0");
            NotOnLite(path, "clients.refreshTokenRotation.enabled", s.Clients.RefreshTokenRotation.Enabled, "true", "refresh-token rotation", "set it false");
        }

        if (s.Triggers.MachineTokenClaims && !s.Triggers.PreTokenGeneration)
        {
            throw new ConfigurationException(
                $"{path}.triggers.machineTokenClaims true is invalid with preTokenGeneration false: machine-token claims come from the pre token generation trigger; turn it on or set machineTokenClaims false");
        }

        // Email codes for sign-in and MFA go out through the pool's email sender, and Cognito sends them only with
        // SES (EmailSendingAccount DEVELOPER): https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
        if (s.Email.Sender != EmailSender.Ses && pool.SignInFactors.Contains(SignInFactor.EmailOtp))
        {
            throw new ConfigurationException(
                $"{path}.userPool.signInFactors {Names(Choices.SignInFactor, pool.SignInFactors)} is invalid with email.sender \"{Choices.EmailSender.NameOf(s.Email.Sender)}\": email sign-in codes need email.sender SES; set it up (see Email) or remove EMAIL_OTP");
        }

        if (s.Email.Sender != EmailSender.Ses && pool.MfaFactors.Contains(MfaFactor.Email))
        {
            throw new ConfigurationException(
                $"{path}.userPool.mfaFactors {Names(Choices.MfaFactor, pool.MfaFactors)} is invalid with email.sender \"{Choices.EmailSender.NameOf(s.Email.Sender)}\": email MFA needs email.sender SES; set it up (see Email) or use [\"TOTP\"]");
        }

        // With MFA required, Cognito offers no passwordless one-time-code sign-in: a code alone is one factor.
        // https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
        if (pool.Mfa == MfaMode.Required && pool.SignInFactors.Contains(SignInFactor.EmailOtp))
        {
            throw new ConfigurationException(
                $"{path}.userPool.signInFactors {Names(Choices.SignInFactor, pool.SignInFactors)} is invalid with mfa \"REQUIRED\": an email code is a single factor, so Cognito never offers it when MFA is required; remove EMAIL_OTP or set mfa OPTIONAL");
        }

        // A passkey satisfies required MFA only with user verification (FactorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION):
        // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html
        if (pool.Mfa == MfaMode.Required && pool.SignInFactors.Contains(SignInFactor.WebAuthn) && pool.Passkeys.UserVerification != PasskeyUserVerification.Required)
        {
            throw new ConfigurationException(
                $"{path}.userPool.passkeys.userVerification \"PREFERRED\" is invalid with mfa \"REQUIRED\" and WEB_AUTHN sign-in: a passkey counts as two factors only when it verifies the user; use REQUIRED");
        }
    }

    private static void NotOnLite(string path, string key, bool used, string received, string feature, string alternative)
    {
        if (used)
        {
            throw new ConfigurationException(
                $"{path}.{key} {received} is invalid with userPool.featurePlan \"LITE\": {feature} needs ESSENTIALS or PLUS; choose one of those or {alternative}");
        }
    }

    private static string Names<TEnum>(Spellings<TEnum> choices, IEnumerable<TEnum> values)
        where TEnum : struct, Enum =>
        $"[{string.Join(",", values.Select(v => $"\"{choices.NameOf(v)}\""))}]";

    private static Regex OneOf(IEnumerable<string> values) => new($"^({string.Join("|", values)})\\z", RegexOptions.CultureInvariant);
}
