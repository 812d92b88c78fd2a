using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="ReplicaRegionalConfiguration"/>.</summary>
public sealed record ReplicaRegionalConfigurationProps
{
    /// <summary>The replica user pool (same id as the primary, this Region).</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>ARN of the multi-Region primary key to replicate into this Region. Null: the key's replica already exists.</summary>
    public string? PrimaryKeyArn { get; init; }

    /// <summary>Whether the replica exists yet, so its regional configuration can be attached.</summary>
    public required bool Configure { get; init; }

    /// <summary>The replica's status: <c>ACTIVE</c> or <c>INACTIVE</c>.</summary>
    public required string Status { get; init; }

    /// <summary>
    /// The replica's email configuration, as CloudFormation's <c>EmailConfiguration</c> (keys
    /// <c>EmailSendingAccount</c>, <c>SourceArn</c>, <c>From</c>, <c>ReplyToEmailAddress</c>, <c>ConfigurationSet</c>).
    /// </summary>
    public required IReadOnlyDictionary<string, string> Email { get; init; }

    /// <summary>The pre token generation function of this Region. Null: none.</summary>
    public IFunction? PreTokenGeneration { get; init; }

    /// <summary>The event version <see cref="PreTokenGeneration"/> takes (<c>V2_0</c>, <c>V3_0</c>).</summary>
    public string PreTokenGenerationVersion { get; init; } = "V2_0";
}

/// <summary>
/// The replica Region's part of the user pool: the multi-Region key's replica (retained) and the replica's
/// regional configuration — status, email and Lambda triggers, which each replica sets on its own;
/// everything else syncs from the primary.
/// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html
/// </summary>
public sealed class ReplicaRegionalConfiguration : Construct
{
    /// <summary>Creates the key replica and, once the replica exists, its regional configuration.</summary>
    public ReplicaRegionalConfiguration(Construct scope, string id, ReplicaRegionalConfigurationProps props)
        : base(scope, id)
    {
        if (props.PrimaryKeyArn is { } primaryKeyArn)
        {
            ReplicaKey = new CfnReplicaKey(this, "ReplicaKey", new CfnReplicaKeyProps
            {
                PrimaryKeyArn = primaryKeyArn,
                Description = "Replica of the user pool's multi-Region key",
                KeyPolicy = KeyPolicy(Stack.Of(this).Region, props.UserPool.UserPoolId, props.Configure),
            });
            // Retained in every environment: without it the replica cannot read the directory.
            ReplicaKey.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        }

        if (!props.Configure)
        {
            return;
        }

        var properties = new Dictionary<string, object>
        {
            ["UserPoolId"] = props.UserPool.UserPoolId,
            ["Status"] = props.Status,
            ["EmailConfiguration"] = props.Email,
        };
        if (props.PreTokenGeneration is { } trigger)
        {
            properties["LambdaConfig"] = new Dictionary<string, object>
            {
                ["PreTokenGenerationConfig"] = new Dictionary<string, object>
                {
                    ["LambdaArn"] = trigger.FunctionArn,
                    ["LambdaVersion"] = props.PreTokenGenerationVersion,
                },
            };
        }

        // CfnResource: the L1 classes of aws-cdk-lib 2.160 predate the type; the registry gate checks it.
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolregionalconfigurationattachment.html
        Attachment = new CfnResource(this, "Attachment", new CfnResourceProps
        {
            Type = "AWS::Cognito::UserPoolRegionalConfigurationAttachment",
            Properties = properties,
        });
    }

    /// <summary>The key's replica in this Region; null when it already existed.</summary>
    public CfnReplicaKey? ReplicaKey { get; }

    /// <summary>The regional configuration; null while the replica does not exist.</summary>
    public CfnResource? Attachment { get; }

    // The primary key's policy, for this Region: the account administers it, the user pool statements name this
    // Region's service endpoints (kms:ViaService) and the pool's id (no cycle here: the id is a parameter), and
    // the log-delivery statement comes once the replica exports its logs.
    private static PolicyDocument KeyPolicy(string region, string userPoolId, bool logExport) => new(new PolicyDocumentProps
    {
        Statements =
        [
            new PolicyStatement(new PolicyStatementProps
            {
                Sid = "AccountAdministers",
                Principals = [new AccountRootPrincipal()],
                Actions = ["kms:*"],
                Resources = ["*"],
            }),
            .. KeyPolicies.UserPoolKeyStatements(region, KeyPolicies.UserPoolArnPattern(userPoolId), logExport),
            KeyPolicies.GrantsOnlyForAwsServices(),
        ],
    });
}
