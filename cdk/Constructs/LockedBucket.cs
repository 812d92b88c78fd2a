using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="LockedBucket.Create"/>.</summary>
public sealed record LockedBucketProps
{
    /// <summary>The bucket's customer-managed key (<see cref="LockedBucket.CreateKey"/>).</summary>
    public required IKey Key { get; init; }

    /// <summary>Object Lock default retention: mode and period.</summary>
    public required ObjectLockRetention Retention { get; init; }

    /// <summary>When objects and their noncurrent versions expire (lifecycle; at least the retention).</summary>
    public required Duration ExpireAfter { get; init; }

    /// <summary>The expiry lifecycle rule's id.</summary>
    public required string ExpiryRuleId { get; init; }

    /// <summary>The prefix of the bucket's server access logs in its access-log bucket.</summary>
    public required string AccessLogPrefix { get; init; }

    /// <summary>A fixed bucket name. Left out: CloudFormation generates one.</summary>
    public string? BucketName { get; init; }
}

/// <summary>
/// The locked bucket the user exports live in, in the pool's account and (their copies) in the vault: versioned with
/// Object Lock, SSE-KMS with its own customer-managed key and an S3 Bucket Key, <c>BucketOwnerEnforced</c>, public
/// access blocked, TLS only, server access logs in an access-log bucket of its own, expiring by lifecycle, always
/// retained; its policy denies every principal deleting objects or versions, bypassing governance retention and
/// changing the lock configuration or an object's retention
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html). Who may write is each caller's own
/// statement.
/// </summary>
public static class LockedBucket
{
    /// <summary>Actions no principal may use on the bucket (the bucket policy denies them to everyone).</summary>
    public static readonly string[] DeniedActions =
        ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention", "s3:PutBucketObjectLockConfiguration", "s3:PutObjectRetention"];

    /// <summary>
    /// Creates <c>Key</c> under <paramref name="scope"/>: rotated yearly, grants only for AWS services, always retained;
    /// <paramref name="pendingWindow"/>, when given, is written out as the deletion waiting period (KMS's default is 30 days).
    /// </summary>
    public static Key CreateKey(Construct scope, string description, Duration? pendingWindow = null)
    {
        var key = new Key(scope, "Key", new KeyProps
        {
            Description = description,
            EnableKeyRotation = true,
            PendingWindow = pendingWindow,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        KeyPolicies.LimitGrantsToAwsServices(key);
        return key;
    }

    /// <summary>Creates <c>AccessLogs</c> and <c>Bucket</c> under <paramref name="scope"/>, with the deny statement.</summary>
    public static Bucket Create(Construct scope, LockedBucketProps props)
    {
        var accessLogs = AccessLogBuckets.Create(scope, RemovalPolicy.RETAIN);
        var bucket = new Bucket(scope, "Bucket", new BucketProps
        {
            BucketName = props.BucketName,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.KMS,
            EncryptionKey = props.Key,
            BucketKeyEnabled = true,
            EnforceSSL = true,
            Versioned = true,
            ObjectLockEnabled = true,
            ObjectLockDefaultRetention = props.Retention,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            ServerAccessLogsBucket = accessLogs,
            ServerAccessLogsPrefix = props.AccessLogPrefix,
            LifecycleRules =
            [
                new LifecycleRule
                {
                    Id = props.ExpiryRuleId,
                    Expiration = props.ExpireAfter,
                    NoncurrentVersionExpiration = props.ExpireAfter,
                    AbortIncompleteMultipartUploadAfter = Duration.Days(1),
                },
            ],
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "NoDeletionNoUnlock",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = DeniedActions,
            Resources = [bucket.BucketArn, bucket.ArnForObjects("*")],
        }));
        return bucket;
    }

    /// <summary>The retention of <paramref name="mode"/> for <paramref name="period"/>.</summary>
    public static ObjectLockRetention Retention(ObjectLockMode mode, Duration period) =>
        mode == ObjectLockMode.COMPLIANCE ? ObjectLockRetention.Compliance(period) : ObjectLockRetention.Governance(period);
}
