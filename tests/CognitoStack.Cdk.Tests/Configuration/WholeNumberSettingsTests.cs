using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>Every whole-number setting: one past each limit fails, each limit loads.</summary>
public sealed class WholeNumberSettingsTests
{
    [Theory]
    [InlineData("userPool.passwordMinimumLength", 11, "12 to 99")]
    [InlineData("userPool.passwordMinimumLength", 100, "12 to 99")]
    [InlineData("userPool.temporaryPasswordValidityDays", 0, "1 to 7")]
    [InlineData("userPool.temporaryPasswordValidityDays", 8, "1 to 7")]
    [InlineData("clients.accessTokenValidityMinutes", 4, "5 to 1,440")]
    [InlineData("clients.accessTokenValidityMinutes", 1441, "5 to 1,440")]
    [InlineData("clients.idTokenValidityMinutes", 4, "5 to 1,440")]
    [InlineData("clients.idTokenValidityMinutes", 1441, "5 to 1,440")]
    [InlineData("clients.refreshTokenValidityDays", 0, "1 to 3,650")]
    [InlineData("clients.refreshTokenValidityDays", 3651, "1 to 3,650")]
    [InlineData("api.throttlingRateLimit", 0, "1 to 10,000")]
    [InlineData("api.throttlingRateLimit", 10_001, "1 to 10,000")]
    [InlineData("api.throttlingBurstLimit", 0, "1 to 5,000")]
    [InlineData("api.throttlingBurstLimit", 5_001, "1 to 5,000")]
    [InlineData("backend.memorySizeMb", 127, "128 to 10,240")]
    [InlineData("backend.memorySizeMb", 10_241, "128 to 10,240")]
    [InlineData("backend.timeoutSeconds", 0, "1 to 29")]
    [InlineData("backend.timeoutSeconds", 30, "1 to 29")]
    [InlineData("waf.rateLimitPer5Minutes", 99, "100 to 2,000,000,000")]
    [InlineData("waf.rateLimitPer5Minutes", 2_000_000_001, "100 to 2,000,000,000")]
    [InlineData("userPool.groups[0].precedence", -1, "0 to 2,147,483,647")]
    [InlineData("monitoring.apiErrorRatePercent", 0, "1 to 100")]
    [InlineData("monitoring.apiErrorRatePercent", 101, "1 to 100")]
    [InlineData("monitoring.apiLatencyP99Ms", 49, "50 to 29,000")]
    [InlineData("monitoring.apiLatencyP99Ms", 29_001, "50 to 29,000")]
    [InlineData("monitoring.backendDurationPercentOfTimeout", 9, "10 to 100")]
    [InlineData("monitoring.backendDurationPercentOfTimeout", 101, "10 to 100")]
    [InlineData("monitoring.wafBlockedRequestsPer5Minutes", 0, "1 to 1,000,000")]
    [InlineData("monitoring.wafBlockedRequestsPer5Minutes", 1_000_001, "1 to 1,000,000")]
    [InlineData("monitoring.riskyRequestsPer5Minutes", 0, "1 to 100,000")]
    [InlineData("monitoring.riskyRequestsPer5Minutes", 100_001, "1 to 100,000")]
    [InlineData("userPool.passwordHistorySize", -1, "0 to 24")]
    [InlineData("userPool.passwordHistorySize", 25, "0 to 24")]
    [InlineData("clients.refreshTokenRotation.retryGracePeriodSeconds", -1, "0 to 60")]
    [InlineData("clients.refreshTokenRotation.retryGracePeriodSeconds", 61, "0 to 60")]
    public void WholeNumberSetting_Should_FailNamingKeyValueAndRange_When_OneOutsideALimit(string path, int value, string range)
    {
        // Act
        var message = Error(Set(path, value));

        // Assert
        Assert.Equal(Invalid(path, Received(value), $"use a whole number from {range}"), message);
    }

