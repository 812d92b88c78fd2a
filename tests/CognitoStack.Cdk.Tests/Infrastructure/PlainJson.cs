using System.Text.Json.Nodes;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>
/// Template values as plain text for exact assertions: each <c>Fn::Join</c> joined, each <c>Ref X</c> written
/// <c>${X}</c> and each <c>Fn::ImportValue X</c> written <c>${import:X}</c>.
/// </summary>
internal static class PlainJson
{
    /// <summary>The node, flattened, as compact JSON.</summary>
    public static string Text(JsonNode? node) => SynthesizedEnvironment.Text(Flatten(node));

    /// <summary>A scalar template value, flattened, as a string.</summary>
    public static string String(JsonNode? node) =>
        Flatten(node) is JsonValue value ? (string)value! : throw new NotSupportedException($"not a scalar: {node?.ToJsonString()}");

    /// <summary>The node with every supported intrinsic function replaced by its text.</summary>
    public static JsonNode? Flatten(JsonNode? node) => node switch
    {
        JsonObject o when o["Fn::Join"] is JsonArray join =>
            JsonValue.Create(string.Join((string)join[0]!, join[1]!.AsArray().Select(String))),
        JsonObject o when o.Count == 1 && o["Ref"] is JsonValue reference => JsonValue.Create($"${{{(string)reference!}}}"),
        JsonObject o when o.Count == 1 && o["Fn::ImportValue"] is JsonValue import => JsonValue.Create($"${{import:{(string)import!}}}"),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Flatten(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Flatten)]),
        _ => node?.DeepClone(),
    };
}
