using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoStack.Triggers.Logging;

namespace CognitoStack.Triggers.Events;

// The pre token generation V2_0 and V3_0 events, as documented in the Cognito developer guide
// (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html:
// "Aside from the circumstances of the resulting access tokens, version two and three events are
// identical"). Only the members the trigger reads or writes are typed; every other member is kept in
// [JsonExtensionData] so the event goes back to Cognito whole.

/// <summary>A pre token generation trigger event.</summary>
internal sealed class PreTokenGenerationEvent
{
    public string? Version { get; set; }

    public string? TriggerSource { get; set; }

    public string? UserPoolId { get; set; }

    public string? UserName { get; set; }

    public CallerContext? CallerContext { get; set; }

    public PreTokenGenerationRequest? Request { get; set; }

    public PreTokenGenerationResponse? Response { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }

    public EventIdentity ToIdentity() => new(TriggerSource, UserPoolId, UserName, CallerContext?.ClientId);
}

/// <summary>The app client that asked for tokens.</summary>
internal sealed class CallerContext
{
    public string? ClientId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>What Cognito would write to the tokens.</summary>
internal sealed class PreTokenGenerationRequest
{
    /// <summary>
    /// The user's attributes. Cognito sends every value as a string, but AWS's published sample events also
    /// show <c>"email_verified": true</c>; values are kept as they came so the event goes back unchanged,
    /// and read through <see cref="Attribute"/>.
    /// </summary>
    public Dictionary<string, JsonElement>? UserAttributes { get; set; }

    public GroupConfiguration? GroupConfiguration { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }

    /// <summary>
    /// An attribute as text: a string as it is, a JSON boolean as <c>"true"</c> or <c>"false"</c>; null
    /// when absent or null.
    /// </summary>
    public string? Attribute(string name) =>
        UserAttributes is not null && UserAttributes.TryGetValue(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    /// <summary>The first attribute that is neither a string, a boolean nor null; null when there is none.</summary>
    public string? UnreadableAttribute() =>
        UserAttributes?.FirstOrDefault(a => a.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)).Key;
}

/// <summary>The user's groups, as Cognito would write them to <c>cognito:groups</c>.</summary>
internal sealed class GroupConfiguration
{
    public List<string?>? GroupsToOverride { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>The trigger's answer; Cognito sends <c>claimsAndScopeOverrideDetails: null</c>.</summary>
internal sealed class PreTokenGenerationResponse
{
    public ClaimsAndScopeOverrideDetails? ClaimsAndScopeOverrideDetails { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>Changes to the ID token, the access token and the groups.</summary>
internal sealed class ClaimsAndScopeOverrideDetails
{
    public TokenGeneration? IdTokenGeneration { get; set; }

    public TokenGeneration? AccessTokenGeneration { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>Changes to one token: claims to add or override (any JSON value), claims to suppress, scopes.</summary>
internal sealed class TokenGeneration
{
    public Dictionary<string, JsonElement>? ClaimsToAddOrOverride { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}
