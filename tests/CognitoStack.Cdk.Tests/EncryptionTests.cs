using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests;

/// <summary>
/// Encryption at rest over every template of every environment, as AWS Control Tower's proactive controls
/// check it at deploy (tools/controls runs them all in CI; these tests say what the stacks promise).
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class EncryptionTests(SynthFixture synth)
{
    /// <summary>Where Cognito delivers the user pool's logs; Cognito cannot deliver to a KMS-encrypted group.</summary>
    private const string CognitoDeliveryPrefix = "/aws/vendedlogs/cognito/";

    [Fact]
    public void EveryLogGroup_Should_BeEncryptedWithAKeyOfItsStack_ExceptCognitosDeliveryTargets()
    {
        var checkedGroups = 0;
        foreach (var env in synth.All)
        {
            foreach (var (stackId, logicalId, resource) in env.AllResources().Where(r => (string?)r.Resource["Type"] == "AWS::Logs::LogGroup"))
            {
                var properties = resource["Properties"]!;
                var where = $"{env.Settings.Name}/{stackId}/{logicalId}";
                if (SynthesizedEnvironment.Text(properties["LogGroupName"]).Contains(CognitoDeliveryPrefix, StringComparison.Ordinal))
                {
                    Assert.True(properties["KmsKeyId"] is null, $"{where}: Cognito cannot deliver to an encrypted log group");
                    continue;
                }

                var keyId = (string?)properties["KmsKeyId"]?["Fn::GetAtt"]?[0];
                Assert.True(keyId is not null, $"{where} has no KmsKeyId of a key in its stack");
                Assert.Equal("AWS::KMS::Key", (string?)env.Json[stackId]["Resources"]![keyId]!["Type"]);
                checkedGroups++;
            }
        }

        Assert.True(checkedGroups >= 3 * synth.All.Count(), $"expected the function and access log groups of every environment, saw {checkedGroups}");
    }

    [Fact]
    public void EveryKmsKey_Should_RotateAndDenyGrantsUnlessForAnAwsResourceOrService()
    {
        var keys = synth.All.SelectMany(env => env.AllResources()
            .Where(r => (string?)r.Resource["Type"] == "AWS::KMS::Key")
            .Select(r => (Where: $"{env.Settings.Name}/{r.StackId}/{r.LogicalId}", Properties: r.Resource["Properties"]!)))
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.True((bool?)key.Properties["EnableKeyRotation"] == true, $"{key.Where}: rotation off");
            var deny = key.Properties["KeyPolicy"]!["Statement"]!.AsArray().SingleOrDefault(s => (string?)s!["Sid"] == "GrantsOnlyForAwsServices");
            Assert.True(deny is not null, $"{key.Where}: no GrantsOnlyForAwsServices statement");
            Assert.Equal(
                """{"Action":"kms:CreateGrant","Condition":{"BoolIfExists":{"kms:GrantIsForAWSResource":"false","aws:PrincipalIsAWSService":"false"}},"Effect":"Deny","Principal":{"AWS":"*"},"Resource":"*","Sid":"GrantsOnlyForAwsServices"}""",
                SynthesizedEnvironment.Text(deny));
        });
    }

    [Theory]
    [InlineData("Identity")]
    [InlineData("Api")]
    public void LogKey_Should_LetOnlyCloudWatchLogsUseIt_ForLogGroupsOfThisAccountAndRegion(string stackId)
    {
        var key = synth["prod"].Resources(stackId, "AWS::KMS::Key").Single(k => k.LogicalId.StartsWith("LogKey", StringComparison.Ordinal)).Resource;
        var statement = key["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray().Single(s => (string?)s!["Sid"] == "CloudWatchLogsOfThisAccount")!;

        Assert.Contains("logs.", SynthesizedEnvironment.Text(statement["Principal"]!["Service"]), StringComparison.Ordinal);
        var arn = SynthesizedEnvironment.Text(statement["Condition"]!["ArnLike"]!["kms:EncryptionContext:aws:logs:arn"]);
        Assert.Contains(":log-group:*", arn, StringComparison.Ordinal);
        Assert.Contains("AWS::AccountId", arn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IdentityFederationAuthenticatedRole")]
    [InlineData("IdentityFederationAdminRole")]
    public void SignedInRoles_Should_UseTheBucketKeyOnlyThroughS3(string rolePrefix)
    {
        var role = synth["prod"].Resources("Identity", "AWS::IAM::Role").Single(r => r.LogicalId.StartsWith(rolePrefix, StringComparison.Ordinal)).Resource;
        var statement = PolicyTests.Statements(role).Single(s => SynthesizedEnvironment.Text(s["Action"]).Contains("kms:", StringComparison.Ordinal));

        Assert.Equal("""["kms:Decrypt","kms:GenerateDataKey"]""", SynthesizedEnvironment.Text(statement["Action"]));
        Assert.Contains("UserFilesKey", SynthesizedEnvironment.Text(statement["Resource"]), StringComparison.Ordinal);
        Assert.Contains("\"kms:ViaService\":", SynthesizedEnvironment.Text(statement["Condition"]!["StringEquals"]), StringComparison.Ordinal);
    }
}
