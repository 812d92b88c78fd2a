using Amazon.CDK;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Stacks;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>An environment with only the required keys gets the safe defaults.</summary>
public sealed class DefaultsTests
{
    [Theory]
    [InlineData("account", null)]
    [InlineData("region", null)]
    [InlineData("removalPolicy", StatefulRemovalPolicy.Retain)]
    [InlineData("logRetentionDays", 365)]
    [InlineData("userPool.selfSignUp", false)]
    [InlineData("userPool.mfa", MfaMode.Required)]
    [InlineData("userPool.featurePlan", FeaturePlan.Plus)]
    [InlineData("userPool.threatProtection", ThreatProtectionMode.Enforced)]
    [InlineData("userPool.deletionProtection", true)]
    [InlineData("userPool.passwordMinimumLength", 12)]
    [InlineData("userPool.temporaryPasswordValidityDays", 7)]
    [InlineData("clients.accessTokenValidityMinutes", 60)]
    [InlineData("clients.idTokenValidityMinutes", 60)]
    [InlineData("clients.refreshTokenValidityDays", 30)]
    [InlineData("clients.smokeTestClient", false)]
    [InlineData("resourceServer.name", "myapp-api")]
    [InlineData("identityPool.allowGuests", false)]
    [InlineData("api.throttlingRateLimit", 50)]
    [InlineData("api.throttlingBurstLimit", 100)]
    [InlineData("api.manageAccountCloudWatchRole", true)]
    [InlineData("backend.memorySizeMb", 512)]
    [InlineData("backend.timeoutSeconds", 10)]
    [InlineData("waf.enabled", true)]
    [InlineData("waf.rateLimitPer5Minutes", 1000)]
    [InlineData("monitoring.enabled", true)]
    [InlineData("monitoring.alarmTopicArn", null)]
    [InlineData("monitoring.apiErrorRatePercent", 1)]
    [InlineData("monitoring.apiLatencyP99Ms", 2000)]
    [InlineData("monitoring.backendDurationPercentOfTimeout", 80)]
    [InlineData("monitoring.wafBlockedRequestsPer5Minutes", 100)]
    [InlineData("monitoring.riskyRequestsPer5Minutes", 10)]
    [InlineData("userPool.passwordHistorySize", 0)]
    [InlineData("userPool.passkeys.userVerification", PasskeyUserVerification.Required)]
    [InlineData("clients.refreshTokenRotation.enabled", true)]
    [InlineData("clients.refreshTokenRotation.retryGracePeriodSeconds", 0)]
    [InlineData("triggers.machineTokenClaims", false)]
    [InlineData("hostedUi.style", HostedUiStyle.ManagedLogin)]
    [InlineData("hostedUi.css", null)]
    [InlineData("hostedUi.branding", null)]
    [InlineData("email.sender", EmailSender.Ses)]
    [InlineData("email.sesRegion", null)]
    [InlineData("email.replyTo", null)]
    [InlineData("email.configurationSet", null)]
    [InlineData("email.verification", null)]
    [InlineData("email.invitation", null)]
    public void Setting_Should_GetTheSafeDefault_When_LeftOut(string path, object? expected)
    {
        // Act
        var settings = Load(environment: Minimal());

        // Assert
        Assert.Equal(expected, Get(settings, path));
    }

    [Fact]
    public void Factors_Should_BePasswordAndTotp_When_LeftOut()
    {
        // Act
        var settings = Load(environment: Minimal());

        // Assert
        Assert.Equal([SignInFactor.Password], settings.UserPool.SignInFactors);
        Assert.Equal([MfaFactor.Totp], settings.UserPool.MfaFactors);
        Assert.Empty(settings.HostedUi.Assets);
    }

    [Fact]
    public void Groups_Should_BeAdminAndUsers_When_LeftOut()
    {
        // Act
        var settings = Load(environment: Minimal());

        // Assert
        Assert.Equal(
            [("admin", 0), ("users", 10)],
            settings.UserPool.Groups.Select(g => (g.Name, g.Precedence)));
    }

    [Fact]
    public void StatefulResources_Should_BeRetained_When_RemovalPolicyLeftOut()
    {
        // Act
        var settings = Load(environment: Minimal());

        // Assert
        Assert.Equal(RemovalPolicy.RETAIN, PropsFromSettings.RemovalPolicy(settings));
    }

    [Theory]
    [InlineData("identityPool")]
    [InlineData("api")]
    [InlineData("backend")]
    [InlineData("waf")]
    public void OptionalSection_Should_Load_When_AnEmptyObject(string path)
    {
        // Act
        var settings = Load(SetJson(path, "{}"));

        // Assert
        Assert.NotNull(Get(settings, path));
    }
}
