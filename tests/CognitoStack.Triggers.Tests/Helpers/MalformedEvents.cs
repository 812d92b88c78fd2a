using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CognitoStack.Triggers.Tests.Helpers;

/// Deterministic generator of malformed, truncated and odd trigger events built from the fixtures.
internal sealed class MalformedEvents(int seed, params string[] fixtures)
{
    private static readonly string[] OddStrings =
    [
        "", " ", "\r\n", "\u0000", "\ud800", "\uffff", "😀", "{}", "[]", "null", "admin", "Admin", "admin ", "users",
        "TokenGeneration_Authentication", "PostConfirmation_ConfirmSignUp", "2", "1", "jane@example.com", "a@b",
        "@", "eu-west-1_EXAMPLE01", new string('a', 5000), "\"", "\\",
    ];

    private readonly Random _random = new(seed);
    private readonly string[] _fixtureText = [.. fixtures.Select(f => File.ReadAllText(TestEvents.FixturePath(f)))];

    public (string Kind, byte[] Event) Next()
    {
        return _random.Next(7) switch
        {
            0 => ("random bytes", RandomBytes(_random.Next(0, 300))),
            1 => ("invalid UTF-8", InvalidUtf8()),
            2 => ("truncated", Truncated()),
            3 => ("deeply nested", DeeplyNested()),
            4 => ("random JSON", Encoding.UTF8.GetBytes(RandomJsonValue(4))),
            _ => ("mutated field", Mutated()),
        };
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string FixtureText() => _fixtureText[_random.Next(_fixtureText.Length)];

    private byte[] InvalidUtf8()
    {
        var text = Encoding.UTF8.GetBytes(FixtureText());
        var bad = new byte[][] { [0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0xBC], [0xED, 0xA0, 0x80] }[_random.Next(5)];
        var at = _random.Next(text.Length);
        return [.. text.AsSpan(0, at), .. bad, .. text.AsSpan(at)];
    }

    private byte[] Truncated()
    {
        var text = Encoding.UTF8.GetBytes(FixtureText());
        return text[.._random.Next(text.Length)];
    }

    private byte[] DeeplyNested()
    {
        var depth = _random.Next(60, 3000);
        var nested = new string('[', depth) + new string(']', depth);
        var e = JsonNode.Parse(FixtureText())!.AsObject();
        var text = e.ToJsonString().Replace("\"request\":", $"\"deep\":{nested},\"request\":", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(_random.Next(2) == 0 ? nested : text);
    }

    private byte[] Mutated()
    {
        var e = JsonNode.Parse(FixtureText())!.AsObject();
        var nodes = Descendants(e).ToList();
        for (var i = _random.Next(1, 4); i > 0; i--)
        {
            var (parent, key) = nodes[_random.Next(nodes.Count)];
            var action = _random.Next(3);
            if (action == 0)
            {
                parent.Remove(key);
            }
            else
            {
                parent[key] = JsonNode.Parse(action == 1 ? RandomJsonValue(2) : JsonValue.Create(OddString())!.ToJsonString());
            }
        }

        return Encoding.UTF8.GetBytes(e.ToJsonString());
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

    private string OddString() => OddStrings[_random.Next(OddStrings.Length)];

    private string RandomJsonValue(int depth) => _random.Next(depth > 0 ? 9 : 6) switch
    {
        0 => "null",
        1 => _random.Next(2) == 0 ? "true" : "false",
        2 => _random.Next(-2_000_000, 2_000_000).ToString(CultureInfo.InvariantCulture),
        3 => (_random.NextDouble() * 1e30).ToString("R", CultureInfo.InvariantCulture),
        4 => JsonValue.Create(OddString())!.ToJsonString(),
        5 => "\"" + new string('s', _random.Next(0, 120)) + "\"",
        6 => "[" + RandomJsonValue(depth - 1) + "," + RandomJsonValue(depth - 1) + "]",
        7 => "{}",
        _ => "{\"a\":" + RandomJsonValue(depth - 1) + "}",
    };
}
