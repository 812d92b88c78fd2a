using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Identity;

[Collection(SynthCollection.Name)]
public sealed class UserPoolTests(SynthFixture synth)
{
    private const string UserPool = "AWS::Cognito::UserPool";

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void UserPool_Should_SignInByCaseInsensitiveEmail(string env) =>
        synth[env].Identity.HasProperties(UserPool, Obj(
            ("UsernameAttributes", new[] { "email" }),
            ("UsernameConfiguration", Obj(("CaseSensitive", false))),
            ("AliasAttributes", Match.Absent())));

    /// <summary>Every environment the tests synthesize: cdk.json's and the test-only ones (Fixtures/test-environments.json).</summary>
    public static TheoryData<string> Environments => [.. Repository.AllEnvironmentNames];

    /// <summary>
    /// The update path (docs/replication.md): a standard attribute in the template's Schema (the CDK writes it
    /// without <c>AttributeDataType</c>) fails every later update of a deployed pool with "Invalid
    /// AttributeDataType input" (aws-amplify/amplify-backend#3299), so no environment may emit one. Custom
    /// attributes (userPool.customAttributes) are the only Schema entries, each with its data type, and none has a
    /// standard name in any case (CloudFormation would take it for the standard attribute: aws-cdk#31593).
    /// </summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void UserPoolSchema_Should_HoldOnlyTypedCustomAttributes_InEveryEnvironment(string env)
    {
        var entries = synth[env].Resources("Identity", UserPool)
            .SelectMany(pool => pool.Resource["Properties"]?["Schema"]?.AsArray() ?? [])
            .ToList();

        Assert.All(entries, entry =>
        {
            Assert.False(CognitoStack.Contract.UserAttributes.IsStandardName((string)entry!["Name"]!), $"{env}: Schema entry {entry.ToJsonString()} has a standard name");
            Assert.NotNull(entry["AttributeDataType"]);
        });
        Assert.Equal(synth[env].Settings.UserPool.CustomAttributes.Count, entries.Count);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void UserPoolSchema_Should_BeLeftOut_When_NoCustomAttributes(string env) =>
        synth[env].Identity.HasProperties(UserPool, Obj(("Schema", Match.Absent())));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void UserPool_Should_VerifyEmailAndKeepOriginalUntilVerified(string env) =>
        synth[env].Identity.HasProperties(UserPool, Obj(
            ("AutoVerifiedAttributes", new[] { "email" }),
            ("UserAttributeUpdateSettings", Obj(("AttributesRequireVerificationBeforeUpdate", new[] { "email" })))));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void UserPool_Should_RecoverAccountsByEmailOnly(string env) =>
        synth[env].Identity.HasProperties(UserPool, Obj(
            ("AccountRecoverySetting", Obj(("RecoveryMechanisms", new object[] { Obj(("Name", "verified_email"), ("Priority", 1)) })))));

    [Theory]
    [InlineData("dev", 12, 3)]
    [InlineData("prod", 14, 1)]
    public void PasswordPolicy_Should_RequireEveryCharacterClass(string env, int minLength, int temporaryDays) =>
        synth[env].Identity.HasProperties(UserPool, Obj(
            ("Policies", Obj(("PasswordPolicy", Obj(
                ("MinimumLength", minLength),
                ("RequireLowercase", true),
                ("RequireUppercase", true),
                ("RequireNumbers", true),
                ("RequireSymbols", true),
                ("TemporaryPasswordValidityDays", temporaryDays)))))));

    [Theory]
    [InlineData("dev", "OPTIONAL")]
    [InlineData("prod", "ON")]
    public void Mfa_Should_UseTotpOnly(string env, string mode) =>
        synth[env].Identity.HasProperties(UserPool, Obj(
            ("MfaConfiguration", mode),
            ("EnabledMfas", new[] { "SOFTWARE_TOKEN_MFA" }),
            ("SmsConfiguration", Match.Absent())));

    [Fact]
    public void Prod_Should_RunPlusTierWithThreatProtectionEnforced() =>
        synth["prod"].Identity.HasProperties(UserPool, Obj(
            ("UserPoolTier", "PLUS"),
            ("UserPoolAddOns", Obj(
                ("AdvancedSecurityMode", "ENFORCED"),
                ("AdvancedSecurityAdditionalFlows", Obj(("CustomAuthMode", "ENFORCED")))))));

    [Fact]
    public void Dev_Should_RunEssentialsTierWithThreatProtectionOffAndSayWhy()
    {
        var template = synth["dev"].Identity;

        template.HasProperties(UserPool, Obj(
            ("UserPoolTier", "ESSENTIALS"),
            ("UserPoolAddOns", Obj(("AdvancedSecurityMode", "OFF"), ("AdvancedSecurityAdditionalFlows", Match.Absent())))));
        template.HasResource(UserPool, Obj(("Metadata", Obj(("cdk_nag", Obj(("rules_to_suppress",
            Match.ArrayWith([Match.ObjectLike(Obj(("id", "AwsSolutions-COG8")))]))))))));
    }

    [Fact]
    public void Prod_Should_ProtectTheUserPoolFromDeletion()
    {
        var template = synth["prod"].Identity;

        template.HasProperties(UserPool, Obj(("DeletionProtection", "ACTIVE")));
        template.HasPolicies(UserPool, "Retain");
    }

    [Fact]
    public void Dev_Should_AllowTheThrowawayPoolToBeDeleted()
    {
        var template = synth["dev"].Identity;

        template.HasProperties(UserPool, Obj(("DeletionProtection", "INACTIVE")));
        template.HasPolicies(UserPool, "Delete");
    }

    [Theory]
    [InlineData("dev", false)]
    [InlineData("prod", true)]
    public void SelfSignUp_Should_FollowTheEnvironment(string env, bool adminOnly) =>
        synth[env].Identity.HasProperties(UserPool, Obj(
            ("AdminCreateUserConfig", Obj(("AllowAdminCreateUserOnly", adminOnly)))));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Groups_Should_ExistWithPrecedence_AndAdminsGetTheAdminRole(string env)
    {
        var template = synth[env].Identity;
        var adminRole = new Capture();

        template.HasProperties("AWS::Cognito::UserPoolGroup", Obj(
            ("GroupName", "admin"), ("Precedence", 0), ("RoleArn", Obj(("Fn::GetAtt", adminRole)))));
        template.HasProperties("AWS::Cognito::UserPoolGroup", Obj(
            ("GroupName", "users"), ("Precedence", 10), ("RoleArn", Match.Absent())));
        Assert.StartsWith("IdentityFederationAdminRole", ((object[])adminRole.AsArray())[0].ToString());
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void ResourceServer_Should_DeclareReadAndWriteScopes(string env) =>
        synth[env].Identity.HasProperties("AWS::Cognito::UserPoolResourceServer", Obj(
            ("Identifier", "myapp-api"),
            ("Scopes", Match.ArrayWith([
                Match.ObjectLike(Obj(("ScopeName", "read"))),
                Match.ObjectLike(Obj(("ScopeName", "write"))),
            ]))));

    [Theory]
    [InlineData("dev", "myapp-auth-dev")]
    [InlineData("prod", "myapp-auth-prod")]
    public void Domain_Should_UseTheConfiguredPrefix(string env, string prefix) =>
        synth[env].Identity.HasProperties("AWS::Cognito::UserPoolDomain", Obj(
            ("Domain", prefix), ("CustomDomainConfig", Match.Absent())));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("federated")]
    public void UserPoolTier_Should_BeTheFeaturePlansSpellingFromItsMap(string env)
    {
        var settings = synth[env].Settings.UserPool;

        synth[env].Identity.HasProperties(UserPool, Obj(("UserPoolTier", Choices.FeaturePlan.NameOf(settings.FeaturePlan))));
    }

    [Fact]
    public void ChosenRiskReasons_Should_NameTheChoicesAsCdkJsonSpellsThem()
    {
        var settings = synth["dev"].Settings.UserPool;

        synth["dev"].Identity.HasResource(UserPool, Obj(("Metadata", Obj(("cdk_nag", Obj(("rules_to_suppress", Match.ArrayWith([
            Match.ObjectLike(Obj(("id", "AwsSolutions-COG8"), ("reason", Match.StringLikeRegexp($"chose featurePlan {Choices.FeaturePlan.NameOf(settings.FeaturePlan)} in cdk.json")))),
            Match.ObjectLike(Obj(("id", "AwsSolutions-COG2"), ("reason", Match.StringLikeRegexp($"chose mfa {Choices.Mfa.NameOf(settings.Mfa)} in cdk.json")))),
        ]))))))));
    }
}
