using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using CognitoStack.Contract;
using Constructs;
using S = CognitoStack.Contract.UserExportSteps;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="UserExportStateMachine"/>.</summary>
public sealed record UserExportStateMachineProps
{
    /// <summary>The export function (<see cref="UserExportSteps"/>).</summary>
    public required IFunction Function { get; init; }

    /// <summary>Partitions exported at once (the Distributed Map's MaxConcurrency).</summary>
    public required int MaxConcurrency { get; init; }

    /// <summary>How long one export may run: the schedule's interval, so two never overlap.</summary>
    public required Duration Timeout { get; init; }

    /// <summary>Retention of the state machine's log group.</summary>
    public required RetentionDays LogRetention { get; init; }

    /// <summary>The key the log group is encrypted with.</summary>
    public required IKey LogEncryptionKey { get; init; }
}

/// <summary>
/// The export's orchestration (issue #27), a Standard state machine: the groups step, looped while it returns
/// <c>continued</c>; a Distributed Map over the partitions, each looping its partition step; the finish. Retries are
/// declared here, not coded: Lambda's service and throttling errors, and the function's
/// <see cref="UserExportSteps.ThrottledError"/> (Cognito still throttling after a call's retries, checkpoint saved),
/// each with exponential backoff and full jitter
/// (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html,
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html). Every event is logged, without
/// execution data, to a KMS-encrypted log group; X-Ray traces every execution.
/// </summary>
public sealed class UserExportStateMachine : Construct
{
    /// <summary>Lambda errors Step Functions recommends retrying, and Lambda's own throttling.</summary>
    public static readonly string[] LambdaServiceErrors =
        ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.ClientExecutionTimeoutException", "Lambda.TooManyRequestsException"];

    private readonly IFunction _function;

    /// <summary>Creates the log group, the states and the state machine.</summary>
    public UserExportStateMachine(Construct scope, string id, UserExportStateMachineProps props)
        : base(scope, id)
    {
        _function = props.Function;
        var startedAt = JsonPath.StringAt("$$.Execution.StartTime");
        var groups = Step("Groups", new Dictionary<string, object> { [S.Step] = S.Groups, [S.StartedAt] = startedAt });
        var partition = Step("ExportPartition", new Dictionary<string, object>
        {
            [S.Step] = S.PartitionStep,
            [S.StartedAt] = JsonPath.StringAt("$." + S.StartedAt),
            [S.Partition] = JsonPath.StringAt("$." + S.Partition),
        });
        var partitions = new DistributedMap(this, "Partitions", new DistributedMapProps
        {
            ItemsPath = "$.result." + S.Partitions,
            ItemSelector = new Dictionary<string, object> { [S.StartedAt] = startedAt, [S.Partition] = JsonPath.StringAt("$$.Map.Item.Value") },
            MaxConcurrency = props.MaxConcurrency,
            MapExecutionType = StateMachineType.STANDARD,
            ResultPath = JsonPath.DISCARD,
        });
        partitions.ItemProcessor(partition.Next(Loop("PartitionDone", partition, new Succeed(this, "PartitionExported"))));
        var finish = Step("Finish", new Dictionary<string, object> { [S.Step] = S.Finish, [S.StartedAt] = startedAt });

        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = props.LogRetention,
            EncryptionKey = props.LogEncryptionKey,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        StateMachine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            Comment = "Exports every user and group membership: groups once, then the partitions, then the manifest",
            StateMachineType = StateMachineType.STANDARD,
            DefinitionBody = DefinitionBody.FromChainable(groups.Next(Loop("GroupsDone", groups, partitions.Next(finish)))),
            Timeout = props.Timeout,
            TracingEnabled = true,
            Logs = new LogOptions { Destination = LogGroup, Level = LogLevel.ALL, IncludeExecutionData = false },
        });
        SuppressWildcards(props.Function);
    }

    /// <summary>The state machine the schedule starts.</summary>
    public StateMachine StateMachine { get; }

    /// <summary>Its log group.</summary>
    public LogGroup LogGroup { get; }

    // One step: the function's result in $.result, the state's input (the map item) kept for the next loop.
    private LambdaInvoke Step(string id, IDictionary<string, object> payload)
    {
        var task = new LambdaInvoke(this, id, new LambdaInvokeProps
        {
            LambdaFunction = _function,
            Payload = TaskInput.FromObject(payload),
            PayloadResponseOnly = true,
            RetryOnServiceExceptions = false,
            ResultPath = "$.result",
        });
        task.AddRetry(new RetryProps
        {
            Errors = LambdaServiceErrors,
            Interval = Duration.Seconds(2),
            BackoffRate = 2,
            MaxAttempts = 6,
            JitterStrategy = JitterType.FULL,
        });
        task.AddRetry(new RetryProps
        {
            Errors = [UserExportSteps.ThrottledError],
            Interval = Duration.Seconds(30),
            BackoffRate = 2,
            MaxAttempts = 8,
            MaxDelay = Duration.Minutes(10),
            JitterStrategy = JitterType.FULL,
        });
        return task;
    }

    // The wildcards the L2 grants, each what AWS documents for the feature; nothing else of the role has one.
    private void SuppressWildcards(IFunction function)
    {
        var stack = Stack.Of(this);
        var functionId = stack.GetLogicalId((CfnElement)function.Node.DefaultChild!);
        var machineId = stack.GetLogicalId((CfnElement)StateMachine.Node.DefaultChild!);
        NagSuppressions.Add(StateMachine.Role.Node.FindChild("DefaultPolicy"), "AwsSolutions-IAM5",
            "Log delivery (logs:CreateLogDelivery …) and X-Ray (xray:PutTraceSegments …) take no resource-level permissions, so Step Functions documents Resource * for them (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html, https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html); lambda:InvokeFunction covers the one export function and its versions (<arn>:*), as the LambdaInvoke task grants it.",
            "Resource::*", $"Resource::<{functionId}.Arn>:*");
        NagSuppressions.Add(StateMachine.Node.FindChild("DistributedMapPolicy"), "AwsSolutions-IAM5",
            "The Distributed Map starts child executions of this state machine and describes or stops them: its own executions only (<state machine>:*), as the Distributed Map's IAM page describes (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html).",
            $"Resource::<{machineId}>:*");
    }

    private Choice Loop(string id, IChainable again, IChainable next) =>
        new Choice(this, id)
            .When(Condition.StringEquals("$.result." + S.Status, S.Continued), again)
            .Otherwise(next);
}
