using CognitoStack.Cdk.Configuration;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>Settings chosen from a fixed list of names, and true/false settings.</summary>
public sealed class ChoiceSettingsTests
{
    [Theory]
    [InlineData("removalPolicy", "SOMETIMES", "RETAIN, DESTROY")]
    [InlineData("removalPolicy", "retain", "RETAIN, DESTROY")]
    [InlineData("userPool.mfa", "SOMETIMES", "OFF, OPTIONAL, REQUIRED")]
    [InlineData("userPool.mfa", "required", "OFF, OPTIONAL, REQUIRED")]
    [InlineData("userPool.mfa", "", "OFF, OPTIONAL, REQUIRED")]
    [InlineData("userPool.featurePlan", "ADVANCED", "LITE, ESSENTIALS, PLUS")]
    [InlineData("userPool.threatProtection", "ON", "OFF, AUDIT, ENFORCED")]
    [InlineData("backend.publish", "NativeAot", "readyToRun, nativeAot")]
    [InlineData("triggers.publish", "aot", "readyToRun, nativeAot")]
    [InlineData("backup.publish", "", "readyToRun, nativeAot")]
    [InlineData("api.authorizer", "jwt", "COGNITO, JWT")]
    [InlineData("api.authorizer", "LAMBDA", "COGNITO, JWT")]
    public void ChoiceSetting_Should_FailListingChoices_When_NotAChoiceName(string path, string value, string choices)
    {
        // Act
        var message = Error(Set(path, value));

        // Assert
        Assert.Equal(Invalid(path, Received(value), $"use one of {choices}"), message);
    }

    [Theory]
    [InlineData("removalPolicy", "RETAIN, DESTROY")]
    [InlineData("userPool.mfa", "OFF, OPTIONAL, REQUIRED")]
    [InlineData("userPool.featurePlan", "LITE, ESSENTIALS, PLUS")]
    [InlineData("userPool.threatProtection", "OFF, AUDIT, ENFORCED")]
    public void ChoiceSetting_Should_Fail_When_ANumber(string path, string choices)
    {
        // Act
        var message = Error(Set(path, 1));

        // Assert
        Assert.Equal(Invalid(path, "1", $"use one of {choices}"), message);
    }

    [Theory]
    [InlineData("removalPolicy", "RETAIN", StatefulRemovalPolicy.Retain)]
    [InlineData("removalPolicy", "DESTROY", StatefulRemovalPolicy.Destroy)]
    [InlineData("userPool.mfa", "OFF", MfaMode.Off)]
    [InlineData("userPool.mfa", "OPTIONAL", MfaMode.Optional)]
    [InlineData("userPool.mfa", "REQUIRED", MfaMode.Required)]
    [InlineData("backend.publish", "readyToRun", LambdaPublish.ReadyToRun)]
    [InlineData("backend.publish", "nativeAot", LambdaPublish.NativeAot)]
    [InlineData("triggers.publish", "nativeAot", LambdaPublish.NativeAot)]
    [InlineData("backup.publish", "nativeAot", LambdaPublish.NativeAot)]
    public void ChoiceSetting_Should_Load_When_AChoiceName(string path, string value, object expected)
    {
        // Act
        var settings = Load(Set(path, value));

        // Assert
        Assert.Equal(expected, Get(settings, path));
    }

    [Theory]
    [InlineData("userPool.selfSignUp")]
    [InlineData("userPool.deletionProtection")]
    [InlineData("identityPool.allowGuests")]
    [InlineData("api.manageAccountCloudWatchRole")]
    [InlineData("waf.enabled")]
    [InlineData("clients.smokeTestClient")]
    [InlineData("backend.snapStart")]
    [InlineData("triggers.snapStart")]
    public void BooleanSetting_Should_Fail_When_Yes(string path)
    {
        // Act
        var message = Error(Set(path, "yes"));

        // Assert
        Assert.Equal(Invalid(path, "\"yes\"", "use true or false"), message);
    }

    [Theory]
    [InlineData("userPool.selfSignUp", "\"true\"", "\"true\"")]
    [InlineData("waf.enabled", "1", "1")]
    [InlineData("identityPool.allowGuests", "[true]", "(a list)")]
    [InlineData("backend.snapStart", "\"\\u0007\"", "\"\\u0007\"")]
    [InlineData("triggers.snapStart", "{}", "(an object)")]
    public void BooleanSetting_Should_Fail_When_NotAJsonBoolean(string path, string json, string received)
    {
        // Act
        var message = Error(SetJson(path, json));

        // Assert
        Assert.Equal(Invalid(path, received, "use true or false"), message);
    }

    [Theory]
    [InlineData("userPool.selfSignUp", true)]
    [InlineData("userPool.selfSignUp", false)]
    [InlineData("userPool.deletionProtection", true)]
    [InlineData("userPool.deletionProtection", false)]
    [InlineData("identityPool.allowGuests", true)]
    [InlineData("identityPool.allowGuests", false)]
    [InlineData("api.manageAccountCloudWatchRole", true)]
    [InlineData("api.manageAccountCloudWatchRole", false)]
    [InlineData("waf.enabled", true)]
    [InlineData("waf.enabled", false)]
    [InlineData("clients.smokeTestClient", true)]
    [InlineData("clients.smokeTestClient", false)]
    [InlineData("backend.snapStart", true)]
    [InlineData("backend.snapStart", false)]
    [InlineData("triggers.snapStart", true)]
    [InlineData("triggers.snapStart", false)]
    public void BooleanSetting_Should_Load_When_TrueOrFalse(string path, bool value)
    {
        // Act
        var settings = Load(Set(path, value));

        // Assert
        Assert.Equal(value, Get(settings, path));
    }

    [Fact]
    public void ApiAuthorizer_Should_BeCognito_When_LeftOut() =>
        Assert.Equal(ApiAuthorizer.Cognito, Load().Api.Authorizer);

    [Fact]
    public void ApiAuthorizer_Should_LoadJwt() =>
        Assert.Equal(ApiAuthorizer.Jwt, Load(Set("api.authorizer", "JWT")).Api.Authorizer);
}
