using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Tests.Shared;

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

    private readonly RandomJson _json = new(seed, OddStrings);
    private readonly string[] _fixtureText = [.. fixtures.Select(f => File.ReadAllText(TestEvents.FixturePath(f)))];

    public (string Kind, byte[] Event) Next()
    {
        return _json.Random.Next(7) switch
        {
            0 => ("random bytes", _json.Bytes(_json.Random.Next(0, 300))),
            1 => ("invalid UTF-8", _json.WithInvalidUtf8(FixtureText())),
            2 => ("truncated", _json.Truncated(FixtureText())),
            3 => ("deeply nested", DeeplyNested()),
            4 => ("random JSON", Encoding.UTF8.GetBytes(_json.Value(4))),
            _ => ("mutated field", Mutated()),
        };
    }

    private string FixtureText() => _fixtureText[_json.Random.Next(_fixtureText.Length)];

    private byte[] DeeplyNested()
    {
        var nested = _json.DeepArrays();
        var e = JsonNode.Parse(FixtureText())!.AsObject();
        var text = e.ToJsonString().Replace("\"request\":", $"\"deep\":{nested},\"request\":", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(_json.Random.Next(2) == 0 ? nested : text);
    }

    private byte[] Mutated() => Encoding.UTF8.GetBytes(_json.Mutate(JsonNode.Parse(FixtureText())!.AsObject()).ToJsonString());
}
