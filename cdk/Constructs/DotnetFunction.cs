using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Alias = Amazon.CDK.AWS.Lambda.Alias;
using AliasProps = Amazon.CDK.AWS.Lambda.AliasProps;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="DotnetFunction"/>.</summary>
public sealed record DotnetFunctionProps
{
    /// <summary>The published project.</summary>
    public required Code Code { get; init; }

    /// <summary>The handler, <c>Assembly::Namespace.Class::Method</c> (Stream in, Stream out).</summary>
    public required string Handler { get; init; }

    /// <summary>What the function is for.</summary>
    public required string Description { get; init; }

    /// <summary>Memory in MB.</summary>
    public required int MemorySizeMb { get; init; }

    /// <summary>Timeout in seconds.</summary>
    public required int TimeoutSeconds { get; init; }

    /// <summary>Who invokes the function synchronously (explains why it has no dead-letter queue).</summary>
    public required string SynchronousCaller { get; init; }

    /// <summary>
    /// Why an asynchronously invoked function has no dead-letter queue. Left out: the function is invoked
    /// synchronously by <see cref="SynchronousCaller"/>.
    /// </summary>
    public string? DeadLetterQueueReason { get; init; }

    /// <summary>Environment variables the function reads at start-up.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Retention of the function's log group.</summary>
    public required RetentionDays LogRetention { get; init; }

    /// <summary>What happens to the log group when it leaves the stack.</summary>
    public required RemovalPolicy LogRemovalPolicy { get; init; }

    /// <summary>The customer managed key the log group is encrypted with (see <see cref="LogEncryptionKey"/>).</summary>
    public required IKey LogEncryptionKey { get; init; }

    /// <summary>
    /// Whether Lambda SnapStart snapshots each published version, which callers then reach through the
    /// <see cref="DotnetFunction.LiveAlias"/> alias. Default false: callers invoke the unpublished function.
    /// </summary>
    public bool SnapStart { get; init; }

    /// <summary>
    /// Whether <see cref="Code"/> is a Native AOT <c>bootstrap</c>: the function then runs on the OS-only
    /// runtime <c>provided.al2023</c>, which passes <see cref="Handler"/> to the bootstrap in <c>_HANDLER</c>.
    /// Default false: the managed <c>dotnet10</c> runtime loads <see cref="Handler"/> from the package.
    /// </summary>
    public bool NativeAot { get; init; }
}

/// <summary>
/// A .NET function on the managed <c>dotnet10</c> runtime (arm64) with JSON logs in its own KMS-encrypted log
/// group, active tracing, and a role that may write only to that log group (no AWS managed policy). With
/// SnapStart, every deployment publishes a version that Lambda snapshots after initialization, and the
/// <see cref="LiveAlias"/> alias points at it; <see cref="Invocable"/> is what callers should invoke.
/// </summary>
public sealed class DotnetFunction : Construct
{
    /// <summary>The managed .NET 10 runtime; aws-cdk-lib 2.160 has no constant for it.</summary>
    public static readonly Runtime Dotnet10 = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    /// <summary>The alias callers invoke when SnapStart is on.</summary>
    public const string LiveAlias = "live";

    /// <summary>Creates the function, its log group and role.</summary>
    public DotnetFunction(Construct scope, string id, DotnetFunctionProps props)
        : base(scope, id)
    {
        if (props.NativeAot && props.SnapStart)
        {
            throw new ArgumentException("SnapStart needs a managed runtime; a Native AOT bootstrap runs on provided.al2023", nameof(props));
        }

        var logGroup = LogGroup = new LogGroup(this, "LogGroup", new LogGroupProps
        {
            Retention = props.LogRetention,
            RemovalPolicy = props.LogRemovalPolicy,
            EncryptionKey = props.LogEncryptionKey,
        });

        // A role of our own instead of the AWS managed basic execution role, which may write to every log group.
        var role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"{props.Description}: write its own logs and traces",
        });
        logGroup.Grant(role, "logs:CreateLogStream", "logs:PutLogEvents");

        Function = new Function(this, "Function", new FunctionProps
        {
            CurrentVersionOptions = new VersionOptions { RemovalPolicy = RemovalPolicy.DESTROY },
            Runtime = props.NativeAot ? Runtime.PROVIDED_AL2023 : Dotnet10,
            Architecture = Architecture.ARM_64,
            Handler = props.Handler,
            Code = props.Code,
            MemorySize = props.MemorySizeMb,
            Timeout = Duration.Seconds(props.TimeoutSeconds),
            Tracing = Tracing.ACTIVE,
            LoggingFormat = LoggingFormat.JSON,
            ApplicationLogLevelV2 = ApplicationLogLevel.INFO,
            SystemLogLevelV2 = SystemLogLevel.WARN,
            LogGroup = logGroup,
            Role = role,
            Environment = props.Environment.ToDictionary(),
            Description = props.Description,
        });

        Invocable = props.SnapStart ? PublishWithSnapStart(Function) : Function;

        NagSuppressions.Add(role.Node.FindChild("DefaultPolicy"), "AwsSolutions-IAM5",
            "X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; the CDK grants them on * for active tracing.",
            "Resource::*");
        NagSuppressions.Add(Function, "Serverless-LambdaDLQ", props.DeadLetterQueueReason
            ?? $"Invoked synchronously by {props.SynchronousCaller}: a failed request is returned to the caller, there is nothing to redeliver.");
    }

    /// <summary>The function.</summary>
    public Function Function { get; }

    /// <summary>
    /// What callers invoke: the <see cref="LiveAlias"/> alias with SnapStart (a qualified ARN, so every
    /// call reaches the snapshotted version), otherwise the function itself.
    /// </summary>
    public IFunction Invocable { get; }

    /// <summary>The alias of the current version; null without SnapStart.</summary>
    public Alias? Alias { get; private set; }

    /// <summary>The function's own log group.</summary>
    public ILogGroup LogGroup { get; }

    /// <summary>The function's execution role.</summary>
    public IRole Role => Function.Role!;

    // SnapStart applies to published versions only (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html):
    // aws-cdk-lib 2.160's FunctionProps.SnapStart accepts Java only, so the L1 property is set. currentVersion
    // publishes a new version whenever the code or configuration changes; the replaced version is deleted
    // (RemovalPolicy DESTROY), so no old snapshot keeps being billed for its cache.
    private Alias PublishWithSnapStart(Function function)
    {
        ((CfnFunction)function.Node.DefaultChild!).SnapStart = new CfnFunction.SnapStartProperty { ApplyOn = "PublishedVersions" };
        Alias = new Alias(this, "LiveAlias", new AliasProps
        {
            AliasName = LiveAlias,
            Version = function.CurrentVersion,
            Description = "The current version, snapshotted by SnapStart; API Gateway and Cognito invoke this alias",
        });
        return Alias;
    }
}
