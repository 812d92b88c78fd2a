using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>The environments committed in cdk.json load and say what the README documents.</summary>
public sealed class CdkJsonEnvironmentsTests
{
    [Theory]
    [InlineData("prod", "removalPolicy", StatefulRemovalPolicy.Retain)]
    [InlineData("prod", "userPool.mfa", MfaMode.Required)]
    [InlineData("prod", "userPool.featurePlan", FeaturePlan.Plus)]
    [InlineData("prod", "userPool.threatProtection", ThreatProtectionMode.Enforced)]
    [InlineData("prod", "userPool.deletionProtection", true)]
    [InlineData("prod", "userPool.selfSignUp", false)]
    [InlineData("prod", "identityPool.allowGuests", false)]
    [InlineData("prod", "waf.enabled", true)]
    [InlineData("prod", "email.sender", EmailSender.Ses)]
    [InlineData("prod", "email.sesIdentity", "example.com")]
    [InlineData("prod", "clients.smokeTestClient", false)]
    [InlineData("dev", "removalPolicy", StatefulRemovalPolicy.Destroy)]
    [InlineData("dev", "userPool.mfa", MfaMode.Optional)]
    [InlineData("dev", "userPool.featurePlan", FeaturePlan.Essentials)]
    [InlineData("dev", "userPool.threatProtection", ThreatProtectionMode.Off)]
    [InlineData("dev", "identityPool.allowGuests", true)]
    [InlineData("prod", "hostedUi.style", HostedUiStyle.ManagedLogin)]
    [InlineData("prod", "userPool.passwordHistorySize", 24)]
    [InlineData("prod", "userPool.passkeys.userVerification", PasskeyUserVerification.Required)]
    [InlineData("prod", "clients.refreshTokenRotation.enabled", true)]
    [InlineData("dev", "hostedUi.style", HostedUiStyle.ManagedLogin)]
    [InlineData("dev", "clients.refreshTokenRotation.enabled", true)]
    [InlineData("dev", "email.sender", EmailSender.Cognito)]
    [InlineData("dev", "clients.smokeTestClient", true)]
    public void CdkJsonEnvironment_Should_HaveTheDocumentedValue_When_Loaded(string env, string path, object expected)
    {
        // Act
        var settings = SettingsLoader.Load(Repository.Environments, env, Repository.Root);

        // Assert
        Assert.Equal(expected, Get(settings, path));
    }
}
