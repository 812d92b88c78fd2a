using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Tests.Shared;

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

    private readonly RandomJson _json = new(seed, OddStrings);
    private readonly Dictionary<string, string> _fixtureText = Fixtures.ToDictionary(f => f, f => File.ReadAllText(TestEvents.FixturePath(f)));

    public (string Kind, byte[] Event) Next()
    {
        return _json.Random.Next(9) switch
        {
            0 => ("random bytes", _json.Bytes(_json.Random.Next(0, 300))),
            1 => ("invalid UTF-8", _json.WithInvalidUtf8(FixtureText())),
            2 => ("truncated", _json.Truncated(FixtureText())),
            3 => ("deeply nested", DeeplyNested()),
            4 => ("huge body", HugeBody()),
            5 => ("odd header", OddHeader()),
            6 => ("random body", RandomBody()),
            _ => ("mutated field", Mutated()),
        };
    }

    private string FixtureText() => _fixtureText[Fixtures[_json.Random.Next(Fixtures.Length)]];

    private JsonObject Fixture() => JsonNode.Parse(FixtureText())!.AsObject();

    private byte[] DeeplyNested()
    {
        var nested = _json.DeepArrays();
        var text = _json.Random.Next(3) switch
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
        var size = _json.Random.Next(16 * 1024 - 16, 64 * 1024);
        if (_json.Random.Next(2) == 0)
        {
            e.WithBody($$"""{ "name": "{{new string('x', size)}}" }""");
        }
        else
        {
            e.WithBase64Body(_json.Bytes(size));
        }

        return e.ToUtf8();
    }

    private byte[] OddHeader()
    {
        var e = Fixture();
        var name = _json.Random.Next(3) switch { 0 => "origin", 1 => "Origin", _ => _json.OddString() };
        e.WithHeader(name, _json.OddString());
        return e.ToUtf8();
    }

    private byte[] RandomBody()
    {
        var e = Fixture().WithRoute("POST", "/items");
        var body = _json.Random.Next(4) switch
        {
            0 => _json.OddString(),
            1 => $$"""{ "name": {{_json.Value(3)}}, "quantity": {{_json.Value(3)}} }""",
            2 => $$"""{ "{{_json.OddString()}}": 1 }""",
            _ => _json.Value(4),
        };
        return e.WithBody(body).ToUtf8();
    }

    private byte[] Mutated() => _json.Mutate(Fixture()).ToUtf8();
}
