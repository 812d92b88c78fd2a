using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Logs;

namespace CognitoStack.Cdk.Constructs.Monitoring;

/// <summary>The alarms of the user pool's triggers: function errors and throttles, and the lines they log as errors.</summary>
public sealed partial class OperationalAlarms
{
    private void AddTriggerAlarms(MonitoredTrigger trigger)
    {
        AddFunctionAlarms(trigger.Name, trigger.Function,
            $"the {trigger.Name} log group: a failing trigger makes Cognito fail the sign-in or sign-up",
            trigger.RejectsByFailing ? Rejections(trigger) : null);
        var metricName = $"{trigger.Name}ErrorLines";
        new MetricFilter(this, $"{trigger.Name}ErrorLinesFilter", new MetricFilterProps
        {
            LogGroup = trigger.LogGroup,
            FilterPattern = FilterPattern.StringValue(TriggerErrorLine.Field, "=", TriggerErrorLine.Value),
            MetricNamespace = _props.MetricNamespace,
            MetricName = metricName,
            MetricValue = "1",
        });
        Add($"{trigger.Name}ErrorLines", $"{trigger.Name.ToLowerInvariant()}-logged-errors",
            $"{trigger.Name} logged an error: it answered Cognito but did less than it should (e.g. a user not added to a group).",
            $"the {trigger.Name} log group's level=error lines (errorType, status), then the function's IAM permissions.",
            TriggerErrorLines(trigger.Name), 1);
    }

    /// <summary>Counts a trigger's deliberate refusals (its <c>outcome: rejected</c> lines).</summary>
    private Metric Rejections(MonitoredTrigger trigger)
    {
        var metricName = $"{trigger.Name}Rejections";
        new MetricFilter(this, $"{trigger.Name}RejectionsFilter", new MetricFilterProps
        {
            LogGroup = trigger.LogGroup,
            FilterPattern = FilterPattern.StringValue(TriggerRejectionLine.Field, "=", TriggerRejectionLine.Value),
            MetricNamespace = _props.MetricNamespace,
            MetricName = metricName,
            MetricValue = "1",
        });
        return Signals.Custom(_props.MetricNamespace, metricName);
    }
}
