using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="ExportReplication"/>.</summary>
public sealed record ExportReplicationProps
{
    /// <summary>The export bucket (versioned, Object Lock, SSE-KMS with an S3 Bucket Key).</summary>
    public required Bucket Source { get; init; }

    /// <summary>The export bucket's key.</summary>
    public required IKey SourceKey { get; init; }

    /// <summary>The vault bucket in the backup account.</summary>
    public required IBucket Vault { get; init; }

    /// <summary>The vault's key, in the vault's account and Region.</summary>
    public required IKey VaultKey { get; init; }

    /// <summary>The vault's Region (the Region S3 calls KMS in for the copies).</summary>
    public required string VaultRegion { get; init; }

    /// <summary>The role's name: fixed, because the vault's key and bucket policies name it from another account.</summary>
    public required string RoleName { get; init; }

    /// <summary>The key prefix replicated (the exports' root folder, e.g. <c>exports/</c>).</summary>
    public required string KeyPrefix { get; init; }
}

/// <summary>
/// S3 Replication of the export bucket to the vault bucket in a backup account: one rule for the exports' prefix,
/// SSE-KMS objects opted in (<c>SourceSelectionCriteria.SseKmsEncryptedObjects</c>) and re-encrypted with the vault's
/// key (<c>ReplicaKmsKeyID</c>), delete markers not replicated, so nothing done to the export bucket removes a copy.
/// The role may read only what replication reads (object versions, their ACL, tags, retention and legal hold under
/// the prefix), write only <c>s3:ReplicateObject</c> under the vault's prefix, and use each key only through S3 in
/// its Region for its own bucket. Ownership of the copies goes to the vault account by the vault bucket's
/// <c>BucketOwnerEnforced</c> setting, which AWS documents as the replacement for the owner override, so neither
/// <c>AccessControlTranslation</c> nor <c>s3:ObjectOwnerOverrideToBucketOwner</c> is granted.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-change-owner.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html#object-lock-managing-replication.
/// </summary>
public sealed class ExportReplication : Construct
{
    /// <summary>What the role may do on the export bucket's objects: read a version and what replication copies with it.</summary>
    public static readonly string[] SourceObjectActions =
        ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold"];

    /// <summary>Creates the role, its policy and the bucket's replication configuration.</summary>
    public ExportReplication(Construct scope, string id, ExportReplicationProps props)
        : base(scope, id)
    {
        Role = new Role(this, "Role", new RoleProps
        {
            RoleName = props.RoleName,
            AssumedBy = new ServicePrincipal("s3.amazonaws.com"),
            Description = "S3 Replication of the user exports to the vault in the backup account",
        });
        var sourceObjects = props.Source.ArnForObjects(props.KeyPrefix + "*");
        var vaultObjects = props.Vault.ArnForObjects(props.KeyPrefix + "*");
        var policy = new Policy(this, "Policy", new PolicyProps
        {
            Roles = [Role],
            Statements =
            [
                Allow(["s3:GetReplicationConfiguration", "s3:ListBucket"], props.Source.BucketArn),
                Allow(SourceObjectActions, sourceObjects),
                Allow(["s3:ReplicateObject"], vaultObjects),
                UseKey(["kms:Decrypt"], props.SourceKey, KeyPolicies.OnlyThroughS3(Stack.Of(this).Region, props.Source.BucketArn, sourceObjects)),
                UseKey(KeyPolicies.ReplicaEncryptionActions, props.VaultKey, KeyPolicies.OnlyThroughS3(props.VaultRegion, props.Vault.BucketArn, vaultObjects)),
            ],
        });
        var bucket = (CfnBucket)props.Source.Node.DefaultChild!;
        bucket.ReplicationConfiguration = new CfnBucket.ReplicationConfigurationProperty
        {
            Role = Role.RoleArn,
            Rules = new object[]
            {
                new CfnBucket.ReplicationRuleProperty
                {
                    Id = "ExportsToVault",
                    Priority = 1,
                    Status = "Enabled",
                    Filter = new CfnBucket.ReplicationRuleFilterProperty { Prefix = props.KeyPrefix },
                    DeleteMarkerReplication = new CfnBucket.DeleteMarkerReplicationProperty { Status = "Disabled" },
                    SourceSelectionCriteria = new CfnBucket.SourceSelectionCriteriaProperty
                    {
                        SseKmsEncryptedObjects = new CfnBucket.SseKmsEncryptedObjectsProperty { Status = "Enabled" },
                    },
                    Destination = new CfnBucket.ReplicationDestinationProperty
                    {
                        Bucket = props.Vault.BucketArn,
                        EncryptionConfiguration = new CfnBucket.EncryptionConfigurationProperty { ReplicaKmsKeyId = props.VaultKey.KeyArn },
                    },
                },
            },
        };
        NagSuppressions.Add(policy, "AwsSolutions-IAM5",
            "Replication reads and writes every export object under exports/ of the export bucket and of the vault bucket, each a folder of objects per export; both buckets hold nothing else.",
            NagSuppressions.ObjectsFinding(props.Source, props.KeyPrefix + "*"), $"Resource::{props.Vault.BucketArn}/{props.KeyPrefix}*");
    }

    /// <summary>The replication role (fixed name).</summary>
    public Role Role { get; }

    private static PolicyStatement Allow(string[] actions, string resource) =>
        new(new PolicyStatementProps { Actions = actions, Resources = [resource] });

    private static PolicyStatement UseKey(string[] actions, IKey key, Dictionary<string, object> conditions) =>
        new(new PolicyStatementProps { Actions = actions, Resources = [key.KeyArn], Conditions = conditions });
}
