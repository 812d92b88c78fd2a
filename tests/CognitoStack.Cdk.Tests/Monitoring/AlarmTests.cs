using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Monitoring;

/// <summary>Every alarm: what it reads, its threshold, where it sends ALARM and OK.</summary>
[Collection(SynthCollection.Name)]
public sealed class AlarmTests(SynthFixture synth)
{
    private SynthesizedEnvironment Prod => synth["prod"];

    private IEnumerable<SynthesizedEnvironment> Monitored => synth.All.Where(e => e.Settings.Monitoring.Enabled);

    [Theory]
    [InlineData("api-5xx-error-rate", "AWS/ApiGateway", "5XXError,Count", "ApiName,Stage", "Sum,SampleCount", 1)]
    [InlineData("api-p99-latency", "AWS/ApiGateway", "Latency", "ApiName,Stage", "p99", 2000)]
    [InlineData("backend-errors", "AWS/Lambda", "Errors", "FunctionName", "Sum", 1)]
    [InlineData("backend-throttles", "AWS/Lambda", "Throttles", "FunctionName", "Sum", 1)]
    [InlineData("backend-p99-duration-near-timeout", "AWS/Lambda", "Duration", "FunctionName", "p99", 8000)]
    [InlineData("pretokengeneration-errors", "AWS/Lambda", "Errors", "FunctionName", "Sum", 1)]
    [InlineData("pretokengeneration-throttles", "AWS/Lambda", "Throttles", "FunctionName", "Sum", 1)]
    [InlineData("pretokengeneration-logged-errors", "CognitoStack/prod", "PreTokenGenerationErrorLines", "", "Sum", 1)]
    [InlineData("postconfirmation-errors", "AWS/Lambda", "Errors", "FunctionName", "Sum", 1)]
    [InlineData("postconfirmation-throttles", "AWS/Lambda", "Throttles", "FunctionName", "Sum", 1)]
    [InlineData("postconfirmation-logged-errors", "CognitoStack/prod", "PostConfirmationErrorLines", "", "Sum", 1)]
    [InlineData("userpool-signin-throttled", "AWS/Cognito", "SignInThrottles", "UserPool,UserPoolClient", "Sum", 1)]
    [InlineData("userpool-signup-throttled", "AWS/Cognito", "SignUpThrottles", "UserPool,UserPoolClient", "Sum", 1)]
    [InlineData("userpool-token-refresh-throttled", "AWS/Cognito", "TokenRefreshThrottles", "UserPool,UserPoolClient", "Sum", 1)]
    [InlineData("userpool-compromised-credentials", "AWS/Cognito", "CompromisedCredentialRisk", "Operation,RiskLevel,UserPoolId", "Sum", 10)]
    [InlineData("userpool-account-takeover-risk", "AWS/Cognito", "AccountTakeoverRisk", "Operation,RiskLevel,UserPoolId", "Sum", 10)]
    [InlineData("waf-Api-blocked-requests-spike", "AWS/WAFV2", "BlockedRequests", "Region,Rule,WebACL", "Sum", 100)]
    [InlineData("waf-UserPool-blocked-requests-spike", "AWS/WAFV2", "BlockedRequests", "Region,Rule,WebACL", "Sum", 100)]
    public void ProdAlarm_Should_ReadTheDocumentedMetricWithItsThreshold(string slug, string ns, string metrics, string dimensions, string statistic, double threshold)
    {
        var alarm = Alarms.Named(Prod, slug);

        var read = Alarms.Metrics(alarm);

        Assert.All(read, m => Assert.Equal(ns, m.Namespace));
        Assert.Equal(metrics.Split(','), read.Select(m => m.Name).Distinct());
        Assert.All(read, m => Assert.Equal(dimensions, string.Join(',', m.Dimensions.Keys.Order(StringComparer.Ordinal))));
        Assert.Equal(statistic.Split(','), read.Select(m => m.Statistic).Distinct());
        Assert.Equal(threshold, (double)alarm["Threshold"]!);
        Assert.Equal("GreaterThanOrEqualToThreshold", (string?)alarm["ComparisonOperator"]);
    }

