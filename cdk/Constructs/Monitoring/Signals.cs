using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;

namespace CognitoStack.Cdk.Constructs.Monitoring;

/// <summary>
/// The CloudWatch metrics the alarms and the dashboard watch, with namespaces, names and dimensions exactly
/// as AWS documents them (the page is cited beside each). Every metric is a 5-minute aggregate.
/// </summary>
public static class Signals
{
    /// <summary>The period every signal is aggregated over.</summary>
    public static readonly Duration Period = Duration.Minutes(5);

    /// <summary>Below this many requests in a period the API error rate counts as 0 (one failed request of two is no outage).</summary>
    public const int MinimumRequestsForErrorRate = 20;

    /// <summary>
    /// The <c>UserPoolClient</c> dimension value Cognito uses for requests an administrator made. AWS documents
    /// it for the sign-up metrics only (<c>SignUpSuccesses</c>, <c>SignUpThrottles</c>); sign-in, token-refresh
    /// and federation metrics carry real client ids (or <c>Invalid</c>).
    /// https://docs.aws.amazon.com/cognito/latest/developerguide/metrics-for-cognito-user-pools.html
    /// </summary>
    public const string AdminClient = "Admin";

    // API Gateway REST API: namespace AWS/ApiGateway, dimensions ApiName and Stage; Count (the SampleCount
    // statistic is the number of requests), 5XXError (Sum), Latency.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html

    /// <summary>Requests to the API stage (<c>Count</c>, SampleCount: the statistic AWS documents for it).</summary>
    public static Metric ApiRequests(string apiName, string stage) => Api("Count", apiName, stage, Stats.SAMPLE_COUNT);

    /// <summary>Server-side errors of the API stage (<c>5XXError</c>, Sum).</summary>
    public static Metric ApiServerErrors(string apiName, string stage) => Api("5XXError", apiName, stage, Stats.SUM);

    /// <summary>Request latency of the API stage, p99 (<c>Latency</c>, milliseconds).</summary>
    public static Metric ApiLatencyP99(string apiName, string stage) => Api("Latency", apiName, stage, Stats.Percentile(99));

    /// <summary>5XX responses as a percentage of requests; 0 below <see cref="MinimumRequestsForErrorRate"/> requests.</summary>
    public static MathExpression ApiErrorRate(string apiName, string stage) => new(new MathExpressionProps
    {
        Expression = $"IF(requests >= {MinimumRequestsForErrorRate}, 100 * errors / requests, 0)",
        UsingMetrics = new Dictionary<string, IMetric>
        {
            ["errors"] = ApiServerErrors(apiName, stage),
            ["requests"] = ApiRequests(apiName, stage),
        },
        Label = "5XX error rate (%)",
        Period = Period,
    });

    // Lambda: namespace AWS/Lambda, dimension FunctionName; Errors, Throttles (Sum), Duration (milliseconds).
    // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html

    /// <summary>Invocations that ended in a function error (<c>Errors</c>, Sum).</summary>
    public static Metric LambdaErrors(string functionName) => Lambda("Errors", functionName, Stats.SUM);

    /// <summary>
    /// Function errors beyond <paramref name="expected"/> ones, such as a pre sign-up trigger's deliberate refusals
    /// (a count from its log lines; missing data counts as 0).
    /// </summary>
    public static MathExpression ErrorsBeyond(string functionName, IMetric expected) => new(new MathExpressionProps
    {
        Expression = "errors - FILL(expected, 0)",
        UsingMetrics = new Dictionary<string, IMetric> { ["errors"] = LambdaErrors(functionName), ["expected"] = expected },
        Label = "Errors beyond refusals",
        Period = Period,
    });

    /// <summary>Invocations refused for lack of concurrency (<c>Throttles</c>, Sum).</summary>
    public static Metric LambdaThrottles(string functionName) => Lambda("Throttles", functionName, Stats.SUM);

    /// <summary>Run time, p99 (<c>Duration</c>, milliseconds).</summary>
    public static Metric LambdaDurationP99(string functionName) => Lambda("Duration", functionName, Stats.Percentile(99));

    // Cognito user pools: namespace AWS/Cognito. SignUp/SignIn/TokenRefresh Successes and Throttles have the
    // dimensions UserPool and UserPoolClient ("Admin" for admin sign-ups); Federation Successes and Throttles
    // have UserPool, UserPoolClient and IdentityProvider. CloudWatch matches the exact dimension set, so a
    // federation metric read with two dimensions reads nothing.
    // https://docs.aws.amazon.com/cognito/latest/developerguide/metrics-for-cognito-user-pools.html

