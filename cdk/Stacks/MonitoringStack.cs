using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.SNS;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Constructs;
using CognitoStack.Cdk.Constructs.Monitoring;
using Constructs;

namespace CognitoStack.Cdk.Stacks;

/// <summary>What the monitoring stack watches: the two other stacks of the environment.</summary>
public sealed record MonitoringStackProps
{
    /// <summary>The stateful stack (user pool, triggers).</summary>
    public required IdentityStack Identity { get; init; }

    /// <summary>The stateless stack (API, backend, web ACL).</summary>
    public required ApiStack Api { get; init; }

    /// <summary>The Backup stack (scheduled user export); null where backup is off.</summary>
    public BackupStack? Backup { get; init; }

    /// <summary>Stack properties (name, environment).</summary>
    public required IStackProps StackProps { get; init; }
}

/// <summary>
/// The monitoring stack: alarm topic, alarms and the operations dashboard. It depends on the Identity
/// and Api stacks and nothing depends on it, so alarms can be tuned, or switched off, without touching
/// either; the stateful stack never waits for it.
/// </summary>
public sealed class MonitoringStack : Stack
{
    /// <summary>Wires the topic, the alarms and the dashboard from the settings.</summary>
    public MonitoringStack(Construct scope, string id, EnvironmentSettings settings, MonitoringStackProps props)
        : base(scope, id, props.StackProps)
    {
        var monitoring = settings.Monitoring;
        var identity = props.Identity;
        var api = props.Api;
        var topics = new List<ITopic>();
        if (monitoring.AlarmEmails.Count > 0)
        {
            topics.Add(new AlarmTopic(this, "AlarmTopic", new AlarmTopicProps { EmailAddresses = monitoring.AlarmEmails }).Topic);
        }

        if (monitoring.AlarmTopicArn is { } topicArn)
        {
            topics.Add(Topic.FromTopicArn(this, "GivenAlarmTopic", topicArn));
        }

        var backendTimeout = Duration.Seconds(settings.Backend.TimeoutSeconds);
        var watched = new OperationalAlarmsProps
        {
            NamePrefix = $"CognitoStack-{settings.Name}",
            Topics = topics,
            Api = (api.Api.RestApi.RestApiName, ProtectedApi.StageName),
            Backend = (api.Backend.Function, backendTimeout),
            BackendDurationThreshold = Duration.Millis(backendTimeout.ToMilliseconds() * monitoring.BackendDurationPercentOfTimeout / 100),
            Triggers = Triggers(identity.Triggers),
            MetricNamespace = BackupStack.MetricNamespace(settings),
            UserPool = (identity.Directory.UserPool.UserPoolId,
                [.. identity.Node.FindAll().OfType<UserPoolClient>().Select(c => c.UserPoolClientId)]),
            Federation = settings.IdentityProviders.Any,
            ThreatProtection = settings.UserPool.ThreatProtection != ThreatProtectionMode.Off,
            WebAclMetricNames = WebAclMetricNames(identity, api),
            ApiErrorRatePercent = monitoring.ApiErrorRatePercent,
            ApiLatencyP99 = Duration.Millis(monitoring.ApiLatencyP99Ms),
            WafBlockedRequests = monitoring.WafBlockedRequestsPer5Minutes,
            RiskyRequests = monitoring.RiskyRequestsPer5Minutes,
        };
        Alarms = new OperationalAlarms(this, "Alarms", watched);
        if (props.Backup is { } backup)
        {
            ExportAlarms = new UserExportAlarms(this, "UserExportAlarms", new UserExportAlarmsProps
            {
                NamePrefix = watched.NamePrefix,
                Topics = topics,
                StateMachine = backup.Export.Orchestration.StateMachine,
                UserPoolId = identity.Directory.UserPool.UserPoolId,
                MetricNamespace = BackupStack.MetricNamespace(settings),
                ScheduleHours = settings.Backup.ScheduleHours,
                MaxDropPercent = settings.Backup.MaxDropPercent,
            });
        }

        Dashboard = new OperationsDashboard(this, "Operations", new OperationsDashboardProps
        {
            // A fixed name, so that people find it; unique per environment in an account.
            DashboardName = $"CognitoStack-{settings.Name}",
            Watched = watched,
            Alarms = Alarms,
            MoreAlarms = [.. ExportAlarms?.All ?? []],
            ExportExecutions = props.Backup?.Export.Orchestration.StateMachine is { } machine
                ? [machine.MetricStarted(), machine.MetricSucceeded(), machine.MetricFailed(), machine.MetricTimedOut(), machine.MetricAborted()]
                : [],
        });

        new CfnOutput(this, "DashboardName", new CfnOutputProps
        {
            Value = Dashboard.Dashboard.DashboardName,
            Description = "CloudWatch dashboard with every alarm and the signals behind them",
        });
    }

    /// <summary>The alarms.</summary>
    public OperationalAlarms Alarms { get; }

    /// <summary>The user export's alarms; null where backup is off.</summary>
    public UserExportAlarms? ExportAlarms { get; }

    /// <summary>The operations dashboard.</summary>
    public OperationsDashboard Dashboard { get; }

    private static List<MonitoredTrigger> Triggers(TriggerFunctions triggers) =>
        [.. triggers.All.Select(t => new MonitoredTrigger
        {
            Name = t.Name,
            Function = t.Function.Function,
            LogGroup = t.Function.LogGroup,
            RejectsByFailing = t.Function == triggers.PreSignUp,
        })];

    /// <summary>The visibility metric name of every web ACL the app declares, wherever it lives.</summary>
    private static List<string> WebAclMetricNames(params Stack[] stacks) =>
        [.. stacks
            .SelectMany(s => s.Node.FindAll().OfType<WebAcl>())
            .Select(acl => acl.MetricName)];
}
