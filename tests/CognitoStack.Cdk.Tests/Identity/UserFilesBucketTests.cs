using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Identity;

[Collection(SynthCollection.Name)]
public sealed class UserFilesBucketTests(SynthFixture synth)
{
    private const string Bucket = "AWS::S3::Bucket";

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Bucket_Should_BePrivateEncryptedVersionedAndLogged(string env) =>
        synth[env].Identity.HasProperties(Bucket, Obj(
            ("PublicAccessBlockConfiguration", Obj(
                ("BlockPublicAcls", true), ("BlockPublicPolicy", true), ("IgnorePublicAcls", true), ("RestrictPublicBuckets", true))),
            ("BucketEncryption", Obj(("ServerSideEncryptionConfiguration", new object[]
            {
                Obj(
                    ("ServerSideEncryptionByDefault", Obj(("SSEAlgorithm", "aws:kms"), ("KMSMasterKeyID", Match.AnyValue()))),
                    ("BucketKeyEnabled", true)),
            }))),
            ("VersioningConfiguration", Obj(("Status", "Enabled"))),
            ("LoggingConfiguration", Obj(("DestinationBucketName", Match.AnyValue())))));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void AccessLogBucket_Should_KeepSseS3AndBeVersioned_WhenItReceivesServerAccessLogs(string env) =>
        synth[env].Identity.HasProperties(Bucket, Obj(
            ("BucketEncryption", Obj(("ServerSideEncryptionConfiguration", new object[]
            {
                Obj(("ServerSideEncryptionByDefault", Obj(("SSEAlgorithm", "AES256")))),
            }))),
            ("VersioningConfiguration", Obj(("Status", "Enabled"))),
            ("LifecycleConfiguration", Obj(("Rules", new object[]
            {
                Obj(("Id", "ExpireAccessLogs"), ("ExpirationInDays", 365), ("NoncurrentVersionExpiration", Obj(("NoncurrentDays", 30)))),
            }))),
            ("LoggingConfiguration", Match.Absent())));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void EveryBucket_Should_DenyRequestsWithoutTls(string env)
    {
        var policies = synth[env].Resources("Identity", "AWS::S3::BucketPolicy").ToList();

        Assert.Equal(synth[env].Resources("Identity", Bucket).Count(), policies.Count);
        Assert.All(policies, p => Assert.Contains(
            """{"Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}},"Effect":"Deny","Principal":{"AWS":"*"}""",
            SynthesizedEnvironment.Text(p.Resource["Properties"]!["PolicyDocument"]), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dev", new[] { "http://localhost:3000", "http://localhost:5173" })]
    [InlineData("prod", new[] { "https://app.example.com" })]
    public void Cors_Should_AllowOnlyConfiguredOrigins(string env, string[] origins) =>
        synth[env].Identity.HasProperties(Bucket, Obj(
            ("CorsConfiguration", Obj(("CorsRules", new object[] { Match.ObjectLike(Obj(("AllowedOrigins", origins))) })))));

    [Theory]
    [InlineData("dev", "Delete")]
    [InlineData("prod", "Retain")]
    public void Buckets_Should_FollowTheRemovalPolicy(string env, string policy)
    {
        synth[env].Identity.ResourceCountIs(Bucket, 2);
        Assert.All(synth[env].Resources("Identity", Bucket), b =>
        {
            Assert.Equal(policy, (string?)b.Resource["DeletionPolicy"]);
            Assert.Equal(policy, (string?)b.Resource["UpdateReplacePolicy"]);
        });
    }
}
