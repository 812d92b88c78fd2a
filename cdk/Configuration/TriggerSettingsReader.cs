using System.Text.Json;
using System.Text.RegularExpressions;
using CognitoStack.Contract;

namespace CognitoStack.Cdk.Configuration;

/// <summary>
/// Reads and checks <c>triggers</c>: the token and confirmation triggers (on by default) and the pre sign-up,
/// custom message and inbound federation triggers (off unless an environment declares them).
/// </summary>
internal static partial class TriggerSettingsReader
{
    /// <summary>Most domains on the allow-list: they travel in one environment variable (Lambda: 4 KB for all).</summary>
    public const int MaxDomains = 50;

    /// <summary>Longest allow-list, joined with commas.</summary>
    public const int MaxDomainsLength = 2_000;

    /// <summary>Most claim mappings; they travel as JSON in one environment variable.</summary>
    public const int MaxMappings = 25;

    /// <summary>Longest claim mapping JSON.</summary>
    public const int MaxMappingsLength = 3_000;

    private const string LocaleRule = "use locale names such as en, de or pt-BR (a 2-3 letter lower-case language, then up to two -parts of 2-8 letters or digits)";

    public static TriggerSettings Read(SettingsReader t, RepositoryFiles files) => new()
    {
        PreTokenGeneration = t.Bool("preTokenGeneration", true),
        PostConfirmation = t.Bool("postConfirmation", true),
        MachineTokenClaims = t.Bool("machineTokenClaims", false),
        SnapStart = t.Bool("snapStart", false),
        Publish = t.Enum("publish", Choices.Publish, LambdaPublish.ReadyToRun),
        PreSignUp = t.OptionalObject("preSignUp")?.ReadAll(ReadPreSignUp),
        CustomMessage = t.OptionalObject("customMessage")?.ReadAll(c => ReadCustomMessage(c, files)),
        InboundFederation = t.OptionalObject("inboundFederation")?.ReadAll(ReadInboundFederation),
    };

    private static PreSignUpSettings ReadPreSignUp(SettingsReader p)
    {
        var domains = p.StringList("allowedEmailDomains", 1, MaxDomains, d => Domain().IsMatch(d),
            "use lower-case domain names such as example.com (exact match: list each subdomain that may sign up)");
        var length = string.Join(",", domains).Length;
        return length <= MaxDomainsLength
            ? new PreSignUpSettings { AllowedEmailDomains = domains }
            : throw p.Invalid("allowedEmailDomains", $"(a list of {length:N0} characters)",
                $"keep the list under {MaxDomainsLength:N0} characters joined with commas: it travels in one environment variable, and Lambda allows 4 KB for all of them");
    }

    private static CustomMessageSettings ReadCustomMessage(SettingsReader c, RepositoryFiles files)
    {
        var locales = c.StringList("locales", 1, 20, CustomMessages.IsLocale, LocaleRule);
        for (var i = 0; i < locales.Count; i++)
        {
            CheckMessageFile(c, files, locales[i], isDefault: i == 0);
        }

        return new CustomMessageSettings { Locales = locales };
    }

    /// <summary>The file of one locale: a JSON object of trigger source → subject and message, each checked like the email templates.</summary>
    private static void CheckMessageFile(SettingsReader c, RepositoryFiles files, string locale, bool isDefault)
    {
        var path = $"config/{CustomMessages.Directory}/{locale}.json";
        var text = files.Read(c, "locales", path, CustomMessages.MaxFileLength);
        string? problem;
        try
        {
            using var document = JsonDocument.Parse(text);
            problem = CheckMessages(document.RootElement, isDefault);
        }
        catch (JsonException e)
        {
            problem = $"the file is not valid JSON ({e.Message})";
        }

        if (problem is not null)
        {
            throw c.Invalid("locales", $"\"{locale}\"", $"{path}: {problem}");
        }
    }

    private static string? CheckMessages(JsonElement root, bool isDefault)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the file must hold one JSON object of trigger source → { \"emailSubject\", \"emailMessage\" }";
        }

