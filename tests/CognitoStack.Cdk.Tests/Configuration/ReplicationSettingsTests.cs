using System.Text.Json.Nodes;
using CognitoStack.Cdk.Configuration;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>The <c>replication</c> section: each key, each rule between it and the rest, hostile values.</summary>
public sealed class ReplicationSettingsTests
{
    private const string KeyArn = "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab";

    /// <summary>dev, made valid for replication: a primary region, RETAIN, and dev's TOTP-only MFA accepted.</summary>
    private static Action<JsonObject> Replicated(string replication = """{"enabled": true, "region": "eu-central-1", "allowTotpLockout": true}""") => All(
        Set("region", "eu-west-1"),
        Set("removalPolicy", "RETAIN"),
        SetJson("replication", replication));

    private static Action<JsonObject> ReplicatedWith(string key, object? value) => All(Replicated(), Set($"replication.{key}", value));

    [Fact]
    public void Replication_Should_BeOff_When_LeftOut()
    {
        // Act
        var settings = Load();

        // Assert
        Assert.Equal((false, null, IssuerType.Original, ReplicaStatus.Inactive),
            (settings.Replication.Enabled, settings.Replication.Region, settings.Replication.Issuer, settings.Replication.Status));
    }

    [Fact]
    public void Replication_Should_LoadEveryKey_When_Valid()
    {
        // Act
        var settings = Load(Replicated($$"""
            {"enabled": true, "region": "eu-central-1", "existingKeyArn": "{{KeyArn}}", "issuer": "ORIGINAL", "status": "ACTIVE",
             "failoverHealthCheckId": "11111111-2222-3333-4444-555555555555", "allowTotpLockout": true, "allowDestroy": false}
            """));

        // Assert
        var r = settings.Replication;
        Assert.Equal((true, "eu-central-1", KeyArn, IssuerType.Original, ReplicaStatus.Active, "11111111-2222-3333-4444-555555555555"),
            (r.Enabled, r.Region, r.ExistingKeyArn, r.Issuer, r.Status, r.FailoverHealthCheckId));
    }

    [Fact]
    public void Issuer_Should_BeOriginal_When_LeftOut() =>
        Assert.Equal(IssuerType.Original, Load(Replicated()).Replication.Issuer);

    [Fact]
    public void Issuer_Should_Fail_When_UpdatedWithTheCognitoAuthorizer() =>
        Assert.Equal(
            $"{Key("replication.issuer")} \"UPDATED\" is invalid with api.authorizer \"COGNITO\": \"The updated issuer type is not currently compatible with ... Amazon API Gateway Amazon Cognito authorizers\" (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html); use ORIGINAL, or set api.authorizer to JWT",
            Error(ReplicatedWith("issuer", "UPDATED")));

    [Fact]
    public void Issuer_Should_LoadUpdated_When_TheApiUsesTheJwtAuthorizer() =>
        Assert.Equal(IssuerType.Updated, Load(All(ReplicatedWith("issuer", "UPDATED"), Set("api.authorizer", "JWT"))).Replication.Issuer);

    [Fact]
    public void Region_Should_BeRequired_When_Enabled() =>
        Assert.StartsWith($"{Key("replication.region")} is missing: set the replica Region", Error(Replicated("""{"enabled": true, "allowTotpLockout": true}""")));

    [Fact]
    public void Region_Should_BeOptional_When_Disabled() =>
        Assert.False(Load(SetJson("replication", """{"enabled": false}""")).Replication.Enabled);

