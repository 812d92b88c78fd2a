using Amazon.CDK.AWS.CloudWatch;
using Constructs;

namespace CognitoStack.Cdk.Constructs.Monitoring;

/// <summary>Props of <see cref="OperationsDashboard"/>.</summary>
public sealed record OperationsDashboardProps
{
    /// <summary>The dashboard's name.</summary>
    public required string DashboardName { get; init; }

    /// <summary>What is watched: the same inputs as the alarms.</summary>
    public required OperationalAlarmsProps Watched { get; init; }

    /// <summary>The alarms, shown as a status row at the top.</summary>
    public required OperationalAlarms Alarms { get; init; }

    /// <summary>Alarms of other parts (the user export), shown in the same row. Default none.</summary>
    public IReadOnlyList<Amazon.CDK.AWS.CloudWatch.IAlarm> MoreAlarms { get; init; } = [];

    /// <summary>The user export's execution counts (started, succeeded, failed, …); left out where backup is off.</summary>
    public IReadOnlyList<IMetric> ExportExecutions { get; init; } = [];
}

/// <summary>
/// One CloudWatch dashboard with every alarm's state and the signals behind them, plus traffic: API
/// requests, sign-in successes and token refreshes.
/// </summary>
public sealed class OperationsDashboard : Construct
{
    private const int Width = 8;
    private const int Height = 6;

    /// <summary>Creates the dashboard.</summary>
    public OperationsDashboard(Construct scope, string id, OperationsDashboardProps props)
        : base(scope, id)
    {
        var watched = props.Watched;
        var (api, stage) = watched.Api;
        var (poolId, clients) = watched.UserPool;

        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps { DashboardName = props.DashboardName });
        Dashboard.AddWidgets(new AlarmStatusWidget(new AlarmStatusWidgetProps
        {
            Title = "Alarms",
            Alarms = [.. props.Alarms.All, .. props.MoreAlarms],
            Width = 24,
            Height = 4,
        }));
        Dashboard.AddWidgets(
            Graph("API requests", Signals.ApiRequests(api, stage)),
            Graph("API 5XX error rate (%)", Signals.ApiErrorRate(api, stage)),
            Graph("API p99 latency (ms)", Signals.ApiLatencyP99(api, stage)));
        IMetric[] throttles =
        [
            Signals.UserPoolSum("SignInThrottles", poolId, clients),
            Signals.UserPoolSum("SignUpThrottles", poolId, [.. clients, Signals.AdminClient]),
            Signals.UserPoolSum("TokenRefreshThrottles", poolId, clients),
            .. watched.Federation ? [Signals.FederationSum("FederationThrottles", poolId)] : Array.Empty<IMetric>(),
        ];
        Dashboard.AddWidgets(
            Graph("Sign-in successes", Signals.UserPoolSum("SignInSuccesses", poolId, clients)),
            Graph("Token refreshes", Signals.UserPoolSum("TokenRefreshSuccesses", poolId, clients)),
            Graph("User pool throttles", throttles));

        var backend = watched.Backend.Function.FunctionName;
        Dashboard.AddWidgets(
            Graph("Backend errors and throttles", Signals.LambdaErrors(backend), Signals.LambdaThrottles(backend)),
            Graph("Backend p99 duration (ms)", Signals.LambdaDurationP99(backend)));
        Dashboard.AddWidgets([.. watched.Triggers.Select(t => Graph($"{t.Name}: errors, throttles, logged errors",
            Signals.LambdaErrors(t.Function.FunctionName), Signals.LambdaThrottles(t.Function.FunctionName), props.Alarms.TriggerErrorLines(t.Name)))]);

        var lastRow = new List<IWidget>();
        if (props.ExportExecutions.Count > 0)
        {
            lastRow.Add(Graph("User export executions", [.. props.ExportExecutions]));
        }

        if (watched.ThreatProtection)
        {
            lastRow.Add(Graph("High-risk requests",
                Signals.HighRisk("CompromisedCredentialRisk", poolId), Signals.HighRisk("AccountTakeoverRisk", poolId)));
        }

        lastRow.AddRange(watched.Topics.Select(t => Graph("Alarm notifications SNS could not deliver", Signals.TopicDeliveryFailures(t.TopicName))));
        lastRow.AddRange(watched.WebAclMetricNames.Distinct(StringComparer.Ordinal).Select(acl =>
            Graph($"WAF {acl}: blocked requests", Signals.WafBlockedRequests(acl, Amazon.CDK.Stack.Of(this).Region))));
        Dashboard.AddWidgets([.. lastRow]);
    }

    /// <summary>The dashboard.</summary>
    public Dashboard Dashboard { get; }

    private static GraphWidget Graph(string title, params IMetric[] metrics) => new(new GraphWidgetProps
    {
        Title = title,
        Left = metrics,
        Width = Width,
        Height = Height,
    });
}