    /// <summary>
    /// <paramref name="metricName"/> (for example <c>SignInThrottles</c>) summed over the given app clients:
    /// Cognito publishes these metrics per client only.
    /// </summary>
    public static MathExpression UserPoolSum(string metricName, string userPoolId, IReadOnlyList<string> clientIds) => new(new MathExpressionProps
    {
        Expression = $"SUM([{string.Join(", ", clientIds.Select((_, i) => $"{Id(metricName)}{i}"))}])",
        UsingMetrics = clientIds
            .Select((client, i) => (Id: $"{Id(metricName)}{i}", Metric: Of("AWS/Cognito", metricName, Stats.SUM, ("UserPool", userPoolId), ("UserPoolClient", client))))
            .ToDictionary(m => m.Id, m => (IMetric)m.Metric),
        Label = metricName,
        Period = Period,
    });

    /// <summary>
    /// <paramref name="metricName"/> (<c>FederationThrottles</c> or <c>FederationSuccesses</c>) summed over
    /// every app client and identity provider of the pool, as a CloudWatch Metrics Insights query: it needs
    /// no list of provider names (the <c>IdentityProvider</c> values are not documented) and is not bound by
    /// the 10 metrics a metric-math alarm may read.
    /// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-metrics-insights-alarms.html,
    /// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-data-queries.html
    /// </summary>
    public static MathExpression FederationSum(string metricName, string userPoolId) => new(new MathExpressionProps
    {
        Expression = $"SELECT SUM({metricName}) FROM SCHEMA(\"AWS/Cognito\", IdentityProvider, UserPool, UserPoolClient) WHERE UserPool = '{userPoolId}'",
        Label = metricName,
        Period = Period,
    });

    // Threat protection: namespace AWS/Cognito, metrics CompromisedCredentialRisk and AccountTakeoverRisk,
    // dimensions Operation (PasswordChange, SignIn, SignUp), UserPoolId and RiskLevel (high, medium, low).
    // https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-viewing-threat-protection-metrics.html

    /// <summary>High-risk requests of <paramref name="metricName"/> summed over the operations Cognito reports.</summary>
    public static MathExpression HighRisk(string metricName, string userPoolId) => new(new MathExpressionProps
    {
        Expression = $"SUM([{string.Join(", ", RiskOperations.Select(o => Id(metricName + o)))}])",
        UsingMetrics = RiskOperations.ToDictionary(o => Id(metricName + o), o => (IMetric)Risk(metricName, userPoolId, o)),
        Label = $"{metricName} (high)",
        Period = Period,
    });

    // WAF: namespace AWS/WAFV2, dimensions Region, WebACL (the web ACL's visibility metric name) and Rule
    // ("ALL" for the web ACL as a whole).
    // https://docs.aws.amazon.com/waf/latest/developerguide/waf-metrics.html

    /// <summary>Requests a web ACL blocked (<c>BlockedRequests</c>, Sum).</summary>
    public static Metric WafBlockedRequests(string webAclMetricName, string region) =>
        Of("AWS/WAFV2", "BlockedRequests", Stats.SUM, ("WebACL", webAclMetricName), ("Region", region), ("Rule", "ALL"));

    // SNS: namespace AWS/SNS, dimension TopicName; NumberOfNotificationsFailed.
    // https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html

    /// <summary>Messages of a topic that SNS could not deliver (<c>NumberOfNotificationsFailed</c>, Sum).</summary>
    public static Metric TopicDeliveryFailures(string topicName) =>
        Of("AWS/SNS", "NumberOfNotificationsFailed", Stats.SUM, ("TopicName", topicName));

    /// <summary>A custom metric from a log metric filter (Sum).</summary>
    public static Metric Custom(string metricNamespace, string metricName) => Of(metricNamespace, metricName, Stats.SUM);

    private static readonly string[] RiskOperations = ["SignIn", "SignUp", "PasswordChange"];

    /// <summary>A metric-math id (lower camel case), unique per metric name so that graphs can combine expressions.</summary>
    private static string Id(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static Metric Api(string metricName, string apiName, string stage, string statistic) =>
        Of("AWS/ApiGateway", metricName, statistic, ("ApiName", apiName), ("Stage", stage));

    private static Metric Lambda(string metricName, string functionName, string statistic) =>
        Of("AWS/Lambda", metricName, statistic, ("FunctionName", functionName));

    private static Metric Risk(string metricName, string userPoolId, string operation) =>
        Of("AWS/Cognito", metricName, Stats.SUM, ("Operation", operation), ("UserPoolId", userPoolId), ("RiskLevel", "high"));

    private static Metric Of(string metricNamespace, string metricName, string statistic, params (string Name, string Value)[] dimensions) => new(new MetricProps
    {
        Namespace = metricNamespace,
        MetricName = metricName,
        DimensionsMap = dimensions.ToDictionary(d => d.Name, d => d.Value),
        Statistic = statistic,
        Period = Period,
    });
}
