using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="UserExportVault"/>.</summary>
public sealed record UserExportVaultProps
{
    /// <summary>The bucket's name: fixed, because the pool account's replication configuration and role name it.</summary>
    public required string BucketName { get; init; }

    /// <summary>The pool's account, which owns the replication role.</summary>
    public required string SourceAccount { get; init; }

    /// <summary>The ARN of the replication role in <see cref="SourceAccount"/>.</summary>
    public required string ReplicationRoleArn { get; init; }

    /// <summary>The key prefix the copies arrive under (the exports' root folder, e.g. <c>exports/</c>).</summary>
    public required string KeyPrefix { get; init; }

    /// <summary>Object Lock default retention (copies arrive with their export's retention, which takes precedence).</summary>
    public required ObjectLockRetention DefaultRetention { get; init; }

    /// <summary>When copies expire (lifecycle; at least the retention).</summary>
    public required Duration ExpireAfter { get; init; }
}

/// <summary>
/// The vault in a backup account: a <see cref="LockedBucket"/> that only S3 Replication from the pool account's export bucket writes to,
/// versioned with Object Lock (required of a replication destination for locked objects:
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html#object-lock-managing-replication),
/// SSE-KMS with a key of this account, <c>BucketOwnerEnforced</c> (the vault account owns every copy:
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-change-owner.html), public access blocked, TLS
/// only, always retained. The replication role is named through its account and <c>aws:PrincipalArn</c>, not as a
/// principal: IAM refuses a policy naming a role that does not exist yet, and the vault is deployed first.
/// </summary>
public sealed class UserExportVault : Construct
{
    /// <summary>What the bucket policy lets the replication role do on the copies, and nothing else.</summary>
    public static readonly string[] ReplicationActions = ["s3:ReplicateObject"];

    /// <summary>Creates the key, the bucket (with its access-log bucket) and both policies.</summary>
    public UserExportVault(Construct scope, string id, UserExportVaultProps props)
        : base(scope, id)
    {
        var bucketArn = $"arn:{Aws.PARTITION}:s3:::{props.BucketName}";
        Key = LockedBucket.CreateKey(this, "Encrypts the vault's copies of the user exports (SSE-KMS)", Duration.Days(30));
        // The literal bucket ARN, not the bucket's attribute: the bucket already depends on the key.
        Key.AddToResourcePolicy(FromReplicationRole(props, new PolicyStatementProps
        {
            Sid = "ReplicationEncryptsCopies",
            Actions = KeyPolicies.ReplicaEncryptionActions,
            Resources = ["*"],
            Conditions = KeyPolicies.OnlyThroughS3(Stack.Of(this).Region, bucketArn, $"{bucketArn}/{props.KeyPrefix}*"),
        }));

        Bucket = LockedBucket.Create(this, new LockedBucketProps
        {
            BucketName = props.BucketName,
            Key = Key,
            Retention = props.DefaultRetention,
            ExpireAfter = props.ExpireAfter,
            ExpiryRuleId = "ExpireCopies",
            AccessLogPrefix = "vault/",
        });
        Bucket.AddToResourcePolicy(FromReplicationRole(props, new PolicyStatementProps
        {
            Sid = "ReplicationWritesCopies",
            Actions = ReplicationActions,
            Resources = [Bucket.ArnForObjects(props.KeyPrefix + "*")],
        }));
        // Replication writes with s3:ReplicateObject; nobody writes with s3:PutObject.
        Bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "OnlyReplicationWrites",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["s3:PutObject"],
            Resources = [Bucket.ArnForObjects("*")],
        }));
    }

    /// <summary>The vault's key.</summary>
    public Key Key { get; }

    /// <summary>The vault bucket.</summary>
    public Bucket Bucket { get; }

    private static PolicyStatement FromReplicationRole(UserExportVaultProps props, PolicyStatementProps statement)
    {
        statement.Principals = [new AccountPrincipal(props.SourceAccount)];
        var conditions = statement.Conditions is { } given ? new Dictionary<string, object>(given) : [];
        conditions["ArnEquals"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = props.ReplicationRoleArn };
        statement.Conditions = conditions;
        return new PolicyStatement(statement);
    }
}
