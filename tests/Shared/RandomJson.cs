using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CognitoStack.Tests.Shared;

/// <summary>
/// Seeded building blocks for hostile-input tests, shared by the Lambda test projects (linked, not
/// referenced): random bytes, broken UTF-8, truncation, deep nesting, random JSON values and field
/// mutations of a real event.
/// </summary>
internal sealed class RandomJson(int seed, IReadOnlyList<string> oddStrings)
{
    private static readonly byte[][] InvalidSequences = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0xBC], [0xED, 0xA0, 0x80]];

    /// <summary>The generator behind every choice, for callers' own picks.</summary>
    public Random Random { get; } = new(seed);

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        Random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The text with an invalid UTF-8 sequence inserted at a random place.</summary>
    public byte[] WithInvalidUtf8(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = Random.Next(bytes.Length);
        return [.. bytes.AsSpan(0, at), .. InvalidSequences[Random.Next(InvalidSequences.Length)], .. bytes.AsSpan(at)];
    }

    public byte[] Truncated(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return bytes[..Random.Next(bytes.Length)];
    }

    /// <summary>60 to 3,000 nested empty arrays.</summary>
    public string DeepArrays()
    {
        var depth = Random.Next(60, 3000);
        return new string('[', depth) + new string(']', depth);
    }

    public string OddString() => oddStrings[Random.Next(oddStrings.Count)];

    /// <summary>A random JSON value as text, nested up to <paramref name="depth"/> levels.</summary>
    public string Value(int depth) => Random.Next(depth > 0 ? 9 : 6) switch
    {
        0 => "null",
        1 => Random.Next(2) == 0 ? "true" : "false",
        2 => Random.Next(-2_000_000, 2_000_000).ToString(CultureInfo.InvariantCulture),
        3 => (Random.NextDouble() * 1e30).ToString("R", CultureInfo.InvariantCulture),
        4 => JsonValue.Create(OddString())!.ToJsonString(),
        5 => "\"" + new string('s', Random.Next(0, 120)) + "\"",
        6 => "[" + Value(depth - 1) + "," + Value(depth - 1) + "]",
        7 => "{}",
        _ => "{\"a\":" + Value(depth - 1) + "}",
    };

    /// <summary>Removes 1-3 random fields of the event or replaces them with random values or odd strings.</summary>
    public JsonObject Mutate(JsonObject e)
    {
        var fields = Descendants(e).ToList();
        for (var i = Random.Next(1, 4); i > 0; i--)
        {
            var (parent, key) = fields[Random.Next(fields.Count)];
            var action = Random.Next(3);
            if (action == 0)
            {
                parent.Remove(key);
            }
            else
            {
                parent[key] = JsonNode.Parse(action == 1 ? Value(2) : JsonValue.Create(OddString())!.ToJsonString());
            }
        }

        return e;
    }

    private static IEnumerable<(JsonObject Parent, string Key)> Descendants(JsonObject node)
    {
        foreach (var (key, value) in node.ToList())
        {
            yield return (node, key);
            if (value is JsonObject child)
            {
                foreach (var descendant in Descendants(child))
                {
                    yield return descendant;
                }
            }
        }
    }
}
