using System.Text.Json.Serialization;
using CognitoStack.Triggers.Logging;

namespace CognitoStack.Triggers.Events;

// The post confirmation event, as documented in the Cognito developer guide ("Post confirmation Lambda
// trigger"). Only the common members the trigger reads are typed: the event goes back to Cognito as the
// bytes that came in, so nothing else needs to round-trip.

/// <summary>A post confirmation trigger event.</summary>
internal sealed class PostConfirmationEvent
{
    public string? Version { get; set; }

    public string? TriggerSource { get; set; }

    public string? UserPoolId { get; set; }

    public string? UserName { get; set; }

    public CallerContext? CallerContext { get; set; }

    public EventIdentity ToIdentity() => new(TriggerSource, UserPoolId, UserName, CallerContext?.ClientId);
}

/// <summary>A request Cognito's <c>AdminAddUserToGroup</c> API takes (AWS JSON 1.1, PascalCase members).</summary>
internal sealed record AdminAddUserToGroupRequest(
    [property: JsonPropertyName("UserPoolId")] string UserPoolId,
    [property: JsonPropertyName("Username")] string Username,
    [property: JsonPropertyName("GroupName")] string GroupName);