    [Fact]
    public void Prod_Should_HaveEveryAlarmTheRunbookCovers()
    {
        var names = Alarms.ByName(Prod).Keys.Order(StringComparer.Ordinal);

        Assert.Equal(23, names.Count());
        Assert.All(new[] { "api-", "backend-", "pretokengeneration-", "postconfirmation-", "userpool-", "waf-", "user-export-" },
            area => Assert.Contains(names, n => n.StartsWith($"CognitoStack-prod-{area}", StringComparison.Ordinal)));
    }

    [Fact]
    public void EveryAlarm_Should_SendAlarmAndOkToTheSameTopics_AndTreatMissingDataAsNotBreaching() =>
        Assert.All(Monitored, env => Assert.All(Alarms.ByName(env), alarm =>
        {
            var actions = SynthesizedEnvironment.Text(alarm.Value["AlarmActions"]);
            Assert.NotEqual("[]", actions);
            Assert.Equal(actions, SynthesizedEnvironment.Text(alarm.Value["OKActions"]));
            // Except the one alarm whose signal is silence: no export means no datapoint.
            Assert.Equal(alarm.Key.EndsWith("-user-export-missing", StringComparison.Ordinal) ? "breaching" : "notBreaching", (string?)alarm.Value["TreatMissingData"]);
            Assert.Contains("Check first:", (string?)alarm.Value["AlarmDescription"], StringComparison.Ordinal);
        }));

    [Fact]
    public void ProdAlarms_Should_NotifyTheTopicTheStackCreates() =>
        Assert.All(Alarms.ByName(Prod).Values, alarm =>
            Assert.Matches("""^\[\{"Ref":"AlarmTopic[0-9A-F]{8}"\}\]$""", SynthesizedEnvironment.Text(alarm["AlarmActions"])));

    [Fact]
    public void Alarms_Should_NotifyTheGivenTopic_When_AlarmTopicArnIsSet()
    {
        var federated = synth["federated"];

        Assert.Empty(federated.Resources("Monitoring", "AWS::SNS::Topic"));
        Assert.All(Alarms.ByName(federated).Values, alarm =>
            Assert.Equal("""["arn:aws:sns:eu-west-1:123456789012:ops-alarms"]""", SynthesizedEnvironment.Text(alarm["AlarmActions"])));
    }

    [Fact]
    public void ApiAlarms_Should_WatchThisEnvironmentsApiByItsUniqueName()
    {
        var apiName = (string)Prod.Resources("Api", "AWS::ApiGateway::RestApi").Single().Resource["Properties"]!["Name"]!;

        Assert.Equal("CognitoStack-prod", apiName);
        Assert.All(new[] { "api-5xx-error-rate", "api-p99-latency" }, slug => Assert.All(Alarms.Metrics(Alarms.Named(Prod, slug)),
            m => Assert.Equal((apiName, "v1"), (m.Dimensions["ApiName"], m.Dimensions["Stage"]))));
    }

    [Fact]
    public void ApiErrorRate_Should_BeAPercentageOfRequests_NotARawCount() =>
        Assert.Equal("IF(requests >= 20, 100 * errors / requests, 0)", Alarms.Expression(Alarms.Named(Prod, "api-5xx-error-rate")));

    [Fact]
    public void BackendDuration_Should_AlarmAtThePercentOfTheTimeoutChosen() =>
        Assert.Equal(Prod.Settings.Backend.TimeoutSeconds * 1000 * Prod.Settings.Monitoring.BackendDurationPercentOfTimeout / 100,
            (double)Alarms.Named(Prod, "backend-p99-duration-near-timeout")["Threshold"]!);

