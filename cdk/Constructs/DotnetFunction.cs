using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using CognitoStack.Cdk.Configuration;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="BackendFunction"/>.</summary>
public sealed record BackendFunctionProps
{
    /// <summary>The published backend.</summary>
    public required Code Code { get; init; }

    /// <summary>Memory and timeout.</summary>
    public required BackendSettings Settings { get; init; }

    /// <summary>Environment variables the backend reads at start-up.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Retention of the function's log group.</summary>
    public required RetentionDays LogRetention { get; init; }

    /// <summary>Whether the log group survives removal from the stack.</summary>
    public required bool RetainLogs { get; init; }
}

/// <summary>
/// The sample backend: a .NET function on the managed <c>dotnet10</c> runtime (arm64) with JSON logs
/// in its own retained log group, active tracing, and a role that may write only to that log group.
/// </summary>
public sealed class BackendFunction : Construct
{
    /// <summary>The managed .NET 10 runtime; aws-cdk-lib 2.160 has no constant for it.</summary>
    public static readonly Runtime Dotnet10 = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    /// <summary>The handler the backend assembly exposes (Stream in, Stream out).</summary>
    public const string Handler = "CognitoStack.Backend::CognitoStack.Backend.Function::Handle";

    /// <summary>Creates the function, its log group and role.</summary>
    public BackendFunction(Construct scope, string id, BackendFunctionProps props)
        : base(scope, id)
    {
        var logGroup = new LogGroup(this, "LogGroup", new LogGroupProps
        {
            Retention = props.LogRetention,
            RemovalPolicy = props.RetainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });

        // A role of our own instead of the AWS managed basic execution role, which may write to every log group.
        var role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "Backend function: write its own logs and traces",
        });
        logGroup.Grant(role, "logs:CreateLogStream", "logs:PutLogEvents");

        Function = new Function(this, "Function", new FunctionProps
        {
            Runtime = Dotnet10,
            Architecture = Architecture.ARM_64,
            Handler = Handler,
            Code = props.Code,
            MemorySize = props.Settings.MemorySizeMb,
            Timeout = Duration.Seconds(props.Settings.TimeoutSeconds),
            Tracing = Tracing.ACTIVE,
            LoggingFormat = LoggingFormat.JSON,
            ApplicationLogLevelV2 = ApplicationLogLevel.INFO,
            SystemLogLevelV2 = SystemLogLevel.WARN,
            LogGroup = logGroup,
            Role = role,
            Environment = props.Environment.ToDictionary(),
            Description = "CognitoStack sample backend",
        });

        NagSuppressions.Add(role.Node.FindChild("DefaultPolicy"), "AwsSolutions-IAM5",
            "X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; the CDK grants them on * for active tracing.",
            "Resource::*");
        NagSuppressions.Add(Function, "Serverless-LambdaDLQ",
            "Invoked synchronously by API Gateway: a failed request is returned to the caller, there is nothing to redeliver.");
    }

    /// <summary>The function.</summary>
    public Function Function { get; }
}
