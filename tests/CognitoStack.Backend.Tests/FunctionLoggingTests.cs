using System.Text;
using System.Text.Json;
using CognitoStack.Backend.Tests.Helpers;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

public sealed class FunctionLoggingTests
{
    private static string[] LogLinesFor(string fixture)
    {
        using var log = new MemoryStream();
        var function = TestFunction.Create(log: log);
        TestFunction.Send(Load(fixture), function);
        return Encoding.UTF8.GetString(log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Handle_Should_LogOneJsonLinePerRequest_When_Answering()
    {
        var lines = LogLinesFor(MeIdToken);

        var line = Assert.Single(lines);
        var entry = JsonDocument.Parse(line).RootElement;
        Assert.Equal("info", entry.GetProperty("level").GetString());
        Assert.Equal("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", entry.GetProperty("requestId").GetString());
        Assert.Equal("/me", entry.GetProperty("route").GetString());
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
        Assert.True(entry.GetProperty("durationMs").GetDouble() >= 0);
    }

    [Fact]
    public void Handle_Should_NotLogTokensBodiesOrClaims_When_Answering()
    {
        var log = string.Concat(LogLinesFor(CreateItem));

        Assert.DoesNotContain("eyJ", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Stapler", log, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_Should_LogWarn_When_AnsweringClientError()
    {
        var line = Assert.Single(LogLinesFor(MeNoAuthorizer));

        Assert.Equal("warn", JsonDocument.Parse(line).RootElement.GetProperty("level").GetString());
    }
}