    [Theory]
    [InlineData("userpool-signin-throttled", false)]
    [InlineData("userpool-signup-throttled", true)]
    [InlineData("userpool-token-refresh-throttled", false)]
    public void ThrottleAlarm_Should_SumEveryAppClient_AndAdminForSignUpOnly(string slug, bool withAdmin)
    {
        var clients = Alarms.Metrics(Alarms.Named(Prod, slug)).Select(m => m.Dimensions["UserPoolClient"]).ToList();
        var appClients = Prod.Resources("Identity", "AWS::Cognito::UserPoolClient").Select(c => $$"""{"Fn::ImportValue":"CognitoStack-prod-Identity:ExportsOutputRef{{c.LogicalId}}""");

        Assert.Equal(3, appClients.Count());
        Assert.All(appClients, c => Assert.Contains(clients, d => d.StartsWith(c, StringComparison.Ordinal)));
        Assert.Equal(withAdmin, clients.Contains("Admin"));
    }

    [Fact]
    public void ApiRequests_Should_BeCountedWithSampleCount_TheStatisticAwsDocumentsForCount()
    {
        var count = Alarms.Metrics(Alarms.Named(Prod, "api-5xx-error-rate")).Single(m => m.Name == "Count");

        Assert.Equal("SampleCount", count.Statistic);
    }

    [Fact]
    public void FederationThrottles_Should_BeReadWithAllThreeDimensions_OfEveryProviderAndClient()
    {
        var federated = synth["federated"];
        var alarm = Alarms.Named(federated, "userpool-federation-throttled");
        var query = SynthesizedEnvironment.Text(alarm["Metrics"]![0]!["Expression"]);

        Assert.Empty(Alarms.Metrics(alarm));
        Assert.StartsWith("""{"Fn::Join":["",["SELECT SUM(FederationThrottles) FROM SCHEMA(\"AWS/Cognito\", IdentityProvider, UserPool, UserPoolClient) WHERE UserPool = '",""", query, StringComparison.Ordinal);
        Assert.Equal(300, (int)alarm["Metrics"]![0]!["Period"]!);
    }

    [Fact]
    public void FederationThrottles_Should_HaveNoAlarmOrGraph_When_NoIdentityProviderExists()
    {
        Assert.False(Prod.Settings.IdentityProviders.Any);
        Assert.DoesNotContain(Alarms.ByName(Prod).Keys, name => name.Contains("federation", StringComparison.Ordinal));
        Assert.DoesNotContain("Federation", SynthesizedEnvironment.Text(Prod.Resources("Monitoring", "AWS::CloudWatch::Dashboard").Single().Resource), StringComparison.Ordinal);
    }

    [Fact]
    public void SignInSuccessesGraph_Should_NotReadTheAdminClient_WhichOnlySignUpMetricsHave()
    {
        var body = SynthesizedEnvironment.Text(Prod.Resources("Monitoring", "AWS::CloudWatch::Dashboard").Single().Resource);
        var signIn = body[body.IndexOf("Sign-in successes", StringComparison.Ordinal)..body.IndexOf("Token refreshes", StringComparison.Ordinal)];

        Assert.DoesNotContain("Admin", signIn, StringComparison.Ordinal);
    }

