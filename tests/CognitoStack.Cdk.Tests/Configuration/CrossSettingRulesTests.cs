using System.Text.Json.Nodes;
using CognitoStack.Cdk.Configuration;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>Rules between settings: each error names both keys.</summary>
public sealed class CrossSettingRulesTests
{
    [Theory]
    [InlineData("AUDIT", "ESSENTIALS")]
    [InlineData("AUDIT", "LITE")]
    [InlineData("ENFORCED", "ESSENTIALS")]
    [InlineData("ENFORCED", "LITE")]
    public void ThreatProtection_Should_FailNamingBothKeys_When_OnWithoutFeaturePlanPlus(string mode, string plan)
    {
        // Act
        var message = Error(All(Set("userPool.threatProtection", mode), Set("userPool.featurePlan", plan)));

        // Assert
        Assert.Equal(
            $"{Key("userPool.threatProtection")} \"{mode}\" is invalid with featurePlan \"{plan}\": "
            + "threat protection needs featurePlan PLUS; use OFF or choose PLUS",
            message);
    }

    [Theory]
    [InlineData("OFF", "LITE", ThreatProtectionMode.Off, FeaturePlan.Lite)]
    [InlineData("OFF", "ESSENTIALS", ThreatProtectionMode.Off, FeaturePlan.Essentials)]
    [InlineData("OFF", "PLUS", ThreatProtectionMode.Off, FeaturePlan.Plus)]
    [InlineData("AUDIT", "PLUS", ThreatProtectionMode.Audit, FeaturePlan.Plus)]
    [InlineData("ENFORCED", "PLUS", ThreatProtectionMode.Enforced, FeaturePlan.Plus)]
    public void ThreatProtection_Should_Load_When_OffOrFeaturePlanPlus(
        string mode, string plan, ThreatProtectionMode expectedMode, FeaturePlan expectedPlan)
    {
        // Act
        var settings = Load(All(LiteCompatible(), Set("userPool.threatProtection", mode), Set("userPool.featurePlan", plan), SetJson("triggers", """{"preTokenGeneration": false}""")));

        // Assert
        Assert.Equal((expectedMode, expectedPlan), (settings.UserPool.ThreatProtection, settings.UserPool.FeaturePlan));
    }

    [Fact]
    public void PreTokenGeneration_Should_Fail_When_FeaturePlanIsLite()
    {
        // Act
        var message = Error(All(LiteCompatible(), Set("userPool.featurePlan", "LITE"), Set("userPool.threatProtection", "OFF")));

        // Assert
        Assert.StartsWith($"{Key("triggers.preTokenGeneration")} true is invalid with userPool.featurePlan \"LITE\"", message);
    }

    [Theory]
    [InlineData("ESSENTIALS")]
    [InlineData("PLUS")]
    public void PreTokenGeneration_Should_Load_When_FeaturePlanAllowsV2Events(string plan)
    {
        // Act
        var settings = Load(All(Set("userPool.featurePlan", plan), Set("userPool.threatProtection", "OFF")));

        // Assert
        Assert.True(settings.Triggers.PreTokenGeneration);
    }

    [Theory]
    [InlineData(1, 1440, 60, 1440, 2)]
    [InlineData(1, 60, 1440, 1440, 2)]
    [InlineData(1, 1440, 1440, 1440, 2)]
    public void RefreshToken_Should_FailNamingTheTokenLifetime_When_NotOutlivingAccessOrIdToken(
        int refreshDays, int accessMinutes, int idMinutes, int longest, int atLeast)
    {
        // Act
        var message = Error(Tokens(refreshDays, accessMinutes, idMinutes));

        // Assert
        Assert.Equal(
            $"{Key("clients.refreshTokenValidityDays")} {refreshDays} is invalid: "
            + $"the refresh token must outlive the access and ID tokens ({longest} minutes); use at least {atLeast}",
            message);
    }

    [Theory]
    [InlineData(1, 1439, 1439)]
    [InlineData(2, 1440, 1440)]
    public void RefreshToken_Should_Load_When_OutlivingAccessAndIdTokens(int refreshDays, int accessMinutes, int idMinutes)
    {
        // Act
        var settings = Load(Tokens(refreshDays, accessMinutes, idMinutes));

        // Assert
        Assert.Equal(refreshDays, settings.Clients.RefreshTokenValidityDays);
    }

    private static Action<JsonObject> Tokens(int refreshDays, int accessMinutes, int idMinutes) => All(
        Set("clients.refreshTokenValidityDays", refreshDays),
        Set("clients.accessTokenValidityMinutes", accessMinutes),
        Set("clients.idTokenValidityMinutes", idMinutes));
}
