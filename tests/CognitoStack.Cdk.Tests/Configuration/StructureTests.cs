using CognitoStack.Cdk.Configuration;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>Unknown keys, wrong JSON types, null and missing keys, at every level.</summary>
public sealed class StructureTests
{
    [Theory]
    [InlineData("")]
    [InlineData("userPool")]
    [InlineData("userPool.groups[0]")]
    [InlineData("domain")]
    [InlineData("clients")]
    [InlineData("resourceServer")]
    [InlineData("resourceServer.scopes[1]")]
    [InlineData("identityPool")]
    [InlineData("api")]
    [InlineData("backend")]
    [InlineData("waf")]
    [InlineData("email")]
    public void UnknownKey_Should_FailNamingTheKey_When_AddedAtAnyLevel(string objectPath)
    {
        // Arrange
        var path = objectPath.Length == 0 ? "colour" : $"{objectPath}.colour";

        // Act
        var message = Error(Set(path, "blue"));

        // Assert
        Assert.StartsWith($"{Key(path)} is not a known setting: use one of ", message);
    }

    [Theory]
    [InlineData("mfaMode", "userPool", "customAttributes, deletionProtection, featurePlan, groups, mfa, mfaFactors, passkeys, passwordHistorySize, passwordMinimumLength, riskActions, selfSignUp, signInFactors, temporaryPasswordValidityDays, threatProtection")]
    [InlineData("region ", "", "account, api, authorization, backend, backup, clients, domain, email, hostedUi, identityPool, identityProviders, logRetentionDays, migration, monitoring, region, removalPolicy, replication, resourceServer, terms, triggers, userPool, waf, webOrigins")]
    [InlineData("Enabled", "waf", "enabled, rateLimitPer5Minutes")]
    [InlineData("memorySize", "backend", "memorySizeMb, publish, snapStart, timeoutSeconds")]
    [InlineData("throttlingRate", "api", "authorizer, manageAccountCloudWatchRole, stepUp, throttlingBurstLimit, throttlingRateLimit")]
    [InlineData("Name", "userPool.groups[1]", "description, name, precedence")]
    public void UnknownKey_Should_ListTheKnownKeys_When_ATypo(string typo, string objectPath, string known)
    {
        // Arrange
        var path = objectPath.Length == 0 ? typo : $"{objectPath}.{typo}";

        // Act
        var message = Error(Set(path, "x"));

        // Assert
        Assert.Equal($"{Key(path)} is not a known setting: use one of {known}", message);
    }

    [Theory]
    [InlineData("userPool.passwordMinimumLength", "\"12\"", "\"12\"", "use a whole number from 12 to 99")]
    [InlineData("waf.rateLimitPer5Minutes", "\"1000\"", "\"1000\"", "use a whole number from 100 to 2,000,000,000")]
    [InlineData("logRetentionDays", "\"14\"", "\"14\"", "use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653")]
    [InlineData("domain.prefix", "42", "42", "use 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, not containing \"aws\", \"amazon\" or \"cognito\"")]
    [InlineData("region", "{}", "(an object)", "use a region of the aws partition such as eu-west-1 (aws-cn and aws-us-gov are not supported)")]
    [InlineData("webOrigins", "{}", "(an object)", "use a list of 1 to 20 entries; use an origin such as https://app.example.com (scheme, host and optional port; no path, no wildcard; http only for localhost)")]
    [InlineData("webOrigins", "\"https://app.example.com\"", "\"https://app.example.com\"", "use a list of 1 to 20 entries; use an origin such as https://app.example.com (scheme, host and optional port; no path, no wildcard; http only for localhost)")]
    [InlineData("userPool.groups", "{}", "(an object)", "use a list of 2 to 25 entries; each entry is { \"name\", \"precedence\", \"description\" }")]
    [InlineData("resourceServer.scopes", "{}", "(an object)", "use a list of 2 to 100 entries; each entry is { \"name\", \"description\" }")]
    [InlineData("userPool", "[]", "(a list)", "use a JSON object")]
    [InlineData("api", "\"fast\"", "\"fast\"", "use a JSON object")]
    [InlineData("waf", "true", "true", "use a JSON object")]
    [InlineData("userPool.groups[0]", "\"admin\"", "\"admin\"", "use a JSON object")]
    [InlineData("resourceServer.scopes[0]", "\"read\"", "\"read\"", "use a JSON object")]
    [InlineData("email", "[]", "(a list)", "use a JSON object")]
    [InlineData("email.sender", "1", "1", "use one of SES, COGNITO")]
    public void Setting_Should_FailNamingKeyValueAndShape_When_WrongJsonType(string path, string json, string received, string allowed)
    {
        // Act
        var message = Error(SetJson(path, json));

        // Assert
        Assert.Equal(Invalid(path, received, allowed), message);
    }

