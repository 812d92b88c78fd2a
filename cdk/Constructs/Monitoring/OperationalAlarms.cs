using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace CognitoStack.Cdk.Constructs.Monitoring;

/// <summary>A user pool trigger to watch: its function and the log group it writes to.</summary>
public sealed record MonitoredTrigger
{
    /// <summary>Short name used in alarm names and metric names, e.g. <c>PreTokenGeneration</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The trigger's function.</summary>
    public required IFunction Function { get; init; }

    /// <summary>The function's log group.</summary>
    public required ILogGroup LogGroup { get; init; }

    /// <summary>
    /// Whether the trigger refuses requests by failing (pre sign-up: Cognito rejects a sign-up when the function
    /// throws). Each refusal writes one <c>outcome: rejected</c> line; the errors alarm counts only the failures
    /// beyond those. Default false.
    /// </summary>
    public bool RejectsByFailing { get; init; }
}

/// <summary>Props of <see cref="OperationalAlarms"/>.</summary>
public sealed record OperationalAlarmsProps
{
    /// <summary>Start of every alarm name, e.g. <c>CognitoStack-prod</c>.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Where every alarm and every recovery is sent (at least one topic).</summary>
    public required IReadOnlyList<ITopic> Topics { get; init; }

    /// <summary>Name and stage of the REST API.</summary>
    public required (string Name, string Stage) Api { get; init; }

    /// <summary>The backend function and its timeout.</summary>
    public required (IFunction Function, Duration Timeout) Backend { get; init; }

    /// <summary>Backend p99 duration that counts as close to the timeout.</summary>
    public required Duration BackendDurationThreshold { get; init; }

    /// <summary>The API's Lambda authorizer (the verifiedPermissions authorization mode); null without one.</summary>
    public IFunction? Authorizer { get; init; }

    /// <summary>The user pool's triggers (none when no trigger is configured).</summary>
    public required IReadOnlyList<MonitoredTrigger> Triggers { get; init; }

    /// <summary>Namespace of the custom metrics counted from the triggers' ERROR log lines.</summary>
    public required string MetricNamespace { get; init; }

    /// <summary>The user pool's id and its app client ids (Cognito's per-client metrics are summed).</summary>
    public required (string Id, IReadOnlyList<string> ClientIds) UserPool { get; init; }

    /// <summary>Whether the pool has external identity providers, so that federation metrics exist.</summary>
    public required bool Federation { get; init; }

    /// <summary>Whether threat protection runs, so that its risk metrics exist.</summary>
    public required bool ThreatProtection { get; init; }

    /// <summary>Visibility metric names of the web ACLs in front of the app (empty without WAF).</summary>
    public required IReadOnlyList<string> WebAclMetricNames { get; init; }

    /// <summary>API 5XX responses in percent of requests that raise the alarm.</summary>
    public required double ApiErrorRatePercent { get; init; }

    /// <summary>API p99 latency that raises the alarm.</summary>
    public required Duration ApiLatencyP99 { get; init; }

    /// <summary>Blocked requests per web ACL in 5 minutes that count as a spike.</summary>
    public required int WafBlockedRequests { get; init; }

    /// <summary>High-risk sign-ins (compromised credentials, account takeover) in 5 minutes.</summary>
    public required int RiskyRequests { get; init; }
}

/// <summary>
/// The app's alarms. Each one's name says what broke and its description what to check first (runbook:
/// docs/monitoring.md); each sends both ALARM and OK to the topic, and treats missing data as not breaching: no
/// traffic means nothing failed.
/// </summary>
public sealed partial class OperationalAlarms : Construct
{
    /// <summary>The JSON field and value of a trigger's ERROR log line (what the metric filter matches).</summary>
    public static readonly (string Field, string Value) TriggerErrorLine = ("$.level", "error");

    /// <summary>The JSON field and value of a deliberate refusal (see <see cref="MonitoredTrigger.RejectsByFailing"/>).</summary>
    public static readonly (string Field, string Value) TriggerRejectionLine = ("$.outcome", "rejected");

    private readonly List<Alarm> _alarms = [];
    private readonly OperationalAlarmsProps _props;
    private readonly SnsAction[] _actions;

    /// <summary>Creates every alarm.</summary>
    public OperationalAlarms(Construct scope, string id, OperationalAlarmsProps props)
        : base(scope, id)
    {
        _props = props;
        _actions = [.. props.Topics.Select(t => new SnsAction(t))];
        AddApiAlarms();
        AddFunctionAlarms("Backend", props.Backend.Function, "the backend's log group for the request id, then recent deployments");
        if (props.Authorizer is { } authorizer)
        {
            AddFunctionAlarms("Authorizer", authorizer, "the authorizer's error log lines (a failed IsAuthorizedWithToken call, a misconfiguration), then recent policy or deployment changes");
        }

        Add("BackendDuration", "backend-p99-duration-near-timeout",
            $"Backend p99 duration is at least {props.BackendDurationThreshold.ToMilliseconds()} ms of its {props.Backend.Timeout.ToSeconds()} s timeout: requests are about to time out.",
            "X-Ray traces of slow requests, then the backend's memory size (more memory is more CPU).",
            Signals.LambdaDurationP99(props.Backend.Function.FunctionName), props.BackendDurationThreshold.ToMilliseconds(), periods: 3, datapoints: 2);
        foreach (var trigger in props.Triggers)
        {
            AddTriggerAlarms(trigger);
        }

        AddUserPoolAlarms();
        foreach (var webAcl in props.WebAclMetricNames.Distinct(StringComparer.Ordinal))
        {
            var shortName = ShortName(webAcl);
            Add($"WafBlocked{shortName}", $"waf-{shortName}-blocked-requests-spike",
                $"Web ACL {webAcl} blocked at least {props.WafBlockedRequests} requests in 5 minutes: an attack, or a rule blocking real users.",
                "the web ACL's sampled requests (WAF console) for the rule and client IPs that were blocked.",
                Signals.WafBlockedRequests(webAcl, Stack.Of(this).Region), props.WafBlockedRequests);
        }
    }

