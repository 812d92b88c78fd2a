using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Constructs;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Backup;

/// <summary>
/// The test-only environment "vaulted": the export bucket replicates to the vault in the backup account
/// 210987654321 (eu-central-1); both sides name each other only by the names in <c>VaultNames</c>.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class VaultStackTests(SynthFixture synth)
{
    private const string PoolAccount = "123456789012";
    private const string VaultAccount = "210987654321";
    private const string VaultBucketName = "cognitostack-vaulted-vault-210987654321";
    private const string RoleName = "CognitoStack-vaulted-ExportReplication";
    private const string VaultKeyArn = "arn:aws:kms:eu-central-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private SynthesizedEnvironment Vaulted => synth["vaulted"];

    [Fact]
    public void Vault_Should_BeAStackOfItsOwnInTheBackupAccount_TerminationProtected()
    {
        var artifact = Vaulted.StackArtifact("Vault");

        Assert.Equal($"aws://{VaultAccount}/eu-central-1", (string?)artifact["environment"]);
        Assert.Equal("CognitoStack-vaulted-Vault", (string?)artifact["properties"]?["stackName"]);
        Assert.True((bool?)artifact["properties"]?["terminationProtection"]);
        Assert.DoesNotContain("Vault", synth["prod"].StackIds);
    }

    [Fact]
    public void VaultStack_Should_ReferenceNothingOfAnotherStack()
    {
        var text = SynthesizedEnvironment.Text(Vaulted.Json["Vault"]);

        Assert.DoesNotContain("Fn::ImportValue", text, StringComparison.Ordinal);
        Assert.Empty(Vaulted.StackArtifact("Vault")["dependencies"]?.AsArray().Where(d => !((string?)d)!.EndsWith(".assets", StringComparison.Ordinal)) ?? []);
    }

    [Fact]
    public void VaultBucket_Should_BeNamedLockedInComplianceModeVersionedEncryptedWithItsKeyAndOwnedByTheVault() =>
        Vaulted.Vault.HasResource("AWS::S3::Bucket", Obj(
            ("Properties", Obj(
                ("BucketName", VaultBucketName),
                ("ObjectLockEnabled", true),
                ("ObjectLockConfiguration", Obj(("ObjectLockEnabled", "Enabled"), ("Rule", Obj(("DefaultRetention", Obj(("Mode", "COMPLIANCE"), ("Days", 35))))))),
                ("VersioningConfiguration", Obj(("Status", "Enabled"))),
                ("BucketEncryption", Obj(("ServerSideEncryptionConfiguration", new object[]
                {
                    Obj(("BucketKeyEnabled", true), ("ServerSideEncryptionByDefault", Obj(("SSEAlgorithm", "aws:kms"), ("KMSMasterKeyID", Match.AnyValue())))),
                }))),
                ("OwnershipControls", Obj(("Rules", new object[] { Obj(("ObjectOwnership", "BucketOwnerEnforced")) }))),
                ("LifecycleConfiguration", Obj(("Rules", Match.ArrayWith([Match.ObjectLike(Obj(("ExpirationInDays", 365), ("Status", "Enabled")))])))))),
            ("DeletionPolicy", "Retain"),
            ("UpdateReplacePolicy", "Retain")));

    [Fact]
    public void VaultKey_Should_LetOnlyTheReplicationRoleUseItThroughS3ForTheVaultBucket()
    {
        var key = Vaulted.Resources("Vault", "AWS::KMS::Key").Single().Resource;
        var statement = Statements(key).Single(s => (string?)s["Sid"] == "ReplicationEncryptsCopies");
        var text = SynthesizedEnvironment.Text(statement);

        Assert.Equal("Retain", (string?)key["DeletionPolicy"]);
        Assert.Equal(30, (int?)key["Properties"]!["PendingWindowInDays"]);
        Assert.Equal(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], Actions(statement["Action"]).Order(StringComparer.Ordinal));
        Assert.Contains($":iam::{PoolAccount}:root", text, StringComparison.Ordinal);
        Assert.Contains($":iam::{PoolAccount}:role/{RoleName}", text, StringComparison.Ordinal);
        Assert.Contains("\"ArnEquals\":{\"aws:PrincipalArn\":", text, StringComparison.Ordinal);
        Assert.Contains("\"kms:ViaService\":\"s3.eu-central-1.amazonaws.com\"", text, StringComparison.Ordinal);
        Assert.Contains($":s3:::{VaultBucketName}/exports/*", text, StringComparison.Ordinal);
    }

    [Fact]
    public void VaultBucketPolicy_Should_AllowTheReplicationRoleOnlyToReplicateObjects_And_DenyDeletionUnlockingAndPuts()
    {
        var statements = Vaulted.Resources("Vault", "AWS::S3::BucketPolicy")
            .Where(p => ((string?)p.Resource["Properties"]!["Bucket"]!["Ref"])!.StartsWith("UserExportVaultBucket", StringComparison.Ordinal))
            .SelectMany(p => Statements(p.Resource))
            .ToList();
        var allows = statements.Where(s => (string?)s["Effect"] == "Allow").ToList();

        var allow = Assert.Single(allows);
        Assert.Equal(UserExportVault.ReplicationActions, Actions(allow["Action"]));
        Assert.Contains($":iam::{PoolAccount}:role/{RoleName}", SynthesizedEnvironment.Text(allow), StringComparison.Ordinal);
        var denied = statements.Where(s => (string?)s["Effect"] == "Deny").SelectMany(s => Actions(s["Action"])).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(LockedBucket.DeniedActions.Append("s3:PutObject").ToHashSet(StringComparer.Ordinal), denied);
    }

    [Fact]
    public void ExportBucket_Should_ReplicateExportsToTheVaultWithItsKey_AndNoDeleteMarkers() =>
        Vaulted.Backup.HasResourceProperties("AWS::S3::Bucket", Obj(
            ("ObjectLockConfiguration", Obj(("ObjectLockEnabled", "Enabled"), ("Rule", Obj(("DefaultRetention", Obj(("Mode", "COMPLIANCE"), ("Days", 35))))))),
            ("ReplicationConfiguration", Obj(
                ("Role", Obj(("Fn::GetAtt", Match.ArrayWith([Match.StringLikeRegexp("^UserExportReplicationRole")])))),
                ("Rules", new object[]
                {
                    Obj(
                        ("Status", "Enabled"),
                        ("Priority", 1),
                        ("Filter", Obj(("Prefix", "exports/"))),
                        ("DeleteMarkerReplication", Obj(("Status", "Disabled"))),
                        ("SourceSelectionCriteria", Obj(("SseKmsEncryptedObjects", Obj(("Status", "Enabled"))))),
                        ("Destination", Obj(
                            ("Bucket", Match.AnyValue()),
                            ("EncryptionConfiguration", Obj(("ReplicaKmsKeyID", VaultKeyArn))),
                            ("AccessControlTranslation", Match.Absent())))),
                })))));

    [Fact]
    public void ReplicationRole_Should_HaveTheNameTheVaultTrusts_And_BeAssumedByS3Only() =>
        Vaulted.Backup.HasResourceProperties("AWS::IAM::Role", Obj(
            ("RoleName", RoleName),
            ("AssumeRolePolicyDocument", Obj(("Statement", new object[]
            {
                Obj(("Action", "sts:AssumeRole"), ("Effect", "Allow"), ("Principal", Obj(("Service", "s3.amazonaws.com")))),
            })))));

    [Fact]
    public void ReplicationPolicy_Should_ReadOnlyWhatReplicationReads_AndWriteOnlyReplicas()
    {
        var policy = Vaulted.Resources("Backup", "AWS::IAM::Policy").Select(p => p.Resource)
            .Single(p => SynthesizedEnvironment.Text(p).Contains("s3:ReplicateObject", StringComparison.Ordinal));
        var statements = Statements(policy).ToList();

        Assert.Equal(
            ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "s3:GetObjectLegalHold", "s3:GetObjectRetention", "s3:GetObjectVersionAcl",
             "s3:GetObjectVersionForReplication", "s3:GetObjectVersionTagging", "s3:GetReplicationConfiguration", "s3:ListBucket", "s3:ReplicateObject"],
            statements.SelectMany(s => Actions(s["Action"])).Distinct().Order(StringComparer.Ordinal));
        Assert.All(statements, s => Assert.Equal("Allow", (string?)s["Effect"]));
        var replicate = statements.Single(s => Actions(s["Action"]).SequenceEqual(["s3:ReplicateObject"]));
        Assert.Contains($":s3:::{VaultBucketName}/exports/*", SynthesizedEnvironment.Text(replicate), StringComparison.Ordinal);
        var vaultKey = statements.Single(s => SynthesizedEnvironment.Text(s["Resource"]) == $"\"{VaultKeyArn}\"");
        Assert.Contains("\"kms:ViaService\":\"s3.eu-central-1.amazonaws.com\"", SynthesizedEnvironment.Text(vaultKey), StringComparison.Ordinal);
        Assert.All(statements.Where(s => Actions(s["Action"]).Any(a => a.StartsWith("kms:", StringComparison.Ordinal))),
            s => Assert.Contains("kms:EncryptionContext:aws:s3:arn", SynthesizedEnvironment.Text(s), StringComparison.Ordinal));
    }

    [Fact]
    public void Prod_Should_NotReplicate_When_NoVaultIsDeclared() =>
        synth["prod"].Backup.HasResourceProperties("AWS::S3::Bucket", Obj(
            ("ObjectLockEnabled", true),
            ("ReplicationConfiguration", Match.Absent())));
}
