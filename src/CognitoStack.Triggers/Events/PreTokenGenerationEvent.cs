using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoStack.Triggers.Logging;

namespace CognitoStack.Triggers.Events;

// The pre token generation V2_0 event (also V3_0: same shape), as documented in the Cognito developer guide
// ("Pre token generation Lambda trigger"). Only the members the trigger reads or writes are typed; every
// other member is kept in [JsonExtensionData] so the event goes back to Cognito whole.

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
    /// <summary>The user's attributes; Cognito sends every value as a string.</summary>
    public Dictionary<string, string?>? UserAttributes { get; set; }

    public GroupConfiguration? GroupConfiguration { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
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
