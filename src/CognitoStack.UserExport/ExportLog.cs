using System.Text.Json;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;
using CognitoStack.UserExport.Export;

namespace CognitoStack.UserExport;

/// <summary>The fields of an export's log lines: identifiers and counts only, never a user name or attribute.</summary>
internal readonly record struct ExportFields(string? ExportPrefix = null, long? Users = null, int? Files = null, int? Invocation = null,
    int? Retries = null, string? ErrorType = null, string? Operation = null, double? DurationMs = null, string? Step = null, string? Partition = null) : ILogFields
{
    public void WriteTo(LogLine line)
    {
        line.Text("step"u8, Step);
        line.Text("partition"u8, Partition);
        line.Text("exportPrefix"u8, ExportPrefix);
        line.Number("users"u8, Users is null ? null : (int)Math.Min(Users.Value, int.MaxValue));
        line.Number("files"u8, Files);
        line.Number("invocation"u8, Invocation);
        line.Number("retries"u8, Retries);
        line.Text("errorType"u8, ErrorType);
        line.Text("operation"u8, Operation);
        line.Milliseconds("durationMs"u8, DurationMs);
    }
}

/// <summary>
/// One CloudWatch embedded metric format line for a finished export: <see cref="UserExportMetrics"/> in the given
/// namespace with the dimension <c>UserPool</c>. Lambda passes the line to CloudWatch Logs, which extracts the metrics
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html,
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Lambda.html).
/// </summary>
internal static class ExportMetrics
{
    /// <summary>The metrics' dimension.</summary>
    public const string Dimension = "UserPool";

    /// <summary>Writes the line to <paramref name="output"/>.</summary>
    public static void Write(Stream output, string metricNamespace, string userPoolId, StepOutcome outcome, DateTimeOffset time)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("_aws");
            w.WriteNumber("Timestamp", time.ToUnixTimeMilliseconds());
            w.WriteStartArray("CloudWatchMetrics");
            w.WriteStartObject();
            w.WriteString("Namespace", metricNamespace);
            w.WriteStartArray("Dimensions");
            w.WriteStartArray();
            w.WriteStringValue(Dimension);
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteStartArray("Metrics");
            Metric(w, UserExportMetrics.Succeeded, "Count");
            Metric(w, UserExportMetrics.ExportedUsers, "Count");
            Metric(w, UserExportMetrics.DropPercent, "Percent");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString(Dimension, userPoolId);
            w.WriteNumber(UserExportMetrics.Succeeded, 1);
            w.WriteNumber(UserExportMetrics.ExportedUsers, outcome.Users);
            w.WriteNumber(UserExportMetrics.DropPercent, outcome.DropPercent);
            w.WriteString("level", "info");
            w.WriteString("message", "export metrics");
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        try
        {
            output.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or NotSupportedException)
        {
            // A broken stdout must not fail a finished export.
        }
    }

    private static void Metric(Utf8JsonWriter w, string name, string unit)
    {
        w.WriteStartObject();
        w.WriteString("Name", name);
        w.WriteString("Unit", unit);
        w.WriteEndObject();
    }
}