        foreach (var entry in root.EnumerateObject())
        {
            if (!CustomMessages.Sources.Contains(entry.Name))
            {
                return $"\"{entry.Name}\" is not a trigger source; use {string.Join(", ", CustomMessages.Sources)}";
            }

            var message = entry.Value;
            if (message.ValueKind != JsonValueKind.Object || message.EnumerateObject().Any(p => p.Name is not ("emailSubject" or "emailMessage")))
            {
                return $"{entry.Name} must be {{ \"emailSubject\", \"emailMessage\" }} and nothing else";
            }

            var problem = CustomMessages.Check(entry.Name, Text(message, "emailSubject"), Text(message, "emailMessage"));
            if (problem is not null)
            {
                return $"{entry.Name}: {problem}";
            }
        }

        var missing = CustomMessages.Sources.FirstOrDefault(s => !root.TryGetProperty(s, out _));
        return isDefault && missing is not null
            ? $"the default (first) locale must cover every trigger source; {missing} is missing"
            : null;
    }

    private static string? Text(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static InboundFederationSettings ReadInboundFederation(SettingsReader f)
    {
        var mappings = f.ObjectList("mappings", 1, MaxMappings, "each entry is { \"provider\", \"claim\", \"attribute\" }")
            .Select(m => m.ReadAll(x => new ClaimMappingSettings
            {
                Provider = x.RequiredString("provider", CognitoRules.ProviderName(), "use the name of a configured provider: Google, or an OIDC or SAML provider's name"),
                Claim = x.RequiredString("claim", Claim(), "use the claim or SAML attribute name: 1-256 printable ASCII characters"),
                Attribute = x.RequiredString("attribute", a => a.StartsWith(UserAttributes.CustomPrefix, StringComparison.Ordinal) && UserAttributes.IsAttributeName(a),
                    "use custom:NAME of a declared custom attribute"),
            }))
            .ToList();
        var duplicate = mappings.GroupBy(m => (m.Provider, m.Attribute)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw f.Invalid("mappings", $"(two entries for provider \"{duplicate.Key.Provider}\" and attribute \"{duplicate.Key.Attribute}\")",
                "map each attribute of a provider from one claim");
        }

        return new InboundFederationSettings { Mappings = mappings };
    }

    /// <summary>
    /// What the trigger maps: the configured mappings, plus, for each provider that has one, the email and name
    /// claims its attribute mapping already uses (see ExternalProviders), so an answer that lists attributes never
    /// leaves those out.
    /// </summary>
    public static IReadOnlyList<ClaimMappingSettings> EffectiveMappings(InboundFederationSettings federation, IdentityProviderSettings providers)
    {
        var kept = federation.Mappings.Select(m => m.Provider).Distinct(StringComparer.Ordinal).SelectMany(provider =>
        {
            var saml = providers.Saml.FirstOrDefault(x => x.Name == provider);
            var (email, name) = saml is null ? ("email", "name") : (saml.EmailAttribute, saml.NameAttribute);
            return new[]
            {
                new ClaimMappingSettings { Provider = provider, Claim = email, Attribute = "email" },
                new ClaimMappingSettings { Provider = provider, Claim = name, Attribute = "name" },
            };
        });
        return [.. kept, .. federation.Mappings];
    }

    /// <summary>The mappings as the trigger reads them from <c>CLAIM_MAPPINGS</c>.</summary>
    public static string ClaimMappingsJson(IEnumerable<ClaimMappingSettings> mappings) =>
        JsonSerializer.Serialize(mappings.Select(m => new Dictionary<string, string>
        {
            ["provider"] = m.Provider,
            ["claim"] = m.Claim,
            ["attribute"] = m.Attribute,
        }));

    [GeneratedRegex(@"^(?=.{4,253}\z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\z")]
    private static partial Regex Domain();

    [GeneratedRegex(@"^[\x21-\x7E]{1,256}\z")]
    private static partial Regex Claim();
}
