using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.Lambda;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Constructs;
using CognitoStack.Contract;
using Constructs;

namespace CognitoStack.Cdk.Stacks;

/// <summary>What the replica Region's stack needs from outside.</summary>
public sealed record ReplicaStackProps
{
    /// <summary>The published (or, in tests, unbundled) triggers.</summary>
    public required Code TriggersCode { get; init; }

    /// <summary>What happens to log groups when they leave the stack.</summary>
    public required RemovalPolicy RemovalPolicy { get; init; }

    /// <summary>Stack properties (name, the replica Region, termination protection).</summary>
    public required IStackProps StackProps { get; init; }
}

/// <summary>
/// The user pool's secondary Region (<c>CognitoStack-ENV-Identity-REGION</c>): the key's replica and, once
/// the replica exists, what that Region needs of its own — the pre token generation trigger, the regional
/// configuration (status, email, triggers), the log export and the web ACL. The pool id and the primary
/// key ARN come from SSM parameters in this Region (copied once from the primary, see docs/replication.md),
/// not from a cross-Region export.
/// </summary>
public sealed class ReplicaStack : Stack
{
    /// <summary>Wires the replica Region's resources.</summary>
    public ReplicaStack(Construct scope, string id, EnvironmentSettings settings, ReplicaStackProps props)
        : base(scope, id, props.StackProps)
    {
        var replication = settings.Replication;
        var prefix = ParameterPrefix(settings);
        var poolId = FromParameter("UserPoolId", $"{prefix}/{UserPoolReplication.UserPoolIdParameter}",
            "Id of the replicated user pool: SSM parameter copied from the primary Region");
        UserPool = Amazon.CDK.AWS.Cognito.UserPool.FromUserPoolId(this, "UserPool", poolId);
        var configure = replication.Status != ReplicaStatus.KeyOnly;

        if (configure && settings.Triggers.PreTokenGeneration)
        {
            // Post confirmation is left out: a secondary confirms no one (it cannot create users).
            Triggers = new TriggerFunctions(this, "Triggers", new TriggerFunctionsProps
            {
                UserPool = UserPool,
                PreTokenGeneration = true,
                PostConfirmation = false,
                MachineTokenClaims = settings.Triggers.MachineTokenClaims,
                NativeAot = settings.Triggers.Publish == LambdaPublish.NativeAot,
                Code = props.TriggersCode,
                AdminGroup = GroupNames.Admin,
                DefaultGroup = GroupNames.Users,
                LogRetention = LogRetentionPeriods.FromDays(settings.LogRetentionDays),
                LogRemovalPolicy = props.RemovalPolicy,
                LogEncryptionKey = new LogEncryptionKey(this, "LogKey", new LogEncryptionKeyProps { RemovalPolicy = props.RemovalPolicy }).Key,
            });
        }

        Regional = new ReplicaRegionalConfiguration(this, "Regional", new ReplicaRegionalConfigurationProps
        {
            UserPool = UserPool,
            PrimaryKeyArn = replication.ExistingKeyArn is null
                ? FromParameter("PrimaryKeyArn", $"{prefix}/{UserPoolReplication.KeyArnParameter}",
                    "ARN of the user pool's multi-Region key in the primary Region: SSM parameter copied from the primary Region")
                : null,
            Configure = configure,
            Status = replication.Status == ReplicaStatus.Active ? "ACTIVE" : "INACTIVE",
            Email = Email(settings),
            PreTokenGeneration = Triggers?.PreTokenGeneration?.Invocable,
            PreTokenGenerationVersion = TriggerFunctions.PreTokenGenerationVersion(settings.Triggers.MachineTokenClaims),
        });

        if (!configure)
        {
            return;
        }

        LogExport = new UserPoolLogExport(this, "UserPoolLogs", new UserPoolLogExportProps
        {
            UserPool = UserPool,
            ExportUserAuthEvents = settings.UserPool.FeaturePlan == FeaturePlan.Plus
                && settings.UserPool.ThreatProtection != ThreatProtectionMode.Off,
            Retention = LogRetentionPeriods.FromDays(settings.LogRetentionDays),
            RemovalPolicy = props.RemovalPolicy,
        });
        if (settings.Waf.Enabled)
        {
            UserPoolWebAcl = new WebAcl(this, "UserPoolWebAcl", new WebAclProps
            {
                Target = WebAclTarget.UserPool,
                ResourceArn = UserPool.UserPoolArn,
                RateLimitPer5Minutes = settings.Waf.RateLimitPer5Minutes,
                // Named for the Region too, so no two web ACLs of the app share a metric name.
                MetricNamePrefix = $"CognitoStack-{settings.Name}-{replication.Region}",
            });
        }
    }

    /// <summary>The replica user pool (imported: same id as the primary, this Region).</summary>
    public IUserPool UserPool { get; }

    /// <summary>The key replica and the regional configuration.</summary>
    public ReplicaRegionalConfiguration Regional { get; }

    /// <summary>This Region's trigger functions; null while the replica does not exist or without pre token generation.</summary>
    public TriggerFunctions? Triggers { get; }

    /// <summary>The replica's exported logs; null while the replica does not exist.</summary>
    public UserPoolLogExport? LogExport { get; }

    /// <summary>The replica's web ACL; null without WAF or while the replica does not exist.</summary>
    public WebAcl? UserPoolWebAcl { get; }

    /// <summary>Where the primary publishes, and this stack reads, the pool id and the key ARN.</summary>
    public static string ParameterPrefix(EnvironmentSettings settings) => $"/cognitostack/{settings.Name}/replication";

    private string FromParameter(string id, string name, string description) =>
        new CfnParameter(this, id, new CfnParameterProps
        {
            Type = "AWS::SSM::Parameter::Value<String>",
            Default = name,
            Description = description,
        }).ValueAsString;

    /// <summary>
    /// The replica's email: through SES, the same identity verified in this Region (SES identities are
    /// regional); otherwise Cognito's sender.
    /// </summary>
    private Dictionary<string, string> Email(EnvironmentSettings settings)
    {
        var email = settings.Email;
        if (email.Sender != EmailSender.Ses)
        {
            return new() { ["EmailSendingAccount"] = "COGNITO_DEFAULT" };
        }

        var from = email.FromAddress!;
        var result = new Dictionary<string, string>
        {
            ["EmailSendingAccount"] = "DEVELOPER",
            ["SourceArn"] = Arn.Format(new ArnComponents { Service = "ses", Resource = "identity", ResourceName = email.SesIdentity! }, this),
            ["From"] = from.DisplayName is null ? from.Address : $"{from.DisplayName} <{from.Address}>",
        };
        if (email.ReplyTo is { } replyTo)
        {
            result["ReplyToEmailAddress"] = replyTo;
        }

        if (email.ConfigurationSet is { } set)
        {
            result["ConfigurationSet"] = set;
        }

        return result;
    }
}
