using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="UserFilesBucket"/>.</summary>
public sealed record UserFilesBucketProps
{
    /// <summary>Browser origins that may upload and download directly (CORS).</summary>
    public required IReadOnlyList<string> AllowedOrigins { get; init; }

    /// <summary>What happens to the bucket and its access-log bucket when they leave the stack.</summary>
    public required RemovalPolicy RemovalPolicy { get; init; }
}

/// <summary>
/// The bucket users' files live in: private, encrypted, versioned, TLS only, with server access logs.
/// Who may touch which prefix is decided by the identity pool roles, not here.
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
        var accessLogs = new Bucket(this, "AccessLogs", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            LifecycleRules = [new LifecycleRule { Id = "ExpireAccessLogs", Expiration = Duration.Days(365) }],
            RemovalPolicy = props.RemovalPolicy,
        });

        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
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
