using System.Net;
using System.Text;
using System.Text.Json;
using CognitoStack.Contract;
using CognitoStack.Tests.Credentials;
using CognitoStack.UserExport.Tests.Helpers;

namespace CognitoStack.UserExport.Tests;

public class FunctionTests
{
    private static readonly Dictionary<string, string> Valid = new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = "eu-west-1",
        [EnvironmentVariables.UserPoolId] = "eu-west-1_AbCdEf123",
        [EnvironmentVariables.ExportBucket] = "export-bucket-1",
        [EnvironmentVariables.MetricNamespace] = "CognitoStack/prod",
        [EnvironmentVariables.TimeBudgetSeconds] = "780",
        ["AWS_LAMBDA_FUNCTION_NAME"] = "CognitoStack-prod-Backup-Export",
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
    [InlineData("""{"resume":"exports/eu-west-1_Other/20260102T030405Z/"}""")]
    [InlineData("""{"resume":"exports/eu-west-1_AbCdEf123/../../etc/"}""")]
    [InlineData("""{"resume":"exports/eu-west-1_AbCdEf123/20260102T030405Z/\n"}""")]
    [InlineData("""{"resume":"exports/eu-west-1_AbCdEf123/"}""")]
    public void Handle_Should_RefuseToResume_When_TheFolderIsNotAnExportOfThisPool(string json)
    {
        var (function, _, http) = Create(Valid);

        Assert.Throws<InvalidDataException>(() => function.Handle(Event(json)));
        Assert.Empty(http.Requests);
    }

    [Fact]
    public void Handle_Should_StartAnExport_When_InvokedByTheSchedule()
    {
        var scheduled = """{"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012","time":"2026-01-02T03:04:05Z","region":"eu-west-1","resources":["arn:aws:events:eu-west-1:123456789012:rule/x"],"detail":{}}""";
        var ok = (string body) => () => ScriptedHandler.Json(HttpStatusCode.OK, body);
        var (function, log, http) = Create(Valid,
            ok("""{"Groups":[]}"""),
            ok(ScriptedHandler.Fixture("list-users-page-2.json")),
            () => new HttpResponseMessage(HttpStatusCode.OK),
            () => new HttpResponseMessage(HttpStatusCode.OK),
            () => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<Error><Code>NoSuchKey</Code></Error>") },
            () => new HttpResponseMessage(HttpStatusCode.OK));

        using var output = function.Handle(Event(scheduled));

        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal("completed", result.GetProperty("status").GetString());
        Assert.Equal(1, result.GetProperty("users").GetInt64());
        Assert.Equal("https://export-bucket-1.s3.eu-west-1.amazonaws.com/exports/eu-west-1_AbCdEf123/20260102T030405Z/users-00001.jsonl.gz", http.Requests[2].Uri!.ToString());
        var lines = Encoding.UTF8.GetString(log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var emf = Assert.Single(lines, l => l.TryGetProperty("_aws", out _));
        Assert.Equal("CognitoStack/prod", emf.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString());
        Assert.Equal(1, emf.GetProperty(UserExportMetrics.Succeeded).GetInt32());
        Assert.Equal(1, emf.GetProperty(UserExportMetrics.ExportedUsers).GetInt32());
        Assert.Equal("eu-west-1_AbCdEf123", emf.GetProperty("UserPool").GetString());
        // No user data in the log: not the user name, not the email address.
        Assert.DoesNotContain("1f2e3d4c", Encoding.UTF8.GetString(log.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_Should_LogTheErrorTypeAndThrow_When_CognitoRefuses()
    {
        var (function, log, _) = Create(Valid, () =>
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
