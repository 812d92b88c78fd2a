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

    [Theory]
    [InlineData("eu-south-2")]
    [InlineData("ap-south-2")]
    public void Waf_Should_FailNamingTheRegion_When_UserPoolsCannotTakeAWebAclThere(string region)
    {
        // Act
        var message = Error(All(Set("region", region), Set("waf.enabled", true)));

        // Assert
        Assert.Equal(
            $"{Key("waf.enabled")} true is invalid with region \"{region}\": AWS WAF cannot protect user pools in eu-south-2 and ap-south-2; "
            + "set waf.enabled false (the API stage loses its web ACL too) or choose another region",
            message);
    }

    [Theory]
    [InlineData("eu-south-2", false)]
    [InlineData("eu-south-1", true)]
    [InlineData("ap-south-1", true)]
    public void Waf_Should_Load_When_OffOrTheRegionAllowsUserPoolWebAcls(string region, bool enabled)
    {
        // Act
        var settings = Load(All(Set("region", region), Set("waf.enabled", enabled)));

        // Assert
        Assert.Equal((region, enabled), (settings.Region, settings.Waf.Enabled));
    }

    [Theory]
    [InlineData("ap-southeast-6", "backend.snapStart")]
    [InlineData("ap-east-2", "backend.snapStart")]
    [InlineData("ap-southeast-6", "triggers.snapStart")]
    [InlineData("ap-east-2", "triggers.snapStart")]
    public void SnapStart_Should_FailNamingTheRegion_When_LambdaDoesNotOfferItThere(string region, string key)
    {
        // Act
        var message = Error(All(Set("region", region), Set(key, true)));

        // Assert
        Assert.Equal(
            $"{Key(key)} true is invalid with region \"{region}\": Lambda SnapStart is not offered in ap-southeast-6 and ap-east-2; set {key} false or choose another region",
            message);
    }

    [Theory]
    [InlineData("ap-east-2", false)]
    [InlineData("ap-southeast-6", false)]
    [InlineData("ap-east-1", true)]
    [InlineData("ap-southeast-5", true)]
    public void SnapStart_Should_Load_When_OffOrTheRegionOffersIt(string region, bool on)
    {
        // Act
        var settings = Load(All(Set("region", region), Set("backend.snapStart", on), Set("triggers.snapStart", on)));

        // Assert
        Assert.Equal((on, on), (settings.Backend.SnapStart, settings.Triggers.SnapStart));
    }

    [Theory]
    [InlineData("backend")]
    [InlineData("triggers")]
    public void SnapStart_Should_FailNamingBothKeys_When_TheGroupIsPublishedAsNativeAot(string group)
    {
        // Act
        var message = Error(All(Set($"{group}.snapStart", true), Set($"{group}.publish", "nativeAot")));

        // Assert
        Assert.Equal(
            $"{Key($"{group}.snapStart")} true is invalid with {group}.publish \"nativeAot\": SnapStart serves managed runtimes only and a Native AOT bootstrap runs on provided.al2023 "
            + $"(https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html); set {group}.snapStart false or {group}.publish \"readyToRun\"",
            message);
    }

    [Theory]
    [InlineData(true, "readyToRun")]
    [InlineData(false, "nativeAot")]
    public void SnapStart_Should_Load_When_TheRuntimeIsManagedOrSnapStartIsOff(bool snapStart, string publish)
    {
        // Act
        var settings = Load(All(
            Set("backend.snapStart", snapStart), Set("backend.publish", publish),
            Set("triggers.snapStart", snapStart), Set("triggers.publish", publish)));

        // Assert
        Assert.Equal((snapStart, snapStart), (settings.Backend.SnapStart, settings.Triggers.SnapStart));
    }

    private static Action<JsonObject> Tokens(int refreshDays, int accessMinutes, int idMinutes) => All(
        Set("clients.refreshTokenValidityDays", refreshDays),
        Set("clients.accessTokenValidityMinutes", accessMinutes),
        Set("clients.idTokenValidityMinutes", idMinutes));
}
