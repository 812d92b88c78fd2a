using System.Text;
using System.Text.Json;

namespace CognitoStack.Lambda.Common.Tests;

public sealed class JsonLogTests
{
    [Fact]
    public void Write_Should_WriteOneJsonObjectPerLine_When_CalledTwice()
    {
        using var output = new MemoryStream();
        var log = new JsonLog(output);

        log.Write("info", "first", new Fields("a", 1, 2.5));
        log.Write("error", "second", new Fields(null, null, null));

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);
        Assert.Equal("""{"level":"info","message":"first","name":"a","status":1,"durationMs":2.5}""", lines[0]);
        Assert.Equal("""{"level":"error","message":"second"}""", lines[1]);
    }

    [Fact]
    public void Write_Should_RoundDurationsToMicroseconds()
    {
        using var output = new MemoryStream();

        new JsonLog(output).Write("info", "m", new Fields(null, null, 1.23456));

        Assert.Equal(1.235, Parse(output).GetProperty("durationMs").GetDouble());
    }

    [Fact]
    public void Write_Should_CutStringFields_When_TheyAreLongerThanTheLimit()
    {
        using var output = new MemoryStream();

        new JsonLog(output).Write("info", "m", new Fields(new string('x', LogLine.MaxFieldLength + 1), null, null));

        Assert.Equal(new string('x', LogLine.MaxFieldLength), Parse(output).GetProperty("name").GetString());
    }

    [Fact]
    public void Write_Should_KeepTheMessage_When_ItIsExactlyTheMessageLimit()
    {
        using var output = new MemoryStream();
        var message = new string('m', JsonLog.MaxMessageLength);

        new JsonLog(output).Write("info", message + "tail", new Fields(null, null, null));

        Assert.Equal(message, Parse(output).GetProperty("message").GetString());
    }

    [Fact]
    public void Write_Should_EscapeControlCharactersAndQuotes_When_ValuesContainThem()
    {
        using var output = new MemoryStream();

        new JsonLog(output).Write("info", "line\nbreak \"quoted\"", new Fields("a\u0000b", null, null));

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Single(text.TrimEnd('\n').Split('\n'));
        Assert.Equal("line\nbreak \"quoted\"", Parse(output).GetProperty("message").GetString());
    }

    [Fact]
    public void Write_Should_NotThrow_When_OutputIsClosed()
    {
        var output = new MemoryStream();
        output.Dispose();

        var exception = Record.Exception(() => new JsonLog(output).Write("error", "m", new Fields(null, null, null)));

        Assert.Null(exception);
    }

    private static JsonElement Parse(MemoryStream output) => JsonDocument.Parse(output.ToArray()).RootElement;

    private readonly record struct Fields(string? Name, int? Status, double? DurationMs) : ILogFields
    {
        public void WriteTo(LogLine line)
        {
            line.Text("name"u8, Name);
            line.Number("status"u8, Status);
            line.Milliseconds("durationMs"u8, DurationMs);
        }
    }
}
