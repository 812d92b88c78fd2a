using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SSM;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="UserPoolReplication"/>.</summary>
public sealed record UserPoolReplicationProps
{
    /// <summary>The replicated (primary) user pool.</summary>
    public required UserPool UserPool { get; init; }

    /// <summary>The Region of the secondary replica.</summary>
    public required string ReplicaRegion { get; init; }

    /// <summary>An existing multi-Region key in this Region with a replica in <see cref="ReplicaRegion"/>. Null: one is created here.</summary>
    public string? ExistingKeyArn { get; init; }

    /// <summary><c>IssuerConfiguration.Type</c>: <c>UPDATED</c> or <c>ORIGINAL</c>.</summary>
    public required string IssuerType { get; init; }

    /// <summary>Whether to create the replica; false while the replica key is not yet in its Region.</summary>
    public required bool CreateReplica { get; init; }

    /// <summary>The domain that fails over to the replica Region. Null: no routing.</summary>
    public UserPoolDomain? FailoverDomain { get; init; }

    /// <summary>The Route 53 health check that decides the domain's routing; required with <see cref="FailoverDomain"/>.</summary>
    public string? FailoverHealthCheckId { get; init; }

    /// <summary>Prefix of the SSM parameters that publish the pool id and key ARN (for the replica Region's stack).</summary>
    public required string ParameterPrefix { get; init; }

    /// <summary>What happens to the replica when it leaves the stack (the pool's own policy).</summary>
    public required RemovalPolicy RemovalPolicy { get; init; }

    /// <summary>Whether the pool exports its logs in this Region (the key then carries the log-delivery statement).</summary>
    public required bool LogExport { get; init; }
}

/// <summary>
/// The primary Region's side of multi-Region replication: the pool's multi-Region customer-managed key and
/// issuer, the secondary replica, the managed login domain's failover routing, and SSM parameters the
/// replica Region's stack reads (no cross-Region export).
/// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html
/// </summary>
public sealed class UserPoolReplication : Construct
{
    /// <summary>Name of the published user pool id parameter below the prefix.</summary>
    public const string UserPoolIdParameter = "user-pool-id";

    /// <summary>Name of the published key ARN parameter below the prefix.</summary>
    public const string KeyArnParameter = "key-arn";

    /// <summary>Configures replication of <see cref="UserPoolReplicationProps.UserPool"/>.</summary>
    public UserPoolReplication(Construct scope, string id, UserPoolReplicationProps props)
        : base(scope, id)
    {
        Key = props.ExistingKeyArn is null ? CreateKey(props.LogExport) : null;
        KeyArn = props.ExistingKeyArn ?? Key!.KeyArn;

        // aws-cdk-lib 2.160 predates both properties; names and values checked by the registry gate.
        // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_KeyConfigurationType.html
        // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html
        var pool = (CfnUserPool)props.UserPool.Node.DefaultChild!;
        pool.AddPropertyOverride("KeyConfiguration.KeyType", "CUSTOMER_MANAGED_KEY");
        pool.AddPropertyOverride("KeyConfiguration.KmsKeyArn", KeyArn);
        pool.AddPropertyOverride("IssuerConfiguration.Type", props.IssuerType);

        if (props.CreateReplica)
        {
            // CfnResource: the L1 classes of aws-cdk-lib 2.160 predate the type. RegionName replaces it.
            // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolreplica.html
            Replica = new CfnResource(this, "Replica", new CfnResourceProps
            {
                Type = "AWS::Cognito::UserPoolReplica",
                Properties = new Dictionary<string, object>
                {
                    ["UserPoolId"] = props.UserPool.UserPoolId,
                    ["RegionName"] = props.ReplicaRegion,
                },
            });
            Replica.ApplyRemovalPolicy(props.RemovalPolicy);
            if (props.FailoverDomain is { } domain && props.FailoverHealthCheckId is { } healthCheck)
            {
                // Healthy check: the primary serves; unhealthy: the replica Region does.
                // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_FailoverType.html
                var cfnDomain = (CfnUserPoolDomain)domain.Node.DefaultChild!;
                cfnDomain.AddPropertyOverride("Routing.Failover.SecondaryRegion", props.ReplicaRegion);
                cfnDomain.AddPropertyOverride("Routing.Failover.PrimaryRoute53HealthCheckId", healthCheck);
                cfnDomain.AddDependency(Replica);
            }
        }

        Publish(UserPoolIdParameter, props.UserPool.UserPoolId, "Id of the replicated user pool (the same in every Region)", props.ParameterPrefix);
        Publish(KeyArnParameter, KeyArn, "ARN of the user pool's multi-Region key in the primary Region", props.ParameterPrefix);
    }

    /// <summary>The multi-Region key created here; null when an existing one is used.</summary>
    public Key? Key { get; }

    /// <summary>ARN of the pool's key in this Region.</summary>
    public string KeyArn { get; }

    /// <summary>The secondary replica; null while it is not created.</summary>
    public CfnResource? Replica { get; }

    private Key CreateKey(bool logExport)
    {
        // Retained in every environment: deleting the key makes the directory unreadable.
        var key = new Key(this, "Key", new KeyProps
        {
            Description = "Encrypts the user pool's data in every Region it is replicated to",
            MultiRegion = true,
            EnableKeyRotation = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        // Any pool of this account: the pool's own ARN would make a cycle (the pool names its key).
        foreach (var statement in KeyPolicies.UserPoolKeyStatements(Stack.Of(this).Region, KeyPolicies.UserPoolArnPattern(null), logExport))
        {
            key.AddToResourcePolicy(statement);
        }

        KeyPolicies.LimitGrantsToAwsServices(key);
        return key;
    }

    private void Publish(string name, string value, string description, string prefix) =>
        _ = new StringParameter(this, name == UserPoolIdParameter ? "UserPoolIdParameter" : "KeyArnParameter", new StringParameterProps
        {
            ParameterName = $"{prefix}/{name}",
            StringValue = value,
            Description = description,
        });
}