    [Fact]
    public void WebAclMetricNames_Should_NameTheEnvironment_SoEnvironmentsInOneAccountNeverShareASeries()
    {
        var names = synth.All
            .SelectMany(env => env.StackIds.SelectMany(stack => env.Resources(stack, "AWS::WAFv2::WebACL"))
                .Select(a => (Env: env.Settings.Name, Name: (string)a.Resource["Properties"]!["VisibilityConfig"]!["MetricName"]!)))
            .ToList();

        Assert.Contains(names, n => n.Env == "prod");
        Assert.Contains(names, n => n.Env == "federated");
        Assert.All(names, n => Assert.StartsWith($"CognitoStack-{n.Env}-", n.Name, StringComparison.Ordinal));
        Assert.Equal(names.Count, names.Select(n => n.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("userpool-compromised-credentials")]
    [InlineData("userpool-account-takeover-risk")]
    public void RiskAlarm_Should_CountHighRiskRequestsOfEveryOperation(string slug)
    {
        var metrics = Alarms.Metrics(Alarms.Named(Prod, slug));

        Assert.Equal(["PasswordChange", "SignIn", "SignUp"], metrics.Select(m => m.Dimensions["Operation"]).Order(StringComparer.Ordinal));
        Assert.All(metrics, m => Assert.Equal("high", m.Dimensions["RiskLevel"]));
    }

    [Fact]
    public void EveryFunctionOfTheApp_Should_HaveAnErrorsAlarm() =>
        Assert.All(Monitored, env =>
        {
            var functions = env.StackIds.Where(s => s != "Monitoring")
                .SelectMany(stack => env.Resources(stack, "AWS::Lambda::Function").Select(f => $"{stack}/{f.LogicalId}"))
                .ToList();
            var metrics = Alarms.ByName(env).Values.SelectMany(Alarms.Metrics).ToList();
            // A function a state machine runs is watched through the machine's failed executions: its own errors are
            // retried by the state machine and are no failure until the execution fails.
            var runByStateMachines = metrics
                .Where(m => m is { Namespace: "AWS/States", Name: "ExecutionsFailed" })
                .Select(m => Exported(env, m.Dimensions["StateMachineArn"]).Split('/'))
                .SelectMany(machine => functions.Where(f => f.StartsWith(machine[0] + "/", StringComparison.Ordinal)
                    && SynthesizedEnvironment.Text(env.Json[machine[0]]["Resources"]![machine[1]]!["Properties"]!["DefinitionString"])
                        .Contains($"\"{f.Split('/')[1]}\"", StringComparison.Ordinal)));
            var covered = metrics
                .Where(m => m is { Namespace: "AWS/Lambda", Name: "Errors" })
                .Select(m => Exported(env, m.Dimensions["FunctionName"]))
                .Concat(runByStateMachines)
                .ToList();

            Assert.NotEmpty(functions);
            Assert.Equal(functions.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
        });

    [Fact]
    public void EveryWebAclOfTheApp_Should_HaveABlockedRequestsAlarm() =>
        Assert.All(Monitored, env =>
        {
            var acls = env.StackIds.SelectMany(stack => env.Resources(stack, "AWS::WAFv2::WebACL"))
                .Select(a => (string)a.Resource["Properties"]!["VisibilityConfig"]!["MetricName"]!)
                .Distinct()
                .ToList();
            var watched = Alarms.ByName(env).Values.SelectMany(Alarms.Metrics)
                .Where(m => m is { Namespace: "AWS/WAFV2", Name: "BlockedRequests" })
                .Select(m => (m.Dimensions["WebACL"], m.Dimensions["Rule"], m.Dimensions["Region"]))
                .ToList();

            Assert.Equal(acls.Select(a => (a, "ALL", """{"Ref":"AWS::Region"}""")), watched);
        });

    [Fact]
    public void TriggerErrorLines_Should_BeCountedFromEachTriggersOwnLogGroup()
    {
        var filters = Prod.Resources("Monitoring", "AWS::Logs::MetricFilter").Select(f => f.Resource["Properties"]!).ToList();

        Assert.Equal(2, filters.Count);
        Assert.All(filters, f => Assert.Equal("{ $.level = \"error\" }", (string?)f["FilterPattern"]));
        Assert.Equal(
            ["Identity/TriggersPostConfirmationLogGroup", "Identity/TriggersPreTokenGenerationLogGroup"],
            filters.Select(f => Exported(Prod, SynthesizedEnvironment.Text(f["LogGroupName"]))[..^8]).Order(StringComparer.Ordinal));
        Assert.All(filters, f => Assert.Equal("CognitoStack/prod", (string?)f["MetricTransformations"]![0]!["MetricNamespace"]));
    }

    /// <summary>The stack and logical ID behind a <c>Fn::ImportValue</c> of a cross-stack reference.</summary>
    private static string Exported(SynthesizedEnvironment env, string importJson)
    {
        var exportName = (string)JsonNode.Parse(importJson)!["Fn::ImportValue"]!;
        return env.StackIds
            .SelectMany(stack => (env.Json[stack]["Outputs"]?.AsObject() ?? []).Select(o => (stack, Output: o.Value!)))
            .Where(o => (string?)o.Output["Export"]?["Name"] == exportName)
            .Select(o => $"{o.stack}/{(string)o.Output["Value"]!["Ref"]!}")
            .Single();
    }
}
