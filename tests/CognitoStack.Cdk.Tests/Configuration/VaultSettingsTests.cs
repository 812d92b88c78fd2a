using System.Text.Json.Nodes;
using CognitoStack.Cdk.Configuration;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>backup.lockMode and backup.vault: each rule with a failing and a just-valid case.</summary>
public sealed class VaultSettingsTests
{
    private const string PoolAccount = "123456789012";
    private const string VaultAccount = "210987654321";
    private const string KeyArn = "arn:aws:kms:eu-central-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    // dev with backup on, its account written out and a vault in another account.
    private static Action<JsonObject> WithVault(params Action<JsonObject>[] changes) => All(
        [
            Set("account", PoolAccount),
            Set("region", "eu-west-1"),
            Set("backup.enabled", true),
            SetJson("backup.vault", $$"""{ "account": "{{VaultAccount}}", "region": "eu-central-1" }"""),
            .. changes,
        ]);

    [Fact]
    public void LockMode_Should_DefaultToGovernance_And_VaultToNone()
    {
        var backup = Load(Remove("backup")).Backup;

        Assert.Equal((ExportLockMode.Governance, null), (backup.LockMode, backup.Vault));
    }

    [Fact]
    public void LockMode_Should_LoadCompliance_And_RejectOtherSpellings()
    {
        Assert.Equal(ExportLockMode.Compliance, Load(Set("backup.lockMode", "COMPLIANCE")).Backup.LockMode);
        Assert.Equal(Invalid("backup.lockMode", "\"compliance\"", "use one of GOVERNANCE, COMPLIANCE"), Error(Set("backup.lockMode", "compliance")));
    }

    [Fact]
    public void Vault_Should_Load_With_ItsAccountRegionAndDefaults()
    {
        var vault = Load(WithVault()).Backup.Vault!;

        Assert.Equal((VaultAccount, "eu-central-1", null, 90), (vault.Account, vault.Region, vault.KeyArn, vault.ExpireAfterDays));
    }

    [Fact]
    public void Vault_Should_LoadItsKeyArn_When_InTheVaultsAccountAndRegion()
    {
        Assert.Equal(KeyArn, Load(WithVault(Set("backup.vault.keyArn", KeyArn))).Backup.Vault!.KeyArn);
    }

    [Theory]
    [InlineData("12345678901")]
    [InlineData("1234567890123")]
    [InlineData("12345678901a")]
    public void VaultAccount_Should_Fail_When_NotTwelveDigits(string account)
    {
        Assert.Equal(Invalid("backup.vault.account", Received(account), "use the 12-digit id of the backup account that holds the vault"),
            Error(WithVault(Set("backup.vault.account", account))));
    }

    [Fact]
    public void VaultAccount_Should_Fail_When_ThePoolsAccount()
    {
        Assert.Equal(
            $"{Key("backup.vault.account")} \"{PoolAccount}\" is invalid: it is the pool's account; use another account, one the pool account's administrators cannot administer",
            Error(WithVault(Set("backup.vault.account", PoolAccount))));
    }

    [Fact]
    public void Vault_Should_Fail_When_ThePoolsAccountIsLeftOut()
    {
        Assert.StartsWith($"{Key("backup.vault.account")} \"{VaultAccount}\" is invalid with account left out: ", Error(WithVault(Remove("account"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Vault_Should_Fail_When_BackupIsOff()
    {
        Assert.StartsWith($"{Key("backup.vault")} is invalid with backup.enabled false: ", Error(WithVault(Set("backup.enabled", false))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eu-central")]
    [InlineData("cn-north-1")]
    [InlineData("EU-CENTRAL-1")]
    public void VaultRegion_Should_Fail_When_NotARegionOfThePartition(string region)
    {
        Assert.Equal(Invalid("backup.vault.region", Received(region), SettingsLoader.RegionRule), Error(WithVault(Set("backup.vault.region", region))));
    }

    [Fact]
    public void VaultRegion_Should_Load_When_ThePoolsRegion()
    {
        Assert.Equal("eu-west-1", Load(WithVault(Set("backup.vault.region", "eu-west-1"))).Backup.Vault!.Region);
    }

    [Theory]
    [InlineData("backup.vault.account")]
    [InlineData("backup.vault.region")]
    public void Vault_Should_Fail_When_ARequiredKeyIsMissing(string path)
    {
        Assert.StartsWith($"{Key(path)} is missing: ", Error(WithVault(Remove(path))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    public void VaultKeyArn_Should_Fail_When_InAnotherAccountOrRegion(string arn)
    {
        Assert.StartsWith($"{Key("backup.vault.keyArn")} \"{arn}\" is invalid with backup.vault account \"{VaultAccount}\" and region \"eu-central-1\": ",
            Error(WithVault(Set("backup.vault.keyArn", arn))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:kms:eu-central-1:210987654321:alias/vault")]
    [InlineData("arn:aws:kms:eu-central-1:210987654321:key/mrk-1234abcd12ab34cd56ef1234567890ab")]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab")]
    public void VaultKeyArn_Should_Fail_When_NotAKeyArn(string arn)
    {
        Assert.Equal(Invalid("backup.vault.keyArn", Received(arn), SettingsLoader.VaultKeyArnRule), Error(WithVault(Set("backup.vault.keyArn", arn))));
    }

    [Fact]
    public void VaultExpireAfterDays_Should_FailBelowTheRetention_And_LoadAtIt()
    {
        Assert.Equal(Invalid("backup.vault.expireAfterDays", "34", "use at least backup.retentionDays (35): a copy keeps its export's lock and cannot expire before it ends"),
            Error(WithVault(Set("backup.vault.expireAfterDays", 34))));
        Assert.Equal(35, Load(WithVault(Set("backup.vault.expireAfterDays", 35))).Backup.Vault!.ExpireAfterDays);
    }

    [Fact]
    public void Vault_Should_RejectAnUnknownKey()
    {
        Assert.StartsWith($"{Key("backup.vault.bucket")} is not a known setting", Error(WithVault(Set("backup.vault.bucket", "x"))), StringComparison.Ordinal);
    }
}
