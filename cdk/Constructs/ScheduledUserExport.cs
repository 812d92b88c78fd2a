using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using CognitoStack.Contract;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="ScheduledUserExport"/>.</summary>
public sealed record ScheduledUserExportProps
{
    /// <summary>The pool to export.</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>The published export project.</summary>
    public required Code Code { get; init; }

    /// <summary>Whether <see cref="Code"/> is a Native AOT bootstrap (<see cref="DotnetFunctionProps.NativeAot"/>). Default false.</summary>
    public bool NativeAot { get; init; }

    /// <summary>When the export runs (an EventBridge rate expression).</summary>
    public required Schedule Schedule { get; init; }

    /// <summary>How long one export may run (the schedule's interval, so two exports never overlap).</summary>
    public required Duration ExportTimeout { get; init; }

    /// <summary>The export's share of Cognito's <c>UserList</c> quota: partitions at once and each one's pace.</summary>
    public required ExportRate Rate { get; init; }

    /// <summary>How long each exported object is locked (Object Lock, in <see cref="LockMode"/>).</summary>
    public required Duration LockRetention { get; init; }

    /// <summary>The Object Lock mode. Default governance.</summary>
    public ObjectLockMode LockMode { get; init; } = ObjectLockMode.GOVERNANCE;

    /// <summary>When exported objects expire (lifecycle; at least <see cref="LockRetention"/>).</summary>
    public required Duration ExpireAfter { get; init; }

    /// <summary>Namespace of the metrics the export emits.</summary>
    public required string MetricNamespace { get; init; }

    /// <summary>Retention of the function's log group.</summary>
    public required RetentionDays LogRetention { get; init; }

    /// <summary>The stack's key for its log groups (AWS Control Tower CT.CLOUDWATCH.PR.3).</summary>
    public required IKey LogEncryptionKey { get; init; }
}

/// <summary>
/// The scheduled user export (issues #19, #27): an EventBridge schedule starts a state machine
/// (<see cref="UserExportStateMachine"/>) whose steps, run by the export function, write every user and group
/// membership to a dedicated <see cref="LockedBucket"/> (Object Lock in governance mode by default, compliance by
/// setting), the same kind of bucket the vault holds the copies in. Only the export role may write; the bucket policy
/// denies every principal deleting objects or versions, bypassing governance retention and changing the lock
/// configuration, and no role here is granted any of those.
/// </summary>
public sealed class ScheduledUserExport : Construct
{
    /// <summary>Lambda's most: the export checkpoints well before it.</summary>
    public const int TimeoutSeconds = 900;

    /// <summary>What one invocation reads for before it checkpoints: 2 minutes to finish the file and hand over.</summary>
    public const int TimeBudgetSeconds = 780;

    /// <summary>Creates the key, the bucket (with its access-log bucket), the function, the state machine and the schedule.</summary>
    public ScheduledUserExport(Construct scope, string id, ScheduledUserExportProps props)
        : base(scope, id)
    {
        Key = LockedBucket.CreateKey(this, "Encrypts the user exports (SSE-KMS)");
        Bucket = LockedBucket.Create(this, new LockedBucketProps
        {
            Key = Key,
            Retention = LockedBucket.Retention(props.LockMode, props.LockRetention),
            ExpireAfter = props.ExpireAfter,
            ExpiryRuleId = "ExpireExports",
            AccessLogPrefix = "exports/",
        });
        Function = CreateFunction(props);
        var role = Function.Role;

        // Named actions only (the L2 grants add wildcards and s3:PutObjectRetention): write and read back exports.
        // The bucket holds this one pool's exports only, so exports/* is its pool's folder.
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:PutObject", "s3:GetObject"],
            Resources = [Bucket.ArnForObjects(UserExportFormat.RootPrefix + "*")],
        }));
        Key.Grant(role, "kms:GenerateDataKey", "kms:Decrypt");
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["cognito-idp:ListUsers", "cognito-idp:ListGroups", "cognito-idp:ListUsersInGroup"],
            Resources = [props.UserPool.UserPoolArn],
        }));
        OnlyTheExportRoleWrites(role);

        NagSuppressions.Add(role.Node.FindChild("DefaultPolicy"), "AwsSolutions-IAM5",
            "Each export is a folder of objects under exports/ (exports/<pool>/<startedAt>/...), written and read back by key; the bucket holds nothing else.",
            NagSuppressions.ObjectsFinding(Bucket, UserExportFormat.RootPrefix + "*"));
        Orchestration = new UserExportStateMachine(this, "Orchestration", new UserExportStateMachineProps
        {
            Function = Function.Function,
            MaxConcurrency = props.Rate.Concurrency,
            Timeout = props.ExportTimeout,
            LogRetention = props.LogRetention,
            LogEncryptionKey = props.LogEncryptionKey,
        });
        var rule = new Rule(this, "Schedule", new RuleProps
        {
            Description = "Starts the user export",
            Schedule = props.Schedule,
            Targets = [new SfnStateMachine(Orchestration.StateMachine, new SfnStateMachineProps { RetryAttempts = 2 })],
        });
        NagSuppressions.Add(rule, "Serverless-EventBusDLQ",
            "A schedule tick that EventBridge could not deliver shows as user-export-missing after the schedule's interval plus 2 hours; a dead-letter queue would only hold an empty tick.");
    }

    /// <summary>The exports' customer-managed key.</summary>
    public Key Key { get; }

    /// <summary>The export bucket.</summary>
    public Bucket Bucket { get; }

    /// <summary>The export function.</summary>
    public DotnetFunction Function { get; }

    /// <summary>The state machine that runs the export and its log group.</summary>
    public UserExportStateMachine Orchestration { get; }

    private DotnetFunction CreateFunction(ScheduledUserExportProps props) =>
        new(this, "Export", new DotnetFunctionProps
        {
            Code = props.Code,
            Handler = LambdaHandlers.UserExport,
            NativeAot = props.NativeAot,
            Description = "Exports every user and group membership to the locked export bucket",
            MemorySizeMb = 1024,
            TimeoutSeconds = TimeoutSeconds,
            SynchronousCaller = "the export's state machine (each step, retried by the state machine)",
            Environment = new Dictionary<string, string>
            {
                [EnvironmentVariables.UserPoolId] = props.UserPool.UserPoolId,
                [EnvironmentVariables.ExportBucket] = Bucket.BucketName,
                [EnvironmentVariables.MetricNamespace] = props.MetricNamespace,
                [EnvironmentVariables.TimeBudgetSeconds] = TimeBudgetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [EnvironmentVariables.PartitionRequestsPerSecond] = props.Rate.PartitionRequestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [EnvironmentVariables.ExportRequestsPerSecond] = props.Rate.RequestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            LogRetention = props.LogRetention,
            LogRemovalPolicy = RemovalPolicy.RETAIN,
            LogEncryptionKey = props.LogEncryptionKey,
        });

    private void OnlyTheExportRoleWrites(IRole role)
    {
        Bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "OnlyTheExportRoleWrites",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["s3:PutObject"],
            Resources = [Bucket.ArnForObjects("*")],
            Conditions = new Dictionary<string, object>
            {
                ["ArnNotEquals"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = role.RoleArn },
            },
        }));
    }
}
