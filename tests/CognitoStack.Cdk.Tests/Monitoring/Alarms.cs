using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Monitoring;

/// <summary>One metric an alarm reads, flattened from either a plain alarm or a metric-math alarm.</summary>
internal sealed record AlarmMetric(string Namespace, string Name, IReadOnlyDictionary<string, string> Dimensions, string Statistic);

/// <summary>Reads the alarms of a synthesized Monitoring stack.</summary>
internal static class Alarms
{
    /// <summary>Every alarm's properties by alarm name.</summary>
    public static Dictionary<string, JsonNode> ByName(SynthesizedEnvironment env) =>
        env.Resources("Monitoring", "AWS::CloudWatch::Alarm")
            .Select(a => a.Resource["Properties"]!)
            .ToDictionary(p => (string)p["AlarmName"]!, p => p);

    /// <summary>The alarm named <c>CognitoStack-ENV-SLUG</c>.</summary>
    public static JsonNode Named(SynthesizedEnvironment env, string slug) => ByName(env)[$"CognitoStack-{env.Settings.Name}-{slug}"];

    /// <summary>The metrics an alarm reads; dimension values that are tokens are their compact JSON.</summary>
    public static IReadOnlyList<AlarmMetric> Metrics(JsonNode alarm) => alarm["MetricName"] is not null
        ? [new AlarmMetric((string)alarm["Namespace"]!, (string)alarm["MetricName"]!, Dimensions(alarm["Dimensions"]), Statistic(alarm))]
        : [.. alarm["Metrics"]!.AsArray()
            .Where(m => m!["MetricStat"] is not null)
            .Select(m => m!["MetricStat"]!)
            .Select(s => new AlarmMetric((string)s["Metric"]!["Namespace"]!, (string)s["Metric"]!["MetricName"]!, Dimensions(s["Metric"]!["Dimensions"]), (string)s["Stat"]!))];

    /// <summary>The metric-math expression of an alarm, or null for a plain alarm.</summary>
    public static string? Expression(JsonNode alarm) =>
        alarm["Metrics"]?.AsArray().Select(m => (string?)m!["Expression"]).SingleOrDefault(e => e is not null);

    private static string Statistic(JsonNode alarm) => (string?)alarm["Statistic"] ?? (string)alarm["ExtendedStatistic"]!;

    private static Dictionary<string, string> Dimensions(JsonNode? dimensions) =>
        dimensions?.AsArray().ToDictionary(d => (string)d!["Name"]!, d => d!["Value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : SynthesizedEnvironment.Text(d!["Value"]))
        ?? [];
}
