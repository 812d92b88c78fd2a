using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Monitoring;

/// <summary>The Monitoring stack: where it sits, its topic and its dashboard.</summary>
[Collection(SynthCollection.Name)]
public sealed class MonitoringStackTests(SynthFixture synth)
{
    [Fact]
    public void MonitoringStack_Should_BeAbsent_When_MonitoringIsOff()
    {
        Assert.False(synth["dev"].Settings.Monitoring.Enabled);
        Assert.Null(synth["dev"].Manifest["artifacts"]!["Monitoring"]);
    }

    [Fact]
    public void MonitoringStack_Should_DependOnBothStacks_AndNothingOnIt()
    {
        var prod = synth["prod"];

        // And on Backup where the export is on (its alarms watch the export function).
        Assert.Equal(["Api", "Backup", "Identity"], Dependencies(prod, "Monitoring").Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Monitoring", Dependencies(prod, "Backup"));
        Assert.DoesNotContain("Monitoring", Dependencies(prod, "Identity").Concat(Dependencies(prod, "Api")));
        Assert.DoesNotContain("Api", Dependencies(prod, "Identity"));
        Assert.Equal("CognitoStack-prod-Monitoring", (string?)prod.StackArtifact("Monitoring")["properties"]!["stackName"]);
    }

    [Fact]
    public void AlarmTopic_Should_BeEncryptedWithARotatingKeyCloudWatchMayUse()
    {
        var template = synth["prod"].Monitoring;

        template.HasProperties("AWS::SNS::Topic", D(new() { ["KmsMasterKeyId"] = D(new() { ["Fn::GetAtt"] = Match.ArrayWith([Match.StringLikeRegexp("^AlarmTopicKey"), "Arn"]) }) }));
        template.HasProperties("AWS::KMS::Key", D(new()
        {
            ["EnableKeyRotation"] = true,
            ["KeyPolicy"] = D(new()
            {
                ["Statement"] = Match.ArrayWith([Match.ObjectLike(D(new()
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = D(new() { ["Service"] = "cloudwatch.amazonaws.com" }),
                    ["Action"] = new[] { "kms:Decrypt", "kms:GenerateDataKey*" },
                    ["Condition"] = D(new()
                    {
                        ["StringEquals"] = D(new() { ["aws:SourceAccount"] = D(new() { ["Ref"] = "AWS::AccountId" }) }),
                        ["ArnLike"] = D(new() { ["aws:SourceArn"] = Match.AnyValue() }),
                    }),
                }))]),
            }),
        }));
    }

    [Fact]
    public void AlarmTopicPolicy_Should_RefusePublishingWithoutTls_AndAdmitOnlyThisAccountsAlarms() =>
        synth["prod"].Monitoring.HasProperties("AWS::SNS::TopicPolicy", D(new()
        {
            ["PolicyDocument"] = D(new()
            {
                ["Statement"] = Match.ArrayWith(
                [
                    Match.ObjectLike(D(new()
                    {
                        ["Effect"] = "Allow",
                        ["Principal"] = D(new() { ["Service"] = "cloudwatch.amazonaws.com" }),
                        ["Action"] = "sns:Publish",
                        ["Condition"] = D(new()
                        {
                            ["StringEquals"] = D(new() { ["aws:SourceAccount"] = D(new() { ["Ref"] = "AWS::AccountId" }) }),
                            ["ArnLike"] = D(new() { ["aws:SourceArn"] = Match.AnyValue() }),
                        }),
                    })),
                    Match.ObjectLike(D(new()
                    {
                        ["Effect"] = "Deny",
                        ["Principal"] = "*",
                        ["Action"] = "sns:Publish",
                        ["Condition"] = D(new() { ["Bool"] = D(new() { ["aws:SecureTransport"] = "false" }) }),
                    })),
                ]),
            }),
        }));

    [Fact]
    public void AlarmTopic_Should_SubscribeEveryAlarmEmail()
    {
        var prod = synth["prod"];
        var endpoints = prod.Resources("Monitoring", "AWS::SNS::Subscription").Select(s => s.Resource["Properties"]!)
            .Select(p => ((string?)p["Protocol"], (string?)p["Endpoint"]));

        Assert.Equal(prod.Settings.Monitoring.AlarmEmails.Select(e => ((string?)"email", (string?)e)), endpoints);
    }

    [Fact]
    public void Dashboard_Should_ShowEveryAlarmAndTheTraffic_AndBeAnOutput()
    {
        var prod = synth["prod"];
        var dashboard = prod.Resources("Monitoring", "AWS::CloudWatch::Dashboard").Single();
        var body = SynthesizedEnvironment.Text(dashboard.Resource["Properties"]!["DashboardBody"]);

        Assert.Equal("CognitoStack-prod", (string?)dashboard.Resource["Properties"]!["DashboardName"]);
        Assert.Equal($$"""{"Ref":"{{dashboard.LogicalId}}"}""", SynthesizedEnvironment.Text(prod.Json["Monitoring"]["Outputs"]!["DashboardName"]!["Value"]));
        Assert.All(["\\\"Count\\\"", "SignInSuccesses", "TokenRefreshSuccesses", "BlockedRequests", "CompromisedCredentialRisk"],
            signal => Assert.Contains(signal, body, StringComparison.Ordinal));
        Assert.All(prod.Resources("Monitoring", "AWS::CloudWatch::Alarm"),
            alarm => Assert.Contains($"\"Fn::GetAtt\":[\"{alarm.LogicalId}\",\"Arn\"]", body, StringComparison.Ordinal));
    }

    private static Dictionary<string, object> D(Dictionary<string, object> entries) => entries;

    private static IEnumerable<string> Dependencies(SynthesizedEnvironment env, string stackId) =>
        (env.StackArtifact(stackId)["dependencies"]?.AsArray() ?? []).Select(d => (string)d!).Where(env.StackIds.Contains);
}
