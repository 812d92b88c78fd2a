using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="LogEncryptionKey"/>.</summary>
public sealed record LogEncryptionKeyProps
{
    /// <summary>What happens to the key when it leaves the stack: the same as for the log groups it encrypts.</summary>
    public required RemovalPolicy RemovalPolicy { get; init; }
}

/// <summary>
/// A customer managed key (rotation on) that CloudWatch Logs of this stack's region may use for log groups of
/// this account only, for the stack's own log groups (AWS Control Tower CT.CLOUDWATCH.PR.3). Writers and readers
/// need no key permission: CloudWatch Logs encrypts and decrypts for them.
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
/// </summary>
public sealed class LogEncryptionKey : Construct
{
    /// <summary>Creates the key and its policy.</summary>
    public LogEncryptionKey(Construct scope, string id, LogEncryptionKeyProps props)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        var key = new Key(this, "Key", new KeyProps
        {
            Description = $"Encrypts the log groups of {stack.StackName}",
            EnableKeyRotation = true,
            // A retained log group must stay readable: the key goes only where the log groups go.
            RemovalPolicy = props.RemovalPolicy,
        });
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchLogsOfThisAccount",
            Principals = [new ServicePrincipal($"logs.{stack.Region}.amazonaws.com")],
            Actions = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["kms:EncryptionContext:aws:logs:arn"] = stack.FormatArn(new ArnComponents
                    {
                        Service = "logs",
                        Resource = "log-group",
                        ResourceName = "*",
                        ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
                    }),
                },
            },
        }));
        KeyPolicies.LimitGrantsToAwsServices(key);
        Key = key;
    }

    /// <summary>The key.</summary>
    public IKey Key { get; }
}