    [Theory]
    [InlineData("cn-north-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("EU-WEST-1")]
    [InlineData("eu-central-1\n")]
    [InlineData("eu-central-1\u0000")]
    public void Region_Should_Fail_When_NotARegionOfTheAwsPartition(string region) =>
        Assert.Equal(Invalid("replication.region", Received(region), SettingsLoader.RegionRule), Error(ReplicatedWith("region", region)));

    [Fact]
    public void Region_Should_Fail_When_ItIsThePrimary() =>
        Assert.Equal($"{Key("replication.region")} \"eu-west-1\" is invalid: it is the primary region; use another region of the aws partition",
            Error(ReplicatedWith("region", "eu-west-1")));

    [Fact]
    public void Region_Should_Fail_When_ThePrimaryIsLeftOut() =>
        Assert.StartsWith($"{Key("replication.region")} \"eu-central-1\" is invalid with region left out",
            Error(All(Replicated(), Remove("region"))));

    [Theory]
    [InlineData("12")]
    [InlineData("\"yes\"")]
    [InlineData("[true]")]
    public void Enabled_Should_Fail_When_NotABoolean(string json)
    {
        var received = json.StartsWith('[') ? "(a list)" : json;

        Assert.Equal(Invalid("replication.enabled", received, "use true or false"), Error(SetJson("replication", $$"""{"enabled": {{json}}}""")));
    }

    [Theory]
    [InlineData("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890a")]
    [InlineData("arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890abc")]
    [InlineData("arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab")]
    [InlineData("arn:aws:kms:eu-west-1:123456789012:alias/mrk-1234abcd12ab34cd56ef1234567890ab")]
    [InlineData(KeyArn + "\n")]
    public void ExistingKeyArn_Should_Fail_When_NotAMultiRegionKeyArn(string arn) =>
        Assert.StartsWith(Invalid("replication.existingKeyArn", Received(arn), "use the ARN of a multi-Region KMS key"), Error(ReplicatedWith("existingKeyArn", arn)));

    [Fact]
    public void ExistingKeyArn_Should_Fail_When_HugeString()
    {
        var arn = KeyArn + new string('a', 100_000);

        Assert.StartsWith($"{Key("replication.existingKeyArn")} \"arn:aws:kms", Error(ReplicatedWith("existingKeyArn", arn)));
    }

    [Fact]
    public void ExistingKeyArn_Should_Fail_When_InAnotherRegionThanThePrimary() =>
        Assert.StartsWith($"{Key("replication.existingKeyArn")} \"{KeyArn.Replace("eu-west-1", "eu-central-1", StringComparison.Ordinal)}\" is invalid with region \"eu-west-1\"",
            Error(ReplicatedWith("existingKeyArn", KeyArn.Replace("eu-west-1", "eu-central-1", StringComparison.Ordinal))));

    [Fact]
    public void ExistingKeyArn_Should_Fail_When_OfAnotherAccount() =>
        Assert.StartsWith($"{Key("replication.existingKeyArn")} \"{KeyArn}\" is invalid with account \"210987654321\"",
            Error(All(ReplicatedWith("existingKeyArn", KeyArn), Set("account", "210987654321"))));

    [Fact]
    public void ExistingKeyArn_Should_Load_When_OfThePrimaryRegionAndAccount() =>
        Assert.Equal(KeyArn, Load(All(ReplicatedWith("existingKeyArn", KeyArn), Set("account", "123456789012"))).Replication.ExistingKeyArn);

    [Theory]
    [InlineData("issuer", "updated", "use one of UPDATED, ORIGINAL")]
    [InlineData("status", "PENDING", "use one of KEY_ONLY, INACTIVE, ACTIVE")]
    [InlineData("failoverHealthCheckId", "11111111-2222-3333-4444-55555555555", "use the id of a Route 53 health check (a UUID such as 11111111-2222-3333-4444-555555555555)")]
    [InlineData("failoverHealthCheckId", "11111111-2222-3333-4444-555555555555\u0007", "use the id of a Route 53 health check (a UUID such as 11111111-2222-3333-4444-555555555555)")]
    public void ReplicationKey_Should_Fail_When_Invalid(string key, string value, string allowed) =>
        Assert.Equal(Invalid($"replication.{key}", Received(value), allowed), Error(ReplicatedWith(key, value)));

    [Theory]
    [InlineData("KEY_ONLY", ReplicaStatus.KeyOnly)]
    [InlineData("INACTIVE", ReplicaStatus.Inactive)]
    [InlineData("ACTIVE", ReplicaStatus.Active)]
    public void Status_Should_Load_When_AnAllowedValue(string value, ReplicaStatus expected) =>
        Assert.Equal(expected, Load(ReplicatedWith("status", value)).Replication.Status);

    [Fact]
    public void UnknownKey_Should_Fail() =>
        Assert.StartsWith($"{Key("replication.regions")} is not a known setting", Error(ReplicatedWith("regions", "eu-north-1")));

    [Fact]
    public void Replication_Should_Fail_When_TheFeaturePlanIsLite() =>
        Assert.StartsWith($"{Key("replication.enabled")} true is invalid with userPool.featurePlan \"LITE\": multi-Region replication needs ESSENTIALS or PLUS",
            Error(All(Replicated(), LiteCompatible(), SetJson("triggers", """{"preTokenGeneration": false}"""), Set("userPool.featurePlan", "LITE"))));

    [Fact]
    public void Replication_Should_Load_When_TheFeaturePlanIsEssentials() =>
        Assert.True(Load(All(Replicated(), Set("userPool.featurePlan", "ESSENTIALS"))).Replication.Enabled);

    [Fact]
    public void Replication_Should_Fail_When_TotpUsersWouldBeLockedOut() =>
        Assert.Equal($"{Key("replication.enabled")} true is invalid with userPool.mfa \"OPTIONAL\" and mfaFactors without EMAIL: secondary replicas do not support TOTP MFA, so users with TOTP cannot sign in in the replica ({SettingsLoader.ReplicationPage}); add EMAIL to userPool.mfaFactors or write out replication.allowTotpLockout true",
            Error(Replicated("""{"enabled": true, "region": "eu-central-1"}""")));

    [Fact]
    public void Replication_Should_Load_When_MfaIsOff() =>
        Assert.True(Load(All(Replicated("""{"enabled": true, "region": "eu-central-1"}"""), Set("userPool.mfa", "OFF"))).Replication.Enabled);

    [Fact]
    public void Replication_Should_Load_When_EmailMfaIsOffered() =>
        // The test-only environment "replicated": mfa REQUIRED with TOTP and EMAIL, no allowTotpLockout.
        Assert.False(SettingsLoader.Load(Infrastructure.Repository.TestEnvironments, "replicated", Infrastructure.Repository.Root).Replication.AllowTotpLockout);

    [Fact]
    public void Replication_Should_Fail_When_DestroyIsNotWrittenOut() =>
        Assert.StartsWith($"{Key("replication.enabled")} true is invalid with removalPolicy \"DESTROY\"",
            Error(All(Replicated(), Set("removalPolicy", "DESTROY"))));

    [Fact]
    public void Replication_Should_Load_When_DestroyIsWrittenOut() =>
        Assert.True(Load(All(Replicated(), Set("removalPolicy", "DESTROY"), Set("replication.allowDestroy", true))).Replication.AllowDestroy);

    [Fact]
    public void Replication_Should_Fail_When_TheReplicaRegionCannotTakeTheWebAcl() =>
        Assert.StartsWith($"{Key("replication.region")} \"eu-south-2\" is invalid with waf.enabled true",
            Error(All(ReplicatedWith("region", "eu-south-2"), Set("waf.enabled", true))));

    [Fact]
    public void Replication_Should_Load_When_TheReplicaRegionCannotTakeTheWebAclAndWafIsOff() =>
        Assert.Equal("eu-south-2", Load(ReplicatedWith("region", "eu-south-2")).Replication.Region);

    [Fact]
    public void CdkJsonProd_Should_WriteOutItsReplicationChoice() =>
        Assert.Equal("""{"enabled":false}""", Infrastructure.Repository.Environments.GetProperty("prod").GetProperty("replication").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));

    private static Action<JsonObject> ReplicatedWithRiskActions(bool notify) => All(
        Replicated(),
        Set("userPool.featurePlan", "PLUS"),
        Set("userPool.threatProtection", "ENFORCED"),
        SetJson("email", """{"fromAddress": "no-reply@example.com", "sesIdentity": "example.com"}"""),
        Set("userPool.riskActions", new JsonObject { ["notifyUsers"] = notify }));

    [Fact]
    public void Replication_Should_Fail_When_RiskActionsNotifyUsers() =>
        Assert.StartsWith($"{Key("replication")}.enabled true is invalid with userPool.riskActions.notifyUsers true: each replica has its own email configuration for threat-protection notifications",
            Error(ReplicatedWithRiskActions(notify: true)));

    [Fact]
    public void Replication_Should_Load_When_RiskActionsNotifyNoOne() =>
        Assert.False(Load(ReplicatedWithRiskActions(notify: false)).UserPool.RiskActions!.NotifyUsers);

    [Fact]
    public void Warnings_Should_AskToConfirmTheRegion_When_Replicated() =>
        Assert.Single(SettingsLoader.Warnings(Load(Replicated())),
            w => w.StartsWith($"{Key("replication.region")} \"eu-central-1\" is not checked against the Regions AWS offers replication in", StringComparison.Ordinal) && !w.Contains('\n', StringComparison.Ordinal));

    [Fact]
    public void Warnings_Should_NotMentionReplication_When_Off() =>
        Assert.DoesNotContain(SettingsLoader.Warnings(Load()), w => w.Contains("replication", StringComparison.Ordinal));
}
