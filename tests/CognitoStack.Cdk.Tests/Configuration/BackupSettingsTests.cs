using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>The backup section: schedule, lock retention, expiry, drop threshold; each limit and hostile values.</summary>
public sealed class BackupSettingsTests
{
    [Fact]
    public void Backup_Should_BeOnWithSafeDefaults_When_LeftOut()
    {
        // Act
        var backup = Load(Remove("backup")).Backup;

        // Assert
        Assert.Equal((true, "rate(1 day)", 24, 35, 90, 10, 1.0 / 3),
            (backup.Enabled, backup.Schedule, backup.ScheduleHours, backup.RetentionDays, backup.ExpireAfterDays, backup.MaxDropPercent, backup.QuotaShare));
    }

    [Theory]
    [InlineData(0.05, 1, 1.5)]
    [InlineData(0.2, 3, 2)]
    [InlineData(0.5, 7, 2.142)]
    [InlineData(1, 15, 2)]
    public void QuotaShare_Should_BecomeConcurrencyTimesPace_When_WithinLimits(double share, int concurrency, double pace)
    {
        // Act
        var rate = CognitoStack.Contract.ExportPartitions.Rate(Load(Set("backup.quotaShare", share)).Backup.QuotaShare);

        // Assert
        Assert.Equal((concurrency, pace), (rate.Concurrency, rate.PartitionRequestsPerSecond));
        Assert.True(rate.Concurrency * rate.PartitionRequestsPerSecond <= 30 * share, "the partitions together stay within the share");
    }

    [Theory]
    [InlineData("0.049")]
    [InlineData("1.001")]
    [InlineData("0.3333")]
    [InlineData("0")]
    [InlineData("\"0.5\"")]
    public void QuotaShare_Should_FailInOneLine_When_OutsideItsRange(string json)
    {
        // Act
        var message = Error(SetJson("backup.quotaShare", json));

        // Assert
        Assert.Equal(Invalid("backup.quotaShare", json, "use a number from 0.05 to 1 with at most 3 decimals"), message);
    }

    [Theory]
    [InlineData("rate(1 hour)", 1)]
    [InlineData("rate(144 hours)", 144)]
    [InlineData("rate(1 day)", 24)]
    [InlineData("rate(6 days)", 144)]
    [InlineData("rate(12 hours)", 12)]
    public void Schedule_Should_Load_When_ARateWithinLimits(string schedule, int hours)
    {
        // Act
        var backup = Load(Set("backup.schedule", schedule)).Backup;

        // Assert
        Assert.Equal((schedule, hours), (backup.Schedule, backup.ScheduleHours));
    }

    [Theory]
    [InlineData("rate(0 hours)")]
    [InlineData("rate(145 hours)")]
    [InlineData("rate(7 days)")]
    [InlineData("rate(1 days)")]
    [InlineData("rate(2 day)")]
    [InlineData("rate(01 day)")]
    [InlineData("rate(30 minutes)")]
    [InlineData("cron(0 3 * * ? *)")]
    [InlineData("rate(1 day)\n")]
    [InlineData("rate(1\u0000day)")]
    [InlineData("daily")]
    [InlineData("")]
    public void Schedule_Should_FailInOneLine_When_NotAnAcceptedRate(string schedule)
    {
        // Act
        var message = Error(Set("backup.schedule", schedule));

        // Assert
        Assert.Equal(Invalid("backup.schedule", Received(schedule), Cdk.Configuration.SettingsLoader.BackupScheduleRule), message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void Schedule_Should_Fail_When_HugeOrNotAString()
    {
        Assert.StartsWith($"{Key("backup.schedule")} ", Error(Set("backup.schedule", new string('x', 100_000))), StringComparison.Ordinal);
        Assert.Equal(Invalid("backup.schedule", "24", Cdk.Configuration.SettingsLoader.BackupScheduleRule), Error(Set("backup.schedule", 24)));
    }

    [Theory]
    [InlineData("backup.retentionDays", 0, "1 to 3,650")]
    [InlineData("backup.retentionDays", 3651, "1 to 3,650")]
    [InlineData("backup.expireAfterDays", 0, "1 to 3,650")]
    [InlineData("backup.expireAfterDays", 3651, "1 to 3,650")]
    [InlineData("backup.maxDropPercent", 0, "1 to 100")]
    [InlineData("backup.maxDropPercent", 101, "1 to 100")]
    public void WholeNumber_Should_Fail_When_PastALimit(string path, int value, string range)
    {
        // Act
        var message = Error(All(Set("backup.retentionDays", 1), Set(path, value)));

        // Assert
        Assert.Equal(Invalid(path, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"use a whole number from {range}"), message);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3650, 3650, 100)]
    public void WholeNumbers_Should_Load_When_AtTheLimits(int retention, int expire, int drop)
    {
        // Act
        var backup = Load(All(Set("backup.retentionDays", retention), Set("backup.expireAfterDays", expire), Set("backup.maxDropPercent", drop))).Backup;

        // Assert
        Assert.Equal((retention, expire, drop), (backup.RetentionDays, backup.ExpireAfterDays, backup.MaxDropPercent));
    }

    [Fact]
    public void ExpireAfterDays_Should_Fail_When_ShorterThanTheLock()
    {
        // Act
        var message = Error(All(Set("backup.retentionDays", 35), Set("backup.expireAfterDays", 34)));

        // Assert
        Assert.Equal(Invalid("backup.expireAfterDays", "34", "use at least retentionDays (35): a locked export cannot expire before its lock ends"), message);
    }

    [Theory]
    [InlineData("backup.enabled", "\"yes\"")]
    [InlineData("backup.retentionDays", "\"35\"")]
    [InlineData("backup.maxDropPercent", "10.5")]
    [InlineData("backup", "[]")]
    public void Backup_Should_FailInOneLine_When_AValueHasTheWrongType(string path, string json)
    {
        // Act
        var message = Error(SetJson(path, json));

        // Assert
        Assert.StartsWith($"{Key(path)} ", message, StringComparison.Ordinal);
        Assert.Contains(" is invalid: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backup_Should_RejectAnUnknownKey()
    {
        Assert.StartsWith($"{Key("backup.retention")} is not a known setting", Error(Set("backup.retention", 35)), StringComparison.Ordinal);
    }

    [Fact]
    public void CdkJson_Should_WriteBackupOffInDevAndOnInProd()
    {
        Assert.False(Load().Backup.Enabled);
        Assert.True(Cdk.Configuration.SettingsLoader.Load(Infrastructure.Repository.Environments, "prod", Infrastructure.Repository.Root).Backup.Enabled);
    }
}
