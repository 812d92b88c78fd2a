using System.Text;
using System.Text.Json.Nodes;

namespace CognitoStack.Triggers.Tests.Helpers;

/// <summary>
/// Every systematic mutation of a fixture event, one member at a time: removed, null, each wrong type, a huge
/// string, a lone-surrogate escape (as a value and as a member name), and the member written twice (same and
/// different value). Also the trigger source missing, unknown, not a string or misspelt, and request/response
/// null. Deterministic: a failing case names the fixture, the member path and the mutation.
/// </summary>
internal static class EventMutations
{
    private const string Placeholder = "\u0001mutation\u0001";
    private const string Huge = "huge";

    private static readonly (string Name, string Json)[] Replacements =
    [
        ("null", "null"),
        ("number", "0"),
        ("negative number", "-1e308"),
        ("boolean", "true"),
        ("array", "[]"),
        ("array of strings", "[\"a\",\"b\"]"),
        ("object", "{}"),
        ("empty string", "\"\""),
        ("lone high surrogate", "\"\\ud800\""),
        ("lone low surrogate inside text", "\"a\\udc00b\""),
        ("NUL character", "\"\\u0000\""),
        (Huge, "\"" + new string('x', 100_000) + "\""),
    ];

    /// <summary>All mutations of each fixture, as (description, event bytes).</summary>
    public static IEnumerable<(string Case, byte[] Event)> Of(params string[] fixtures)
    {
        foreach (var fixture in fixtures)
        {
            var text = File.ReadAllText(TestEvents.FixturePath(fixture));
            foreach (var mutation in Of(fixture, text))
            {
                yield return mutation;
            }
        }
    }

    private static IEnumerable<(string Case, byte[] Event)> Of(string fixture, string text)
    {
        var paths = Paths(JsonNode.Parse(text)!.AsObject(), []).ToList();
        foreach (var path in paths)
        {
            var at = string.Join(" > ", path);
            yield return ($"{fixture} {at}: removed", Edit(text, path, (parent, key) => parent.Remove(key)));
            foreach (var (name, json) in Replacements)
            {
                yield return ($"{fixture} {at}: {name}", Replace(text, path, json));
            }

            yield return ($"{fixture} {at}: written twice", Duplicate(text, path, sameValue: true));
            yield return ($"{fixture} {at}: written twice, second value different", Duplicate(text, path, sameValue: false));
        }

        foreach (var path in new[] { Array.Empty<string>() }.Concat(paths.Where(p => Node(JsonNode.Parse(text)!.AsObject(), p) is JsonObject)))
        {
            yield return ($"{fixture} {(path.Length == 0 ? "(root)" : string.Join(" > ", path))}: member named with a lone surrogate",
                AddMember(text, path, "\"\\ud800\"", "\"x\""));
        }

        foreach (var (name, json) in new[]
        {
            ("missing", (string?)null), ("unknown", "\"Unknown_Source\""), ("a number", "5"), ("an object", "{}"), ("lower case", null),
            ("with a trailing space", null),
        })
        {
            var source = JsonNode.Parse(text)!["triggerSource"]?.ToString() ?? "";
            var value = name switch
            {
                "lower case" => JsonValue.Create(source.ToLowerInvariant())!.ToJsonString(),
                "with a trailing space" => JsonValue.Create(source + " ")!.ToJsonString(),
                _ => json,
            };
            yield return ($"{fixture} triggerSource {name}", value is null ? Edit(text, ["triggerSource"], (parent, key) => parent.Remove(key)) : Replace(text, ["triggerSource"], value));
        }

        yield return ($"{fixture} request and response null", Replace(Encoding.UTF8.GetString(Replace(text, ["request"], "null")), ["response"], "null"));
    }

    private static IEnumerable<string[]> Paths(JsonObject node, string[] prefix)
    {
        foreach (var (key, value) in node)
        {
            string[] path = [.. prefix, key];
            yield return path;
            if (value is JsonObject child)
            {
                foreach (var descendant in Paths(child, path))
                {
                    yield return descendant;
                }
            }
        }
    }

    private static JsonNode? Node(JsonObject root, string[] path) =>
        path.Aggregate((JsonNode?)root, (node, key) => node is JsonObject o ? o[key] : null);

    private static (JsonObject Parent, string Key) Locate(JsonObject root, string[] path) =>
        (path[..^1].Aggregate(root, (node, key) => node[key]!.AsObject()), path[^1]);

    private static byte[] Edit(string text, string[] path, Action<JsonObject, string> edit)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        var (parent, key) = Locate(root, path);
        if (parent.ContainsKey(key))
        {
            edit(parent, key);
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    // Raw JSON in place of the member's value: the text level keeps escapes (lone surrogates) the DOM would not.
    private static byte[] Replace(string text, string[] path, string json)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        var (parent, key) = Locate(root, path);
        parent[key] = Placeholder;
        return Encoding.UTF8.GetBytes(root.ToJsonString().Replace(Quoted(Placeholder), json, StringComparison.Ordinal));
    }

    private static byte[] Duplicate(string text, string[] path, bool sameValue)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        var (parent, key) = Locate(root, path);
        var value = parent[key]?.ToJsonString() ?? "null";
        parent[key] = Placeholder;
        var twice = $"{value},{Quoted(key)}:{(sameValue ? value : "\"x\"")}";
        return Encoding.UTF8.GetBytes(root.ToJsonString().Replace(Quoted(Placeholder), twice, StringComparison.Ordinal));
    }

    private static byte[] AddMember(string text, string[] path, string name, string json)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        var owner = path.Length == 0 ? root : Node(root, path)!.AsObject();
        owner[Placeholder] = Placeholder;
        return Encoding.UTF8.GetBytes(root.ToJsonString().Replace($"{Quoted(Placeholder)}:{Quoted(Placeholder)}", $"{name}:{json}", StringComparison.Ordinal));
    }

    private static string Quoted(string text) => JsonValue.Create(text)!.ToJsonString();
}
