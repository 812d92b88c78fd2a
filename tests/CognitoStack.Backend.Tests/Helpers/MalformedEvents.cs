using System.Text;
using System.Text.Json.Nodes;

namespace CognitoStack.Backend.Tests.Helpers;

/// Deterministic generator of malformed, oversized and odd proxy events.
internal sealed class MalformedEvents(int seed)
{
    private static readonly string[] Fixtures =
        [TestEvents.MeIdToken, TestEvents.MeAccessToken, TestEvents.AdminClaims, TestEvents.CreateItem, TestEvents.CreateItemBase64];

    private static readonly string[] OddStrings =
    [
        "", " ", "\r\n", "http://localhost:3000\r\nSet-Cookie: x=y", "\u0000", "\ud800", "\uffff", "😀", "{}", "[]",
        "null", "GET\r\n", "/me\u0000", "../../etc/passwd", "%00", new string('a', 5000), "[admin", "admin]", "\"",
    ];

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, string> _fixtureText = Fixtures.ToDictionary(f => f, f => File.ReadAllText(TestEvents.FixturePath(f)));

    public (string Kind, byte[] Event) Next()
    {
        return _random.Next(9) switch
        {
            0 => ("random bytes", RandomBytes(_random.Next(0, 300))),
            1 => ("invalid UTF-8", InvalidUtf8()),
            2 => ("truncated", Truncated()),
            3 => ("deeply nested", DeeplyNested()),
            4 => ("huge body", HugeBody()),
            5 => ("odd header", OddHeader()),
            6 => ("random body", RandomBody()),
            _ => ("mutated field", Mutated()),
        };
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string FixtureText() => _fixtureText[Fixtures[_random.Next(Fixtures.Length)]];

    private JsonObject Fixture() => JsonNode.Parse(FixtureText())!.AsObject();

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
        var text = _random.Next(3) switch
        {
            0 => nested,
            1 => FixtureText().Replace("\"stageVariables\": null", $"\"stageVariables\": {nested}", StringComparison.Ordinal),
            _ => FixtureText().Replace("\"queryStringParameters\": null", $"\"queryStringParameters\": {{\"a\": {nested}}}", StringComparison.Ordinal),
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private byte[] HugeBody()
    {
        var e = Fixture().WithRoute("POST", "/items");
        var size = _random.Next(16 * 1024 - 16, 64 * 1024);
        if (_random.Next(2) == 0)
        {
            e.WithBody($$"""{ "name": "{{new string('x', size)}}" }""");
        }
        else
        {
            e.WithBase64Body(RandomBytes(size));
        }

        return e.ToUtf8();
    }

    private byte[] OddHeader()
    {
        var e = Fixture();
        var name = _random.Next(3) switch { 0 => "origin", 1 => "Origin", _ => OddString() };
        e.WithHeader(name, OddString());
        return e.ToUtf8();
    }

    private byte[] RandomBody()
    {
        var e = Fixture().WithRoute("POST", "/items");
        var body = _random.Next(4) switch
        {
            0 => OddString(),
            1 => $$"""{ "name": {{RandomJsonValue(3)}}, "quantity": {{RandomJsonValue(3)}} }""",
            2 => $$"""{ "{{OddString()}}": 1 }""",
            _ => RandomJsonValue(4),
        };
        return e.WithBody(body).ToUtf8();
    }

    private byte[] Mutated()
    {
        var e = Fixture();
        var nodes = Descendants(e).ToList();
        for (var i = _random.Next(1, 4); i > 0; i--)
        {
            var (parent, key) = nodes[_random.Next(nodes.Count)];
            if (_random.Next(3) == 0)
            {
                parent.Remove(key);
            }
            else
            {
                parent[key] = JsonNode.Parse(RandomJsonValue(2));
            }
        }

        return e.ToUtf8();
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
        2 => _random.Next(-2_000_000, 2_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => (_random.NextDouble() * 1e30).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        4 => JsonValue.Create(OddString())!.ToJsonString(),
        5 => "\"" + new string('s', _random.Next(0, 120)) + "\"",
        6 => "[" + RandomJsonValue(depth - 1) + "," + RandomJsonValue(depth - 1) + "]",
        7 => "{}",
        _ => "{\"a\":" + RandomJsonValue(depth - 1) + "}",
    };
}
