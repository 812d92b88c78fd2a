using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Configuration;

/// <summary>Reads and checks <c>identityProviders</c>: Google, OpenID Connect and SAML.</summary>
internal static partial class ProviderSettingsReader
{
    private static readonly string[] DefaultOidcScopes = ["openid", "email", "profile"];
    private const string EmailClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    private const string NameClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";

    public static IdentityProviderSettings Read(SettingsReader reader, RepositoryFiles files)
    {
        var google = reader.OptionalObject("google")?.ReadAll(ReadGoogle);
        var oidc = reader.ObjectList("oidc", 0, 10, "each entry is { \"name\", \"clientId\", \"clientSecret\", \"issuerUrl\", \"scopes\" }")
            .Select(o => o.ReadAll(ReadOidc)).ToList();
        var saml = reader.ObjectList("saml", 0, 10, "each entry is { \"name\", \"metadataUrl\" or \"metadataFile\", \"emailAttribute\", \"nameAttribute\" }")
            .Select(s => s.ReadAll(x => ReadSaml(x, files))).ToList();

        var names = oidc.Select(o => o.Name).Concat(saml.Select(s => s.Name)).ToList();
        var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(n => n.Count() > 1);
        if (duplicate is not null)
        {
            throw reader.Invalid("oidc", $"(two providers named \"{duplicate.Key}\")", "give every OIDC and SAML provider its own name");
        }

        return new IdentityProviderSettings { Google = google, Oidc = oidc, Saml = saml };
    }

    private static GoogleProviderSettings ReadGoogle(SettingsReader g) => new()
    {
        ClientId = g.RequiredString("clientId", ClientId(), "use the OAuth client id, such as 1234-abc.apps.googleusercontent.com"),
        ClientSecret = ReadSecret(g.RequiredObject("clientSecret")),
    };

    private static OidcProviderSettings ReadOidc(SettingsReader o) => new()
    {
        Name = ReadName(o),
        ClientId = o.RequiredString("clientId", ClientId(), "use the OAuth client id the provider issued"),
        ClientSecret = ReadSecret(o.RequiredObject("clientSecret")),
        IssuerUrl = o.RequiredString("issuerUrl", HttpsUrl(), "use the provider's https issuer URL without query or fragment, such as https://login.example.com"),
        Scopes = o.Has("scopes")
            ? o.StringList("scopes", 1, 25, s => OidcScope().IsMatch(s), "use scope names such as openid, email, profile", string.Join(", ", DefaultOidcScopes))
            : DefaultOidcScopes,
        AcrMapping = ReadAcrMapping(o),
    };

    /// <summary>
    /// <c>AcrMapping</c>: the provider's <c>acr</c> value per Cognito level, keyed <c>Level1</c> to <c>Level4</c>
    /// (Cognito guide, "Authentication levels with ACR and AMR claims"; API reference, <c>IdentityProviderType</c>).
    /// One provider value maps to one level: a value listed twice would make the level a sign-in reached ambiguous.
    /// </summary>
    private static Dictionary<string, string> ReadAcrMapping(SettingsReader o)
    {
        var mapping = o.StringMap("acrMapping", AcrLevels.Length, level => AcrLevels.Contains(level, StringComparer.Ordinal),
            $"use Cognito's levels {string.Join(", ", AcrLevels)} as keys", v => AcrValue().IsMatch(v),
            "use the provider's acr value: 1-64 printable characters without spaces, quotes or backslashes");
        var duplicate = mapping.GroupBy(e => e.Value, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? new Dictionary<string, string>(mapping, StringComparer.Ordinal)
            : throw o.Invalid("acrMapping", $"(\"{duplicate.Key}\" for {string.Join(" and ", duplicate.Select(e => e.Key))})",
                "map each of the provider's acr values to one level only");
    }

    /// <summary>The keys of an OIDC provider's <c>AcrMapping</c>: Cognito's four levels.</summary>
    public static readonly string[] AcrLevels = ["Level1", "Level2", "Level3", "Level4"];

    private static SamlProviderSettings ReadSamlBase(SettingsReader s, string? url, string? document) => new()
    {
        Name = ReadName(s),
        MetadataUrl = url,
        MetadataDocument = document,
        EmailAttribute = s.OptionalString("emailAttribute", AttributeName(), "use the SAML attribute name", EmailClaim) ?? EmailClaim,
        NameAttribute = s.OptionalString("nameAttribute", AttributeName(), "use the SAML attribute name", NameClaim) ?? NameClaim,
    };

    private static SamlProviderSettings ReadSaml(SettingsReader s, RepositoryFiles files)
    {
        var url = s.OptionalString("metadataUrl", HttpsUrl(), "use the IdP's https metadata URL");
        var file = s.OptionalString("metadataFile", SettingsLoader.RelativeFile(), RepositoryFiles.PathRule("metadataFile"));
        if ((url is null) == (file is null))
        {
            throw s.Invalid("metadataUrl", url is null ? "(missing, and no metadataFile)" : "(given together with metadataFile)",
                "give exactly one of metadataUrl and metadataFile");
        }

        var document = file is null ? null : files.Read(s, "metadataFile", file, CognitoRules.MaxSamlMetadataLength);
        if (document is not null && !document.Contains("EntityDescriptor", StringComparison.Ordinal))
        {
            throw s.Invalid("metadataFile", $"\"{file}\"", "use a SAML metadata document (an md:EntityDescriptor)");
        }

        return ReadSamlBase(s, url, document);
    }

    private static string ReadName(SettingsReader r)
    {
        var name = r.RequiredString("name", CognitoRules.ProviderName(), CognitoRules.ProviderNameRule);
        return CognitoRules.ReservedProviderNames.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? throw r.Invalid("name", $"\"{name}\"", CognitoRules.ProviderNameRule)
            : name;
    }

    private static SecretReference ReadSecret(SettingsReader r) => r.ReadAll(x =>
    {
        var arn = x.OptionalString("secretArn", SecretArn(), "use a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)");
        var name = x.OptionalString("secretName", SecretName(), "use a Secrets Manager secret name of 1-512 letters, digits and /_+=.@-");
        if ((arn is null) == (name is null))
        {
            throw x.Invalid("secretArn", arn is null ? "(missing, and no secretName)" : "(given together with secretName)",
                "give exactly one of secretArn and secretName: secrets are never written into cdk.json");
        }

        return new SecretReference
        {
            SecretId = arn ?? name!,
            JsonField = x.OptionalString("jsonField", JsonField(), "use the key of the secret's JSON value, such as clientSecret"),
        };
    });

    [GeneratedRegex(@"^[\x21-\x7E]{1,256}\z")]
    private static partial Regex ClientId();

    [GeneratedRegex(@"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?\z")]
    private static partial Regex HttpsUrl();

    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]{1,256}\z")]
    private static partial Regex OidcScope();

    [GeneratedRegex(@"^[\x21-\x7E]{1,256}\z")]
    private static partial Regex AttributeName();

    // AcrValue's length and pattern as the API reference gives them for level names (AcrLevelConfigType).
    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]{1,64}\z")]
    private static partial Regex AcrValue();

    [GeneratedRegex(@"^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+\z")]
    private static partial Regex SecretArn();

    [GeneratedRegex(@"^[A-Za-z0-9/_+=.@-]{1,512}\z")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,256}\z")]
    private static partial Regex JsonField();
}
