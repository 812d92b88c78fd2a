using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>The server access log bucket every data bucket of the app logs to.</summary>
public static class AccessLogBuckets
{
    /// <summary>
    /// Creates <c>AccessLogs</c> under <paramref name="scope"/>: public access blocked, TLS only, SSE-S3 (the only
    /// default encryption S3 delivers access logs to:
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html), versioned (AWS
    /// Control Tower CT.S3.PR.11: a deleted or overwritten log stays recoverable for 30 days), logs kept a year.
    /// </summary>
    public static Bucket Create(Construct scope, RemovalPolicy removalPolicy) =>
        new(scope, "AccessLogs", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Versioned = true,
            LifecycleRules =
            [
                new LifecycleRule { Id = "ExpireAccessLogs", Expiration = Duration.Days(365), NoncurrentVersionExpiration = Duration.Days(30) },
            ],
            RemovalPolicy = removalPolicy,
        });
}
