using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.StepFunctions;
using CognitoStack.Contract;
using Constructs;

namespace CognitoStack.Cdk.Constructs.Monitoring;

/// <summary>Props of <see cref="UserExportAlarms"/>.</summary>
public sealed record UserExportAlarmsProps
{
    /// <summary>Start of every alarm name, e.g. <c>CognitoStack-prod</c>.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Where every alarm and every recovery is sent.</summary>
    public required IReadOnlyList<ITopic> Topics { get; init; }

    /// <summary>The export's state machine.</summary>
    public required IStateMachine StateMachine { get; init; }

    /// <summary>The exported pool (the metrics' <c>UserPool</c> dimension).</summary>
    public required string UserPoolId { get; init; }

    /// <summary>Namespace of the export's metrics.</summary>
    public required string MetricNamespace { get; init; }

    /// <summary>The schedule's interval in hours: no success for this plus 2 hours raises an alarm.</summary>
    public required int ScheduleHours { get; init; }

    /// <summary>Fall of the exported user count, in percent, that raises an alarm.</summary>
    public required int MaxDropPercent { get; init; }
}

/// <summary>
/// The export's alarms: an execution of its state machine failed, timed out or was aborted; no export succeeded for the schedule's interval plus 2 hours (missing data counts as
/// breaching here: silence is the failure); the exported user count fell by more than the allowed percentage (a
/// mass-deletion signal). Same naming, actions and runbook pointer as <see cref="OperationalAlarms"/>.
/// </summary>
public sealed class UserExportAlarms : Construct
{
    /// <summary>Hours added to the schedule's interval before a missing export raises the alarm.</summary>
    public const int GraceHours = 2;

    private readonly UserExportAlarmsProps _props;
    private readonly SnsAction[] _actions;

    /// <summary>Creates the alarms.</summary>
    public UserExportAlarms(Construct scope, string id, UserExportAlarmsProps props)
        : base(scope, id)
    {
        _props = props;
        _actions = [.. props.Topics.Select(t => new SnsAction(t))];
        var hours = props.ScheduleHours + GraceHours;
        All =
        [
            Add("UserExportFailed", "user-export-failed",
                "An execution of the user export failed after the state machine's retries: no new copy of the users was written.",
                "the execution's failed state in the Step Functions console; the export function's log group, level=error lines (errorType, operation); then the bucket's and key's permissions.",
                Executions(props.StateMachine.MetricFailed), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING, 1),
            Add("UserExportTimedOut", "user-export-timed-out",
                $"An execution of the user export ran longer than the schedule's {props.ScheduleHours} hours: the pool takes longer to read at the export's quota share.",
                "the partitions still running in the execution's map run; the pool-size table in docs/disaster-recovery.md (backup.quotaShare, backup.schedule).",
                Executions(props.StateMachine.MetricTimedOut), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING, 1),
            Add("UserExportAborted", "user-export-aborted",
                "An execution of the user export was stopped by hand or by a deployment: no new copy of the users was written.",
                "CloudTrail for states:StopExecution on the export's state machine.",
                Executions(props.StateMachine.MetricAborted), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING, 1),
            Add("UserExportMissing", "user-export-missing",
                $"No user export succeeded for {hours} hours (the schedule's {props.ScheduleHours} hours plus {GraceHours}).",
                "the export-failed alarm and the function's log group; whether the schedule rule is enabled.",
                Metric(UserExportMetrics.Succeeded, Stats.SUM), 1, ComparisonOperator.LESS_THAN_THRESHOLD, TreatMissingData.BREACHING, hours),
            Add("UserExportDrop", "user-export-user-count-drop",
                $"The exported user count fell by more than {props.MaxDropPercent}% since the previous export: users were deleted in bulk.",
                "CloudTrail for AdminDeleteUser/DeleteUser calls; restore from the previous export (docs/disaster-recovery.md).",
                Metric(UserExportMetrics.DropPercent, Stats.MAXIMUM), props.MaxDropPercent, ComparisonOperator.GREATER_THAN_THRESHOLD, TreatMissingData.NOT_BREACHING, 1),
        ];
    }

    /// <summary>Every alarm, in the order created.</summary>
    public IReadOnlyList<Alarm> All { get; }

    // One-hour periods: CloudWatch evaluates up to 7 days when a period is an hour or longer
    // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
    private Metric Metric(string name, string statistic) => new(new MetricProps
    {
        Namespace = _props.MetricNamespace,
        MetricName = name,
        DimensionsMap = new Dictionary<string, string> { ["UserPool"] = _props.UserPoolId },
        Statistic = statistic,
        Period = Duration.Hours(1),
    });

    // Step Functions execution metrics (AWS/States, StateMachineArn), summed per hour like the export's own metrics
    // (https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html).
    private static Metric Executions(Func<IMetricOptions?, Metric> metric) =>
        metric(new MetricOptions { Statistic = Stats.SUM, Period = Duration.Hours(1) });

    private Alarm Add(string id, string slug, string meaning, string checkFirst, IMetric metric, double threshold,
        ComparisonOperator comparison, TreatMissingData missing, int periods)
    {
        var alarm = new Alarm(this, id, new AlarmProps
        {
            AlarmName = $"{_props.NamePrefix}-{slug}",
            AlarmDescription = $"{meaning} Check first: {checkFirst} Runbook: docs/monitoring.md, docs/disaster-recovery.md.",
            Metric = metric,
            Threshold = threshold,
            ComparisonOperator = comparison,
            EvaluationPeriods = periods,
            DatapointsToAlarm = periods,
            TreatMissingData = missing,
        });
        alarm.AddAlarmAction(_actions);
        alarm.AddOkAction(_actions);
        return alarm;
    }
}
