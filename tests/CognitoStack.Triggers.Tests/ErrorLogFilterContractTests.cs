using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

/// The triggers swallow their failures (a throwing trigger blocks sign-in), so the Monitoring stack counts
/// their ERROR log lines with a metric filter. These tests hold the filter pattern of the committed prod
/// snapshot against what the triggers really write: renaming the level field or its value fails here.
public sealed partial class ErrorLogFilterContractTests
{
    private static readonly IReadOnlyList<(string Field, string Value)> Patterns = ReadPatterns();

    [Fact]
    public void Snapshot_Should_FilterEachTriggersLogOnOneJsonFieldAndValue() =>
        Assert.Equal([("level", "error")], Patterns.Distinct());

    [Fact]
    public void PostConfirmation_Should_WriteAnErrorLineTheFilterCounts_When_ItSwallowsAFailure()
    {
        using var handler = FakeHttpHandler.Answering(HttpStatusCode.Forbidden, """{"__type":"AccessDeniedException","message":"x"}""");
        using var http = handler.Client();
        using var log = new LogLines();

        TestTriggers.PostConfirmation(http, log.Stream).Send(Load(ConfirmSignUp).ToUtf8());

        Assert.Equal("AccessDeniedException", Assert.Single(log.Lines, Matches).Text("errorType"));
    }

    [Fact]
    public void PreTokenGeneration_Should_WriteAnErrorLineTheFilterCounts_When_ItIgnoresAMalformedEvent()
    {
        using var log = new LogLines();

        TestTriggers.PreToken(log.Stream).Send(Encoding.UTF8.GetBytes("{}"));

        Assert.Single(log.Lines, Matches);
    }

    [Fact]
    public void Filter_Should_NotCountInfoLines()
    {
        using var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        using var log = new LogLines();

        TestTriggers.PostConfirmation(http, log.Stream).Send(Load(ConfirmSignUp).ToUtf8());

        Assert.NotEmpty(log.Lines);
        Assert.DoesNotContain(log.Lines, Matches);
    }

    private static bool Matches(JsonElement line) =>
        Patterns.All(p => line.TryGetProperty(p.Field, out var value)
            && value.ValueKind == JsonValueKind.String
            && value.GetString() == p.Value);

    private static List<(string, string)> ReadPatterns()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "CognitoStack.sln")))
        {
            directory = directory.Parent;
        }

        var snapshot = Path.Combine(directory.FullName, "tests", "CognitoStack.Cdk.Tests", "Snapshots", "prod", "Monitoring.template.json");
        using var template = JsonDocument.Parse(File.ReadAllText(snapshot));
        var patterns = template.RootElement.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::Logs::MetricFilter")
            .Select(r => r.Value.GetProperty("Properties").GetProperty("FilterPattern").GetString()!)
            .Select(pattern => EqualsPattern().Match(pattern) is { Success: true } m
                ? (m.Groups[1].Value, m.Groups[2].Value)
                : throw new InvalidOperationException($"unexpected filter pattern {pattern}"))
            .ToList();
        Assert.Equal(2, patterns.Count);
        return patterns;
    }

    // The one form the Monitoring stack writes: { $.FIELD = "VALUE" }.
    [GeneratedRegex("""^\{ \$\.([A-Za-z]+) = "([a-z]+)" \}$""")]
    private static partial Regex EqualsPattern();
}