    /// <summary>Every alarm, in the order created.</summary>
    public IReadOnlyList<Alarm> All => _alarms;

    /// <summary>The custom metric counting a trigger's ERROR log lines.</summary>
    public Metric TriggerErrorLines(string trigger) => Signals.Custom(_props.MetricNamespace, $"{trigger}ErrorLines");

    /// <summary>A web ACL's metric name without the name prefix they share (<c>CognitoStack-prod-UserPool</c> is <c>UserPool</c>).</summary>
    private string ShortName(string webAclMetricName) =>
        webAclMetricName.StartsWith($"{_props.NamePrefix}-", StringComparison.Ordinal) ? webAclMetricName[(_props.NamePrefix.Length + 1)..] : webAclMetricName;

    private void AddApiAlarms()
    {
        var (name, stage) = _props.Api;
        Add("ApiErrorRate", "api-5xx-error-rate",
            $"At least {_props.ApiErrorRatePercent}% of API requests failed with 5XX in 2 of the last 3 periods of 5 minutes (counted from {Signals.MinimumRequestsForErrorRate} requests).",
            "the backend's errors and the API's access log (status, resourcePath), then recent deployments.",
            Signals.ApiErrorRate(name, stage), _props.ApiErrorRatePercent, periods: 3, datapoints: 2);
        Add("ApiLatency", "api-p99-latency",
            $"API p99 latency is at least {_props.ApiLatencyP99.ToMilliseconds()} ms for 15 minutes.",
            "the backend's p99 duration and X-Ray traces; then throttling of the stage.",
            Signals.ApiLatencyP99(name, stage), _props.ApiLatencyP99.ToMilliseconds(), periods: 3, datapoints: 3);
    }

    private void AddFunctionAlarms(string name, IFunction function, string checkFirst, Metric? rejections = null)
    {
        var slug = name.ToLowerInvariant();
        Add($"{name}Errors", $"{slug}-errors",
            rejections is null
                ? $"{name} function invocations failed (threw, timed out or ran out of memory)."
                : $"{name} function invocations failed beyond its deliberate refusals (timed out, ran out of memory or crashed).",
            checkFirst + ".",
            rejections is null ? Signals.LambdaErrors(function.FunctionName) : Signals.ErrorsBeyond(function.FunctionName, rejections), 1);
        Add($"{name}Throttles", $"{slug}-throttles", $"{name} function invocations were throttled: the account or function is out of concurrency.",
            "the account's concurrent executions in this region and any reserved concurrency.", Signals.LambdaThrottles(function.FunctionName), 1);
    }

    private void AddUserPoolAlarms()
    {
        var (poolId, clients) = _props.UserPool;
        var throttles = new List<(string Metric, string Slug, IMetric Signal)>
        {
            ("SignInThrottles", "signin", Signals.UserPoolSum("SignInThrottles", poolId, clients)),
            ("SignUpThrottles", "signup", Signals.UserPoolSum("SignUpThrottles", poolId, [.. clients, Signals.AdminClient])),
            ("TokenRefreshThrottles", "token-refresh", Signals.UserPoolSum("TokenRefreshThrottles", poolId, clients)),
        };
        if (_props.Federation)
        {
            throttles.Add(("FederationThrottles", "federation", Signals.FederationSum("FederationThrottles", poolId)));
        }

        foreach (var (metric, slug, signal) in throttles)
        {
            Add($"UserPool{metric}", $"userpool-{slug}-throttled",
                $"Cognito throttled {metric.Replace("Throttles", string.Empty, StringComparison.Ordinal)} requests: users are failing to get in.",
                "the user pool's request-rate quotas (Service Quotas, Amazon Cognito) and which client sends the burst.",
                signal, 1);
        }

        if (!_props.ThreatProtection)
        {
            return;
        }

        foreach (var (metric, slug) in new[] { ("CompromisedCredentialRisk", "compromised-credentials"), ("AccountTakeoverRisk", "account-takeover-risk") })
        {
            Add($"UserPool{metric}", $"userpool-{slug}",
                $"Threat protection rated at least {_props.RiskyRequests} requests in 5 minutes as high {slug.Replace('-', ' ')} risk.",
                "the exported user-activity log (userAuthEvents) for the users and IPs involved.",
                Signals.HighRisk(metric, poolId), _props.RiskyRequests);
        }
    }

    private void Add(string id, string slug, string meaning, string checkFirst, IMetric metric, double threshold, int periods = 1, int datapoints = 1)
    {
        var alarm = new Alarm(this, id, new AlarmProps
        {
            AlarmName = $"{_props.NamePrefix}-{slug}",
            AlarmDescription = $"{meaning} Check first: {checkFirst} Runbook: docs/monitoring.md.",
            Metric = metric,
            Threshold = threshold,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            EvaluationPeriods = periods,
            DatapointsToAlarm = datapoints,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(_actions);
        alarm.AddOkAction(_actions);
        _alarms.Add(alarm);
    }
}
