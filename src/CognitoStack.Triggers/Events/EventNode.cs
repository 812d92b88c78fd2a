using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoStack.Triggers.Logging;

namespace CognitoStack.Triggers.Events;

/// <summary>
/// A trigger event read as a JSON tree, for the triggers that change a few members and send the rest back as it
/// came (custom message, inbound federation) or only read a few (pre sign-up). No reflection: safe to trim.
/// </summary>
internal static class EventNode
{
    /// <summary>How every trigger reads an event tree: the input check's depth, and no member name twice in an object.</summary>
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = EventPayload.MaxDepth, AllowDuplicateProperties = false };

    /// <summary>The event as a JSON object; <see cref="EventPayload.Problem"/> must be null.</summary>
    public static JsonObject Parse(EventPayload payload) =>
        JsonNode.Parse(payload.Bytes, documentOptions: Options) as JsonObject
        ?? throw new JsonException("event is not a JSON object");

    /// <summary>Who and what the event is about, as far as it says (non-string members read as missing).</summary>
    public static EventIdentity Identity(JsonObject e) =>
        new(Text(e, "triggerSource"), Text(e, "userPoolId"), Text(e, "userName"), Text(e["callerContext"] as JsonObject, "clientId"));

    /// <summary>A string member; null when absent, null or not a string.</summary>
    public static string? Text(JsonObject? owner, string name) =>
        owner?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The serialized event.</summary>
    public static Stream ToStream(JsonObject e) => new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(e, Json.TriggersJsonContext.Default.JsonObject), writable: false);
}
