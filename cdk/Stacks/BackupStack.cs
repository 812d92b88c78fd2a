using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Constructs;
using CognitoStack.Contract;
using Constructs;

namespace CognitoStack.Cdk.Stacks;

/// <summary>What the Backup stack needs: the pool it exports and the export's code.</summary>
public sealed record BackupStackProps
{
    /// <summary>The stateful stack whose user pool is exported.</summary>
    public required IdentityStack Identity { get; init; }

    /// <summary>The published (or, in tests, unbundled) export function.</summary>
    public required Code UserExportCode { get; init; }

    /// <summary>Stack properties (name, environment, termination protection).</summary>
    public required IStackProps StackProps { get; init; }
}

/// <summary>
/// The second copy of the users: the scheduled export and its locked bucket. A stateful stack of its own, not part
/// of Identity: the export must outlive a deleted, replaced or rolled-back Identity stack (the disasters it exists
/// for), must not be touched by the Identity stack's frequent updates, and may be pointed at a new pool without
/// moving the bucket. It depends on Identity (the pool id) and nothing depends on it but Monitoring. Its bucket and
/// key are always retained and the stack is termination-protected.
/// </summary>
public sealed class BackupStack : Stack
{
    /// <summary>Wires the export from the settings.</summary>
    public BackupStack(Construct scope, string id, EnvironmentSettings settings, BackupStackProps props)
        : base(scope, id, props.StackProps)
    {
        var backup = settings.Backup;
        Export = new ScheduledUserExport(this, "UserExport", new ScheduledUserExportProps
        {
            UserPool = props.Identity.Directory.UserPool,
            Code = props.UserExportCode,
            NativeAot = backup.Publish == LambdaPublish.NativeAot,
            Schedule = Schedule.Expression(backup.Schedule),
            ExportTimeout = Duration.Hours(backup.ScheduleHours),
            Rate = ExportPartitions.Rate(backup.QuotaShare),
            LockRetention = Duration.Days(backup.RetentionDays),
            LockMode = LockMode(backup),
            ExpireAfter = Duration.Days(backup.ExpireAfterDays),
            MetricNamespace = MetricNamespace(settings),
            LogRetention = LogRetentionPeriods.FromDays(settings.LogRetentionDays),
            // Retained like the export function's log group.
            LogEncryptionKey = new LogEncryptionKey(this, "LogKey", new LogEncryptionKeyProps { RemovalPolicy = RemovalPolicy.RETAIN }).Key,
        });
        if (backup.Vault is { KeyArn: { } vaultKeyArn } vault)
        {
            Replication = new ExportReplication(this, "UserExportReplication", new ExportReplicationProps
            {
                Source = Export.Bucket,
                SourceKey = Export.Key,
                Vault = Bucket.FromBucketAttributes(this, "VaultBucket", new BucketAttributes
                {
                    BucketName = VaultNames.BucketName(settings.Name, vault.Account),
                    Account = vault.Account,
                    Region = vault.Region,
                }),
                VaultKey = Key.FromKeyArn(this, "VaultKey", vaultKeyArn),
                VaultRegion = vault.Region,
                RoleName = VaultNames.ReplicationRoleName(settings.Name),
                KeyPrefix = UserExportFormat.RootPrefix,
            });
        }

        // Kept for one release: the Monitoring stack deployed before #27 imports it for the export function's Errors alarm,
        // now replaced by the state machine's. Remove after the next release is deployed everywhere (CrossStackExportTests).
        ExportValue(Export.Function.Function.FunctionName);
        new CfnOutput(this, "ExportBucketName", new CfnOutputProps
        {
            Value = Export.Bucket.BucketName,
            Description = "Bucket of the user exports (exports/<user pool id>/<started at>/)",
        });
    }

    /// <summary>
    /// The replication to the vault in the backup account; null without <c>backup.vault</c>, or before its
    /// <c>keyArn</c> is set (the Vault stack is deployed first).
    /// </summary>
    public ExportReplication? Replication { get; }

    /// <summary>The export function, bucket and key.</summary>
    public ScheduledUserExport Export { get; }

    /// <summary>The environment's custom metric namespace (shared with the Monitoring stack's log metric filters).</summary>
    public static string MetricNamespace(EnvironmentSettings settings) => $"CognitoStack/{settings.Name}";

    /// <summary>The Object Lock mode of the exports and of their copies in the vault (<c>backup.lockMode</c>).</summary>
    public static ObjectLockMode LockMode(BackupSettings backup) =>
        backup.LockMode == ExportLockMode.Compliance ? ObjectLockMode.COMPLIANCE : ObjectLockMode.GOVERNANCE;
}
