using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="UserFilesBucket"/>.</summary>
public sealed record UserFilesBucketProps
{
    /// <summary>Browser origins that may upload and download directly (CORS).</summary>
    public required IReadOnlyList<string> AllowedOrigins { get; init; }

    /// <summary>What happens to the bucket, its key and its access-log bucket when they leave the stack.</summary>
    public required RemovalPolicy RemovalPolicy { get; init; }
}

/// <summary>
/// The bucket users' files live in: private, encrypted with a customer managed key (SSE-KMS with an S3 Bucket
/// Key, AWS Control Tower CT.S3.PR.10), versioned, TLS only, with server access logs. Who may touch which prefix
/// is decided by the identity pool roles, not here; they also need the key (<see cref="IBucket.EncryptionKey"/>).
/// The access-log bucket keeps SSE-S3: S3 delivers server access logs only to a bucket whose default encryption
/// is SSE-S3 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
/// </summary>
public sealed class UserFilesBucket : Construct
{
    /// <summary>Prefix under which each identity owns <c>private/IDENTITY_ID/</c>.</summary>
    public const string PrivatePrefix = "private/";

    /// <summary>Prefix everyone (including guests, where allowed) may read.</summary>
    public const string PublicPrefix = "public/";

    /// <summary>Prefix under which the users of a tenant share <c>tenants/TENANT/</c> (with a tenant principal tag).</summary>
    public const string TenantsPrefix = "tenants/";

    /// <summary>Creates the bucket and its access-log bucket.</summary>
    public UserFilesBucket(Construct scope, string id, UserFilesBucketProps props)
        : base(scope, id)
    {
        var accessLogs = AccessLogBuckets.Create(this, props.RemovalPolicy);

        var key = new Key(this, "Key", new KeyProps
        {
            Description = "Encrypts the CognitoStack user-files bucket",
            EnableKeyRotation = true,
            // Objects kept after the stack is gone must stay readable: the key goes only where the bucket goes.
            RemovalPolicy = props.RemovalPolicy,
        });
        KeyPolicies.LimitGrantsToAwsServices(key);

        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.KMS,
            EncryptionKey = key,
            // One data key per bucket instead of a KMS call per object: lower KMS cost and request rate.
            // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
            BucketKeyEnabled = true,
            EnforceSSL = true,
            Versioned = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            ServerAccessLogsBucket = accessLogs,
            ServerAccessLogsPrefix = "user-files/",
            Cors =
            [
                new CorsRule
                {
                    AllowedOrigins = [.. props.AllowedOrigins],
                    AllowedMethods = [HttpMethods.GET, HttpMethods.HEAD, HttpMethods.PUT, HttpMethods.POST, HttpMethods.DELETE],
                    AllowedHeaders = ["authorization", "content-type", "content-md5", "x-amz-*"],
                    ExposedHeaders = ["ETag", "x-amz-version-id"],
                    MaxAge = 3000,
                },
            ],
            LifecycleRules =
            [
                new LifecycleRule { Id = "AbortIncompleteUploads", AbortIncompleteMultipartUploadAfter = Duration.Days(7) },
                new LifecycleRule { Id = "ExpireOldVersions", NoncurrentVersionExpiration = Duration.Days(90) },
            ],
            RemovalPolicy = props.RemovalPolicy,
        });
    }

    /// <summary>The user-files bucket.</summary>
    public Bucket Bucket { get; }
}
