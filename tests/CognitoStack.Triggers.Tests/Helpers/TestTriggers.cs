using System.Text.Json.Nodes;
using CognitoStack.Tests.Credentials;

namespace CognitoStack.Triggers.Tests.Helpers;

/// Builds triggers with test configuration and sends events through Handle.
internal static class TestTriggers
{
    public static readonly DateTimeOffset SigningTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static readonly Dictionary<string, string> PreTokenVariables = new() { ["ADMIN_GROUP"] = "admin" };

    public static readonly Dictionary<string, string> PostConfirmationVariables = new()
    {
        ["DEFAULT_GROUP"] = "users",
        ["AWS_REGION"] = "eu-west-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ["AWS_SESSION_TOKEN"] = "FQoGZXIvYXdzEXAMPLESESSIONTOKEN//////////wEaDEXAMPLE==",
    };

    /// The user migration trigger's variables: an old pool in eu-west-1 and Lambda's credentials.
    public static readonly Dictionary<string, string> MigrationVariables = new()
    {
        ["OLD_USER_POOL_ID"] = "eu-west-1_OldPool01",
        ["OLD_CLIENT_ID"] = "7example23456789old",
        ["OLD_REGION"] = "eu-west-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ["AWS_SESSION_TOKEN"] = "FQoGZXIvYXdzEXAMPLESESSIONTOKEN//////////wEaDEXAMPLE==",
    };

    public static Func<string, string?> Variables(Dictionary<string, string> defaults, string? name = null, string? value = null)
    {
        var variables = new Dictionary<string, string>(defaults);
        if (name is not null)
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        return n => variables.GetValueOrDefault(n);
    }

    public static PreTokenGeneration PreToken(Stream? log = null) =>
        new(Variables(PreTokenVariables), log ?? Stream.Null);

    public static PreTokenGeneration PreTokenWith(string name, string? value, Stream? log = null) =>
        new(Variables(PreTokenVariables, name, value), log ?? Stream.Null);

    public static PostConfirmation PostConfirmation(HttpClient http, Stream? log = null, string? name = null, string? value = null) =>
        PostConfirmation(Variables(PostConfirmationVariables, name, value), http, log);

    // Credentials from the same variables (TestCredentials), so these tests leave the process environment alone.
    public static PostConfirmation PostConfirmation(Func<string, string?> variables, HttpClient http, Stream? log = null) =>
        new(variables, http, log ?? Stream.Null, new FixedClock(SigningTime), new TestCredentials(variables));

    public static readonly Dictionary<string, string> PreSignUpVariables = new() { ["ALLOWED_EMAIL_DOMAINS"] = "example.com,corp.example.com" };

    public static readonly Dictionary<string, string> CustomMessageVariables = new() { ["MESSAGE_LOCALES"] = "en,de" };

    public const string ClaimMappingsJson = """
        [{"provider":"CorpSaml","claim":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress","attribute":"email"},
         {"provider":"CorpSaml","claim":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","attribute":"name"},
         {"provider":"CorpSaml","claim":"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups","attribute":"custom:groups"},
         {"provider":"CorpOidc","claim":"email","attribute":"email"},
         {"provider":"CorpOidc","claim":"name","attribute":"name"},
         {"provider":"CorpOidc","claim":"groups","attribute":"custom:groups"}]
        """;

    public static readonly Dictionary<string, string> InboundFederationVariables = new() { ["CLAIM_MAPPINGS"] = ClaimMappingsJson };

    public static PreSignUp PreSignUp(Stream? log = null, string? domains = "example.com,corp.example.com") =>
        new(Variables(PreSignUpVariables, "ALLOWED_EMAIL_DOMAINS", domains), log ?? Stream.Null);

    public static CustomMessage CustomMessage(Stream? log = null, string? locales = "en,de", string? directory = null) =>
        new(Variables(CustomMessageVariables, "MESSAGE_LOCALES", locales), log ?? Stream.Null, directory);

    public static InboundFederation InboundFederation(Stream? log = null, string? mappings = ClaimMappingsJson) =>
        new(Variables(InboundFederationVariables, "CLAIM_MAPPINGS", mappings), log ?? Stream.Null);

    public static byte[] Send(this PreSignUp trigger, byte[] e) => Run(trigger.Handle, e);

    public static byte[] Send(this CustomMessage trigger, byte[] e) => Run(trigger.Handle, e);

    public static byte[] Send(this InboundFederation trigger, byte[] e) => Run(trigger.Handle, e);

    public static JsonObject Send(this PreSignUp trigger, JsonNode e) => Parse(trigger.Send(e.ToUtf8()));

    public static JsonObject Send(this CustomMessage trigger, JsonNode e) => Parse(trigger.Send(e.ToUtf8()));

    public static JsonObject Send(this InboundFederation trigger, JsonNode e) => Parse(trigger.Send(e.ToUtf8()));

    public static byte[] Send(this PreTokenGeneration trigger, byte[] e) => Run(trigger.Handle, e);

    public static byte[] Send(this PostConfirmation trigger, byte[] e) => Run(trigger.Handle, e);

    public static JsonObject Send(this PreTokenGeneration trigger, JsonNode e) => Parse(trigger.Send(e.ToUtf8()));

    public static JsonObject Send(this PostConfirmation trigger, JsonNode e) => Parse(trigger.Send(e.ToUtf8()));

    public static JsonObject? TokenClaims(this JsonObject answer, string token) =>
        (answer["response"] as JsonObject)?["claimsAndScopeOverrideDetails"] is JsonObject details
        && details[token] is JsonObject generation
            ? generation["claimsToAddOrOverride"] as JsonObject
            : null;

    public static string? Claim(this JsonObject answer, string token, string claim) =>
        answer.TokenClaims(token)?[claim] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static byte[] Run(Func<Stream, Stream> handle, byte[] e)
    {
        using var input = new MemoryStream(e);
        using var output = handle(input);
        using var copy = new MemoryStream();
        output.CopyTo(copy);
        return copy.ToArray();
    }

    private static JsonObject Parse(byte[] output) => JsonNode.Parse(output)!.AsObject();
}

/// A clock stopped at one instant.
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
