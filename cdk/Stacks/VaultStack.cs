using Amazon.CDK;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Constructs;
using CognitoStack.Contract;
using Constructs;

namespace CognitoStack.Cdk.Stacks;

/// <summary>
/// The vault (issue #27): the copy of the user exports in a backup account, <c>CognitoStack-&lt;env&gt;-Vault</c>, deployed
/// with that account's credentials before the Backup stack starts replicating to it. It references nothing of the
/// pool's account but two names derived from the settings (<see cref="VaultNames"/>): the replication role's ARN and
/// its account. Stateful, termination-protected, its bucket and key always retained.
/// </summary>
public sealed class VaultStack : Stack
{
    /// <summary>Wires the vault from <paramref name="settings"/> (which hold <c>backup.vault</c> and the pool's account).</summary>
    public VaultStack(Construct scope, string id, EnvironmentSettings settings, IStackProps props)
        : base(scope, id, props)
    {
        var vault = settings.Backup.Vault ?? throw new ArgumentException("the environment declares no vault", nameof(settings));
        var sourceAccount = settings.Account ?? throw new ArgumentException("the environment's account is not written out", nameof(settings));
        var retention = Duration.Days(settings.Backup.RetentionDays);
        Vault = new UserExportVault(this, "UserExportVault", new UserExportVaultProps
        {
            BucketName = VaultNames.BucketName(settings.Name, vault.Account),
            SourceAccount = sourceAccount,
            ReplicationRoleArn = $"arn:{Aws.PARTITION}:iam::{sourceAccount}:role/{VaultNames.ReplicationRoleName(settings.Name)}",
            KeyPrefix = UserExportFormat.RootPrefix,
            DefaultRetention = LockedBucket.Retention(BackupStack.LockMode(settings.Backup), retention),
            ExpireAfter = Duration.Days(vault.ExpireAfterDays),
        });
        new CfnOutput(this, "VaultBucketName", new CfnOutputProps
        {
            Value = Vault.Bucket.BucketName,
            Description = "Bucket of the copies of the user exports (exports/<user pool id>/<started at>/)",
        });
        new CfnOutput(this, "VaultKeyArn", new CfnOutputProps
        {
            Value = Vault.Key.KeyArn,
            Description = "Key of the copies: set it as backup.vault.keyArn in cdk.json, then deploy the Backup stack",
        });
    }

    /// <summary>The vault's bucket and key.</summary>
    public UserExportVault Vault { get; }
}
