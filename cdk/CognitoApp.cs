using Amazon.CDK;
using CognitoStack.Cdk.Bundling;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Stacks;

namespace CognitoStack.Cdk;

/// <summary>The stacks of one environment, added to an app.</summary>
public sealed record CognitoApp(IdentityStack Identity, ApiStack Api, BackupStack? Backup, MonitoringStack? Monitoring, ReplicaStack? Replica)
{
    /// <summary>The vault in the backup account (<c>backup.vault</c>); null without one.</summary>
    public VaultStack? Vault { get; init; }

    /// <summary>
    /// The function packages of the repository at <paramref name="repositoryRoot"/>, each group published as
    /// <paramref name="settings"/> say (<c>backend.publish</c>, <c>triggers.publish</c>, <c>backup.publish</c>).
    /// </summary>
    public static LambdaCode Code(string repositoryRoot, EnvironmentSettings settings) =>
        LambdaCode.FromRepository(repositoryRoot, new NativeAotGroups(
            settings.Backend.Publish == LambdaPublish.NativeAot,
            settings.Triggers.Publish == LambdaPublish.NativeAot,
            settings.Backup.Publish == LambdaPublish.NativeAot));

    /// <summary>
    /// Adds the stateful Identity stack, the stateless Api stack, unless they are off the Backup stack
    /// (scheduled user export), the backup account's Vault stack with <c>backup.vault</c>, the Monitoring stack and, with replication, the replica Region's stack for
    /// <paramref name="settings"/>.
    /// </summary>
    public static CognitoApp AddTo(App app, EnvironmentSettings settings, LambdaCode code)
    {
        var environment = settings.Account is null && settings.Region is null
            ? null
            : new Amazon.CDK.Environment { Account = settings.Account, Region = settings.Region };

        Tags.Of(app).Add("Application", "CognitoStack");
        Tags.Of(app).Add("Environment", settings.Name);

        var removalPolicy = PropsFromSettings.RemovalPolicy(settings);
        var identity = new IdentityStack(app, "Identity", settings, new IdentityStackProps
        {
            TriggersCode = code.Triggers,
            RemovalPolicy = removalPolicy,
            StackProps = StackProps("Identity", "user pool, app clients, identity pool and user files (stateful)",
                terminationProtection: removalPolicy == RemovalPolicy.RETAIN),
        });
        var api = new ApiStack(app, "Api", settings, new ApiStackProps
        {
            Identity = identity,
            BackendCode = code.Backend,
            AuthorizerCode = code.Authorizer,
            RemovalPolicy = removalPolicy,
            StackProps = StackProps("Api", "protected REST API and backend (stateless)"),
        });
        var backup = settings.Backup.Enabled
            ? new BackupStack(app, "Backup", settings, new BackupStackProps
            {
                Identity = identity,
                UserExportCode = code.UserExport,
                StackProps = StackProps("Backup", "scheduled user export to a locked bucket (stateful)", terminationProtection: true),
            })
            : null;
        var monitoring = settings.Monitoring.Enabled
            ? new MonitoringStack(app, "Monitoring", settings, new MonitoringStackProps
            {
                Identity = identity,
                Api = api,
                Backup = backup,
                StackProps = StackProps("Monitoring", "alarms, alarm topic and dashboard (stateless)"),
            })
            : null;
        var replica = settings.Replication is { Enabled: true, Region: { } replicaRegion }
            ? new ReplicaStack(app, "IdentityReplica", settings, new ReplicaStackProps
            {
                TriggersCode = code.ReplicaTriggers,
                RemovalPolicy = removalPolicy,
                // Its own Region: the replica's stack, deployed there; it shares no export with the others.
                StackProps = new StackProps
                {
                    StackName = $"CognitoStack-{settings.Name}-Identity-{replicaRegion}",
                    Description = $"CognitoStack {settings.Name}: user pool replica in {replicaRegion} (key replica, triggers, regional configuration, logs, web ACL)",
                    Env = new Amazon.CDK.Environment { Account = settings.Account, Region = replicaRegion },
                    TerminationProtection = removalPolicy == RemovalPolicy.RETAIN,
                },
            })
            : null;
        // The backup account's stack: its own account and Region (so no partition rule), deployed with that account's credentials.
        var vault = settings.Backup is { Enabled: true, Vault: { } vaultSettings }
            ? new VaultStack(app, "Vault", settings, new StackProps
            {
                StackName = VaultNames.StackName(settings.Name),
                Description = $"CognitoStack {settings.Name}: vault of the user exports in the backup account {vaultSettings.Account} (locked bucket, key; stateful)",
                Env = new Amazon.CDK.Environment { Account = vaultSettings.Account, Region = vaultSettings.Region },
                TerminationProtection = true,
            })
            : null;
        SupportedPartition.Require(identity);
        SupportedPartition.Require(api);
        if (backup is not null)
        {
            SupportedPartition.Require(backup);
        }

        if (monitoring is not null)
        {
            SupportedPartition.Require(monitoring);
        }

        return new CognitoApp(identity, api, backup, monitoring, replica) { Vault = vault };

        // Every stack is named CognitoStack-<env>-<part> and described the same way.
        StackProps StackProps(string part, string contents, bool? terminationProtection = null) => new()
        {
            StackName = $"CognitoStack-{settings.Name}-{part}",
            Description = $"CognitoStack {settings.Name}: {contents}",
            Env = environment,
            TerminationProtection = terminationProtection,
        };
    }
}
