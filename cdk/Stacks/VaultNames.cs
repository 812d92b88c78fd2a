namespace CognitoStack.Cdk.Stacks;

/// <summary>
/// The physical names the Backup stack (pool account) and the Vault stack (backup account) share. Stacks in two
/// accounts cannot reference each other's resources, so each side derives the other's names from the settings
/// alone; both are fixed for the life of the environment (renaming one replaces the resource).
/// </summary>
public static class VaultNames
{
    /// <summary>
    /// The vault bucket: <c>cognitostack-&lt;env&gt;-vault-&lt;backup account&gt;</c>, at most 52 characters (environment
    /// names have at most 20), within S3's 63
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
    /// </summary>
    public static string BucketName(string environment, string vaultAccount) => $"cognitostack-{environment}-vault-{vaultAccount}";

    /// <summary>The replication role in the pool's account: <c>CognitoStack-&lt;env&gt;-ExportReplication</c> (IAM allows 64 characters).</summary>
    public static string ReplicationRoleName(string environment) => $"CognitoStack-{environment}-ExportReplication";

    /// <summary>The vault stack's name: <c>CognitoStack-&lt;env&gt;-Vault</c>.</summary>
    public static string StackName(string environment) => $"CognitoStack-{environment}-Vault";
}