    [Theory]
    [InlineData("userPool.passwordMinimumLength", 12)]
    [InlineData("userPool.passwordMinimumLength", 99)]
    [InlineData("userPool.temporaryPasswordValidityDays", 1)]
    [InlineData("userPool.temporaryPasswordValidityDays", 7)]
    [InlineData("clients.accessTokenValidityMinutes", 5)]
    [InlineData("clients.accessTokenValidityMinutes", 1440)]
    [InlineData("clients.idTokenValidityMinutes", 5)]
    [InlineData("clients.idTokenValidityMinutes", 1440)]
    [InlineData("clients.refreshTokenValidityDays", 1)]
    [InlineData("clients.refreshTokenValidityDays", 3650)]
    [InlineData("api.throttlingRateLimit", 1)]
    [InlineData("api.throttlingRateLimit", 10_000)]
    [InlineData("api.throttlingBurstLimit", 1)]
    [InlineData("api.throttlingBurstLimit", 5_000)]
    [InlineData("backend.memorySizeMb", 128)]
    [InlineData("backend.memorySizeMb", 10_240)]
    [InlineData("backend.timeoutSeconds", 1)]
    [InlineData("backend.timeoutSeconds", 29)]
    [InlineData("waf.rateLimitPer5Minutes", 100)]
    [InlineData("waf.rateLimitPer5Minutes", 2_000_000_000)]
    [InlineData("monitoring.apiErrorRatePercent", 1)]
    [InlineData("monitoring.apiErrorRatePercent", 100)]
    [InlineData("monitoring.apiLatencyP99Ms", 50)]
    [InlineData("monitoring.apiLatencyP99Ms", 29_000)]
    [InlineData("monitoring.backendDurationPercentOfTimeout", 10)]
    [InlineData("monitoring.backendDurationPercentOfTimeout", 100)]
    [InlineData("monitoring.wafBlockedRequestsPer5Minutes", 1)]
    [InlineData("monitoring.wafBlockedRequestsPer5Minutes", 1_000_000)]
    [InlineData("monitoring.riskyRequestsPer5Minutes", 1)]
    [InlineData("monitoring.riskyRequestsPer5Minutes", 100_000)]
    [InlineData("userPool.passwordHistorySize", 0)]
    [InlineData("userPool.passwordHistorySize", 24)]
    [InlineData("clients.refreshTokenRotation.retryGracePeriodSeconds", 0)]
    [InlineData("clients.refreshTokenRotation.retryGracePeriodSeconds", 60)]
    public void WholeNumberSetting_Should_Load_When_AtALimit(string path, int value)
    {
        // Act
        var settings = Load(Set(path, value));

        // Assert
        Assert.Equal(value, Get(settings, path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public void GroupPrecedence_Should_Load_When_AtALimit(int precedence)
    {
        // Act
        var settings = Load(Set("userPool.groups[0].precedence", precedence));

        // Assert
        Assert.Equal(precedence, settings.UserPool.Groups[0].Precedence);
    }

    [Theory]
    [InlineData("userPool.passwordMinimumLength", "12.5", "12 to 99")]
    [InlineData("userPool.passwordMinimumLength", "1e1", "12 to 99")]
    [InlineData("userPool.groups[0].precedence", "2147483648", "0 to 2,147,483,647")]
    [InlineData("backend.memorySizeMb", "true", "128 to 10,240")]
    public void WholeNumberSetting_Should_Fail_When_NotAWholeNumberInRange(string path, string json, string range)
    {
        // Act
        var message = Error(SetJson(path, json));

        // Assert
        Assert.Equal(Invalid(path, json, $"use a whole number from {range}"), message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(3654)]
    public void LogRetentionDays_Should_FailListingAllowedDays_When_NotACloudWatchPeriod(int days)
    {
        // Act
        var message = Error(Set("logRetentionDays", days));

        // Assert
        Assert.Equal(
            Invalid("logRetentionDays", Received(days),
                "use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653"),
            message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(14)]
    [InlineData(3653)]
    public void LogRetentionDays_Should_Load_When_ACloudWatchPeriod(int days)
    {
        // Act
        var settings = Load(Set("logRetentionDays", days));

        // Assert
        Assert.Equal(days, settings.LogRetentionDays);
    }
}
