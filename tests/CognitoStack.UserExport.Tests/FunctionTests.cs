using System.Net;
using System.Text;
using System.Text.Json;
using CognitoStack.Contract;
using CognitoStack.Tests.Credentials;
using CognitoStack.UserExport.Tests.Helpers;

namespace CognitoStack.UserExport.Tests;

public class FunctionTests
{
    /// <summary>The export function's variables as the Backup stack sets them, without credentials.</summary>
    internal static readonly Dictionary<string, string> Configuration = new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = "eu-west-1",
        [EnvironmentVariables.UserPoolId] = "eu-west-1_AbCdEf123",
        [EnvironmentVariables.ExportBucket] = "export-bucket-1",
        [EnvironmentVariables.MetricNamespace] = "CognitoStack/prod",
        [EnvironmentVariables.TimeBudgetSeconds] = "780",
        [EnvironmentVariables.PartitionRequestsPerSecond] = "2",
        [EnvironmentVariables.ExportRequestsPerSecond] = "10",
    };

    private static readonly Dictionary<string, string> Valid = new(Configuration, StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "secret",
    };

    private static (UserExportFunction Function, MemoryStream Log, ScriptedHandler Http) Create(Dictionary<string, string> variables, params Func<HttpResponseMessage>[] answers)
    {
        var http = new ScriptedHandler(answers);
        var log = new MemoryStream();
        return (new UserExportFunction(variables.GetValueOrDefault, new HttpClient(http), log, new ManualClock(), new TestCredentials(variables)), log, http);
    }

    private static MemoryStream Event(string json) => new MemoryStream(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData(EnvironmentVariables.UserPoolId, "not a pool")]
    [InlineData(EnvironmentVariables.ExportBucket, "Bucket_With_Caps")]
    [InlineData(EnvironmentVariables.TimeBudgetSeconds, "900")]
    [InlineData(EnvironmentVariables.TimeBudgetSeconds, "59")]
    [InlineData("AWS_REGION", "eu-west-1\n")]
    [InlineData(EnvironmentVariables.PartitionRequestsPerSecond, "0")]
    [InlineData(EnvironmentVariables.PartitionRequestsPerSecond, "30.001")]
    [InlineData(EnvironmentVariables.ExportRequestsPerSecond, "1e1")]
    public void Handle_Should_LogOneLineAndThrow_When_TheConfigurationIsInvalid(string name, string value)
    {
        var (function, log, http) = Create(new(Valid) { [name] = value });

        Assert.Throws<InvalidOperationException>(() => function.Handle(Event("{}")));

        var line = Encoding.UTF8.GetString(log.ToArray()).TrimEnd('\n');
        Assert.DoesNotContain('\n', line);
        Assert.Contains(name, JsonDocument.Parse(line).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(value.Trim(), line, StringComparison.Ordinal);
        Assert.Empty(http.Requests);
    }

    [Theory]
    [InlineData(EnvironmentVariables.PartitionRequestsPerSecond, "0.001")]
    [InlineData(EnvironmentVariables.PartitionRequestsPerSecond, "30")]
    public void Handle_Should_AcceptARate_When_ItIsWithinTheQuota(string name, string value)
    {
        var (function, log, _) = Create(new(Valid) { [name] = value });

        Assert.Throws<InvalidDataException>(() => function.Handle(Event("""{"step":"finish"}""")));

        Assert.DoesNotContain("invalid configuration", Encoding.UTF8.GetString(log.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"step":"resume"}""")]
    [InlineData("""{"step":"partition","startedAt":"2026-01-02T03:04:05Z"}""")]
    [InlineData("""{"step":"partition","startedAt":"2026-01-02T03:04:05Z","partition":"A"}""")]
    [InlineData("""{"step":"partition","startedAt":"2026-01-02T03:04:05Z","partition":"../"}""")]
    [InlineData("""{"step":"finish"}""")]
    [InlineData("""{"step":"groups","startedAt":"2026-01-02 03:04:05"}""")]
    [InlineData("""{"step":"groups","startedAt":"2026-01-02T03:04:05+02:00"}""")]
    public void Handle_Should_RefuseTheStep_When_TheEventIsMalformed(string json)
    {
        var (function, _, http) = Create(Valid);

        Assert.Throws<InvalidDataException>(() => function.Handle(Event(json)));
        Assert.Empty(http.Requests);
    }

    [Fact]
    public void Handle_Should_RunTheGroupsStepAndListThePartitions_When_TheStateMachineStartsAnExport()
    {
        var notFound = () => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<Error><Code>NoSuchKey</Code></Error>") };
        var (function, _, http) = Create(Valid,
            notFound,
            notFound,
            () => ScriptedHandler.Json(HttpStatusCode.OK, """{"Groups":[]}"""),
            () => new HttpResponseMessage(HttpStatusCode.OK),
            () => new HttpResponseMessage(HttpStatusCode.OK));

        using var output = function.Handle(Event("""{"step":"groups","startedAt":"2026-01-02T03:04:05.678Z"}"""));

        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal(UserExportSteps.Completed, result.GetProperty(UserExportSteps.Status).GetString());
        Assert.Equal("exports/eu-west-1_AbCdEf123/20260102T030405Z/", result.GetProperty("exportPrefix").GetString());
        Assert.Equal(ExportPartitions.All, result.GetProperty(UserExportSteps.Partitions).EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("https://export-bucket-1.s3.eu-west-1.amazonaws.com/exports/eu-west-1_AbCdEf123/20260102T030405Z/state/groups.json", http.Requests[^1].Uri!.ToString());
    }

    [Fact]
    public void Handle_Should_ExportOnePartition_When_TheMapRunsIt()
    {
        var ok = (string body) => () => ScriptedHandler.Json(HttpStatusCode.OK, body);
        var notFound = () => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<Error><Code>NoSuchKey</Code></Error>") };
        var groupsDone = """{"userPoolId":"eu-west-1_AbCdEf123","groupNames":[],"done":true}""";
        var (function, log, http) = Create(Valid,
            notFound,
            ok(groupsDone),
            notFound,
            ok(ScriptedHandler.Fixture("list-users-page-2.json")),
            () => new HttpResponseMessage(HttpStatusCode.OK),
            () => new HttpResponseMessage(HttpStatusCode.OK));

        using var output = function.Handle(Event("""{"step":"partition","startedAt":"2026-01-02T03:04:05Z","partition":"1"}"""));

        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal(UserExportSteps.Completed, result.GetProperty(UserExportSteps.Status).GetString());
        Assert.Equal(1, result.GetProperty("users").GetInt64());
        Assert.Equal("sub ^= \"1\"", JsonDocument.Parse(http.Requests[3].Body).RootElement.GetProperty("Filter").GetString());
        Assert.Equal("https://export-bucket-1.s3.eu-west-1.amazonaws.com/exports/eu-west-1_AbCdEf123/20260102T030405Z/users-1-00001.jsonl.gz", http.Requests[4].Uri!.ToString());
        // No user data in the log: not the user name, not the email address.
        Assert.DoesNotContain("1f2e3d4c", Encoding.UTF8.GetString(log.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_Should_WriteTheManifestAndTheMetrics_When_EveryPartitionCompleted()
    {
        var ok = (string body) => () => ScriptedHandler.Json(HttpStatusCode.OK, body);
        var answers = new List<Func<HttpResponseMessage>> { ok("""{"userPoolId":"eu-west-1_AbCdEf123","groupNames":["admin"],"done":true}""") };
        answers.AddRange(ExportPartitions.All.Select(p => ok($$"""{"partition":"{{p}}","userCount":2,"groupCounts":{"admin":1},"done":true}""")));
        answers.Add(() => new HttpResponseMessage(HttpStatusCode.OK));
        answers.Add(ok("""{"manifestKey":"exports/eu-west-1_AbCdEf123/20260101T030405Z/manifest.json","userCount":40}"""));
        answers.Add(() => new HttpResponseMessage(HttpStatusCode.OK));
        var (function, log, http) = Create(Valid, [.. answers]);

        using var output = function.Handle(Event("""{"step":"finish","startedAt":"2026-01-02T03:04:05Z"}"""));

        Assert.Equal(32, JsonDocument.Parse(output).RootElement.GetProperty("users").GetInt64());
        var manifest = JsonDocument.Parse(http.Requests[17].Body).RootElement;
        Assert.Equal(16, manifest.GetProperty("groups").GetProperty("admin").GetInt64());
        var lines = Encoding.UTF8.GetString(log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var emf = Assert.Single(lines, l => l.TryGetProperty("_aws", out _));
        Assert.Equal("CognitoStack/prod", emf.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString());
        Assert.Equal(1, emf.GetProperty(UserExportMetrics.Succeeded).GetInt32());
        Assert.Equal(32, emf.GetProperty(UserExportMetrics.ExportedUsers).GetInt32());
        Assert.Equal(20, emf.GetProperty(UserExportMetrics.DropPercent).GetDouble());
        Assert.Equal("eu-west-1_AbCdEf123", emf.GetProperty("UserPool").GetString());
    }

    [Fact]
    public void Handle_Should_LogTheErrorTypeAndThrow_When_CognitoRefuses()
    {
        var notFound = () => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<Error><Code>NoSuchKey</Code></Error>") };
        var (function, log, _) = Create(Valid, notFound, notFound, () =>
        {
            var response = ScriptedHandler.Json(HttpStatusCode.BadRequest, """{"__type":"NotAuthorizedException","message":"User: arn:aws:sts::1:assumed-role/x is not authorized"}""");
            return response;
        });

        Assert.Throws<Lambda.Common.Aws.AwsApiException>(() => function.Handle(Event("{}")));

        var text = Encoding.UTF8.GetString(log.ToArray());
        Assert.Contains("\"errorType\":\"NotAuthorizedException\"", text, StringComparison.Ordinal);
        Assert.Contains("\"operation\":\"ListGroups\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("assumed-role", text, StringComparison.Ordinal);
    }
}
