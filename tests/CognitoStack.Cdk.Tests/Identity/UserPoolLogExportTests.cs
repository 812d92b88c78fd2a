using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Identity;

/// <summary>The user pool's own logs go to CloudWatch Logs groups kept like the pool's other logs.</summary>
[Collection(SynthCollection.Name)]
public sealed class UserPoolLogExportTests(SynthFixture synth)
{
    [Theory]
    [InlineData("dev", "userNotification:ERROR")]
    [InlineData("prod", "userNotification:ERROR,userAuthEvents:INFO")]
    public void LogDelivery_Should_ExportNotificationErrors_AndUserActivityOnlyWithThreatProtection(string env, string expected)
    {
        var delivery = synth[env].Resources("Identity", "AWS::Cognito::LogDeliveryConfiguration").Single().Resource["Properties"]!;

        Assert.Equal("""{"Ref":"UserDirectoryUserPoolD2758A4E"}""", SynthesizedEnvironment.Text(delivery["UserPoolId"]));
        Assert.Equal(expected, string.Join(',', delivery["LogConfigurations"]!.AsArray().Select(c => $"{(string?)c!["EventSource"]}:{(string?)c["LogLevel"]}")));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void LogDelivery_Should_NameEachGroupByItsOwnArn_WithoutTheStreamWildcard(string env)
    {
        var delivery = synth[env].Resources("Identity", "AWS::Cognito::LogDeliveryConfiguration").Single().Resource["Properties"]!;
        var groups = synth[env].Resources("Identity", "AWS::Logs::LogGroup").Select(g => g.LogicalId).ToHashSet();

        Assert.All(delivery["LogConfigurations"]!.AsArray(), c =>
        {
            var arn = SynthesizedEnvironment.Text(c!["CloudWatchLogsConfiguration"]!["LogGroupArn"]);
            Assert.Matches(""":log-group:",\{"Ref":"UserPoolLogs[A-Za-z]+[0-9A-F]{8}"\}\]\]\}$""", arn);
            Assert.Contains(groups, g => arn.Contains($"\"Ref\":\"{g}\"", StringComparison.Ordinal));
        });
    }

    [Theory]
    [InlineData("dev", 14, "Delete")]
    [InlineData("prod", 365, "Retain")]
    public void ExportedLogGroups_Should_UseTheVendedLogsPrefix_AndTheEnvironmentsRetentionAndRemovalPolicy(string env, int days, string policy)
    {
        var groups = synth[env].Resources("Identity", "AWS::Logs::LogGroup").Where(g => g.LogicalId.StartsWith("UserPoolLogs", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(groups);
        Assert.All(groups, g =>
        {
            Assert.StartsWith("""{"Fn::Join":["",["/aws/vendedlogs/cognito/",{"Ref":"UserDirectoryUserPoolD2758A4E"}""", SynthesizedEnvironment.Text(g.Resource["Properties"]!["LogGroupName"]), StringComparison.Ordinal);
            Assert.Equal(days, (int?)g.Resource["Properties"]!["RetentionInDays"]);
            Assert.Equal(policy, (string?)g.Resource["DeletionPolicy"]);
            Assert.Null(g.Resource["Properties"]!["KmsKeyId"]);
        });
    }

    [Fact]
    public void NoStack_Should_DeclareAnAccountLevelLogsResourcePolicy() =>
        Assert.All(synth.All, env => Assert.DoesNotContain(env.AllResources(), r => (string?)r.Resource["Type"] == "AWS::Logs::ResourcePolicy"));
}
