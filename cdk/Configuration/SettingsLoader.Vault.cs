using System.Globalization;
using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Configuration;

/// <summary>The <c>backup.vault</c> section and the rules between it and the rest of an environment.</summary>
public static partial class SettingsLoader
{
    /// <summary>What <c>backup.vault.keyArn</c> accepts, for error messages.</summary>
    internal const string VaultKeyArnRule =
        "use the ARN of the Vault stack's key, its output VaultKeyArn (arn:aws:kms:REGION:ACCOUNT:key/ID), in the vault's account and region";

    private static VaultSettings ReadVault(SettingsReader v, int retentionDays, int expireAfterDays)
    {
        var expire = v.Int("expireAfterDays", expireAfterDays, 1, 3_650);
        if (expire < retentionDays)
        {
            throw v.Invalid("expireAfterDays", expire.ToString(CultureInfo.InvariantCulture),
                $"use at least backup.retentionDays ({retentionDays}): a copy keeps its export's lock and cannot expire before it ends");
        }

        return new VaultSettings
        {
            Account = v.RequiredString("account", AccountId(), "use the 12-digit id of the backup account that holds the vault"),
            Region = v.RequiredString("region", RegionName(), RegionRule),
            KeyArn = v.OptionalString("keyArn", KeyArn(), VaultKeyArnRule,
                "none: the Vault stack is declared, the export bucket does not replicate yet (deploy the Vault stack, then set it)"),
            ExpireAfterDays = expire,
        };
    }

    /// <summary>Rules between <c>backup.vault</c> and the rest; each names both keys.</summary>
    private static void CheckVault(EnvironmentSettings s, string path)
    {
        if (s.Backup.Vault is not { } vault)
        {
            return;
        }

        var key = $"{path}.backup.vault";
        if (!s.Backup.Enabled)
        {
            throw new ConfigurationException(
                $"{key} is invalid with backup.enabled false: the vault holds copies of the exports; set backup.enabled true or leave the vault out");
        }

        if (s.Account is not { } account)
        {
            throw new ConfigurationException(
                $"{key}.account \"{vault.Account}\" is invalid with account left out: the vault's key and bucket policies name the export's replication role in the pool's account, so write the account out");
        }

        if (vault.Account == account)
        {
            throw new ConfigurationException(
                $"{key}.account \"{vault.Account}\" is invalid: it is the pool's account; use another account, one the pool account's administrators cannot administer");
        }

        if (vault.KeyArn is { } arn)
        {
            var match = KeyArn().Match(arn);
            if (match.Groups["region"].Value != vault.Region || match.Groups["account"].Value != vault.Account)
            {
                throw new ConfigurationException(
                    $"{key}.keyArn \"{arn}\" is invalid with backup.vault account \"{vault.Account}\" and region \"{vault.Region}\": S3 encrypts the copies with a key in the vault's own account and region; {VaultKeyArnRule}");
            }
        }
    }

    /// <summary>A single-Region KMS key ARN of the aws partition (the Vault stack's key).</summary>
    [GeneratedRegex("^arn:aws:kms:(?<region>(?!cn-)[a-z]{2}-[a-z]+-[0-9]):(?<account>[0-9]{12}):key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\z")]
    private static partial Regex KeyArn();
}