    [Theory]
    [InlineData("account", "account", null)]
    [InlineData("region", "region", null)]
    [InlineData("removalPolicy", "removalPolicy", StatefulRemovalPolicy.Retain)]
    [InlineData("logRetentionDays", "logRetentionDays", 365)]
    [InlineData("userPool.mfa", "userPool.mfa", MfaMode.Required)]
    [InlineData("userPool.selfSignUp", "userPool.selfSignUp", false)]
    [InlineData("userPool.temporaryPasswordValidityDays", "userPool.temporaryPasswordValidityDays", 7)]
    [InlineData("clients.accessTokenValidityMinutes", "clients.accessTokenValidityMinutes", 60)]
    [InlineData("resourceServer.name", "resourceServer.name", "myapp-api")]
    [InlineData("identityPool", "identityPool.allowGuests", false)]
    [InlineData("api", "api.throttlingRateLimit", 50)]
    [InlineData("backend", "backend.memorySizeMb", 512)]
    [InlineData("waf", "waf.enabled", true)]
    public void OptionalSetting_Should_GetItsDefault_When_Null(string nullPath, string readPath, object? expected)
    {
        // Act
        var settings = Load(SetJson(nullPath, "null"));

        // Assert
        Assert.Equal(expected, Get(settings, readPath));
    }

    [Fact]
    public void Groups_Should_GetTheDefaultGroups_When_Null()
    {
        // Act
        var settings = Load(SetJson("userPool.groups", "null"));

        // Assert
        Assert.Equal(["admin", "users"], settings.UserPool.Groups.Select(g => g.Name));
    }

    [Theory]
    [InlineData("webOrigins", "use a list of 1 to 20 entries; use an origin such as")]
    [InlineData("userPool", "add this JSON object")]
    [InlineData("domain", "add this JSON object")]
    [InlineData("domain.prefix", "use 1-63 lowercase letters")]
    [InlineData("clients", "add this JSON object")]
    [InlineData("clients.callbackUrls", "use a list of 1 to 100 entries; use an absolute https URL")]
    [InlineData("clients.logoutUrls", "use a list of 1 to 100 entries; use an absolute https URL")]
    [InlineData("resourceServer", "add this JSON object")]
    [InlineData("resourceServer.identifier", "use 1-256 printable characters")]
    [InlineData("resourceServer.scopes", "use a list of 2 to 100 entries")]
    [InlineData("resourceServer.scopes[0].name", "use 1-256 printable characters")]
    [InlineData("resourceServer.scopes[0].description", "use 1-256 characters")]
    [InlineData("userPool.groups[1].name", "use 1-128 letters")]
    [InlineData("userPool.groups[1].precedence", "use a whole number from 0 to 2,147,483,647")]
    public void RequiredSetting_Should_FailAsMissing_When_LeftOut(string path, string allowedStart)
    {
        // Act
        var message = Error(Remove(path));

        // Assert
        Assert.StartsWith($"{Key(path)} is missing: {allowedStart}", message);
    }

    [Theory]
    [InlineData("userPool")]
    [InlineData("domain.prefix")]
    [InlineData("clients.callbackUrls")]
    [InlineData("resourceServer")]
    public void RequiredSetting_Should_FailAsMissing_When_Null(string path)
    {
        // Act
        var message = Error(SetJson(path, "null"));

        // Assert
        Assert.StartsWith($"{Key(path)} is missing: ", message);
    }
}
