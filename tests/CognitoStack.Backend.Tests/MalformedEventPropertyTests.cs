using System.Text.Json;
using CognitoStack.Backend.Tests.Helpers;

namespace CognitoStack.Backend.Tests;

public sealed class MalformedEventPropertyTests
{
    private const int Seed = 20241122;
    private const int Cases = 1500;

    [Fact]
    public void Handle_Should_AnswerJsonWithoutThrowingOr500_When_EventsAreMalformed()
    {
        var function = TestFunction.Create();
        var events = new MalformedEvents(Seed);
        var failures = new List<string>();

        for (var i = 0; i < Cases; i++)
        {
            var (kind, e) = events.Next();
            var problem = Check(function, e);
            if (problem is not null)
            {
                failures.Add($"case {i} ({kind}, seed {Seed}): {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    private static string? Check(Function function, byte[] e)
    {
        TestResponse response;
        try
        {
            response = TestFunction.SendBytes(e, function);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            return $"{exception.GetType().Name}: {exception.Message}";
        }

        if (response.StatusCode == 500 || response.Body.ValueKind != JsonValueKind.Object)
        {
            return $"status {response.StatusCode}, body {response.Body}";
        }

        var isError = response.StatusCode >= 400;
        var hasErrorFields = response.Text("error") is { Length: > 0 } && response.Text("message") is { Length: > 0 };
        return isError && !hasErrorFields ? $"error status {response.StatusCode} without error and message: {response.Body}" : null;
    }
}
