namespace CognitoStack.Cdk.Tests.Docs;

/// <summary>One-line descriptions of the settings, keyed by their dotted path below the environment.</summary>
internal static class SettingDescriptions
{
    public static IReadOnlyDictionary<string, string> ByKey { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["userPool.customAttributes"] = "Custom attributes (custom:NAME), 0-25; Cognito adds them in place but never changes or removes one.",
        ["userPool.customAttributes[].name"] = "Name without custom:, 1-20 ASCII letters, digits and underscores, starting with a letter.",
        ["userPool.customAttributes[].type"] = "String, Number, Boolean or DateTime.",
        ["userPool.customAttributes[].mutable"] = "Whether the value may change after the user is created; required, as it can never change later.",
        ["userPool.customAttributes[].trusted"] = "The backend or the triggers rely on it: no client a user holds may write it.",
        ["userPool.customAttributes[].minLength"] = "String only: shortest value, 0-2048.",
        ["userPool.customAttributes[].maxLength"] = "String only: longest value, 1-2048.",
        ["userPool.customAttributes[].minValue"] = "Number only: smallest value.",
        ["userPool.customAttributes[].maxValue"] = "Number only: largest value.",
        ["clients.web.readAttributes"] = "Attributes the web client may read; default email, email_verified, name, locale.",
        ["clients.web.writeAttributes"] = "Attributes the web client may write; default email, name, locale; never a verified flag or a trusted attribute.",
        ["clients.confidential.readAttributes"] = "Attributes the confidential client may read; default email, email_verified, name, locale.",
        ["clients.confidential.writeAttributes"] = "Attributes the confidential client may write; default email, name, locale; never a verified flag or a trusted attribute.",
        ["triggers.preSignUp.allowedEmailDomains"] = "Pre sign-up trigger: 1-50 lower-case domains whose addresses may sign up themselves; left out, no trigger.",
        ["triggers.customMessage.locales"] = "Custom message trigger: 1-20 locales with config/messages/LOCALE.json, the first the default; left out, no trigger.",
        ["triggers.inboundFederation.mappings"] = "Inbound federation trigger: 1-25 provider claims copied to trusted custom attributes; left out, no trigger.",
        ["triggers.inboundFederation.mappings[].provider"] = "A configured provider: Google, or an OIDC or SAML provider's name.",
        ["triggers.inboundFederation.mappings[].claim"] = "The claim or SAML attribute name, 1-256 printable ASCII characters.",
        ["triggers.inboundFederation.mappings[].attribute"] = "The target: custom:NAME of a declared String, mutable, trusted attribute.",
    };
}
