using System.Net;
using System.Text.Json;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.Tests.Credentials;
using CognitoStack.UserExport.Aws;
using CognitoStack.UserExport.Tests.Helpers;

namespace CognitoStack.UserExport.Tests;

public class CognitoApiTests
{
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token");

    private static (CognitoUsers Api, ScriptedHandler Http, ManualClock Clock, AwsClient Sender) Create(params Func<HttpResponseMessage>[] answers)
    {
        var http = new ScriptedHandler(answers);
        var clock = new ManualClock();
        var sender = new AwsClient(new HttpClient(http), "eu-west-1", new TestCredentials(Credentials), RetryPolicy.Default, clock, clock.Delay, () => 1.0);
        var api = new CognitoUsers(sender, CognitoUsers.Endpoint("eu-west-1"),
            new RequestPacer(10, clock, clock.Delay), new RequestPacer(2, clock, clock.Delay));
        return (api, http, clock, sender);
    }

    [Fact]
    public async Task ListUsers_Should_ReadEveryMemberOfARecordedPage_When_CognitoAnswers()
    {
        var (api, http, _, _) = Create(() => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Fixture("list-users-page-1.json")));

        var page = await api.ListUsersAsync("eu-west-1_AbCdEf123", null, null, CancellationToken.None);

        Assert.Equal("CAISlQIIARKQAggDEosCAEYwRAIgTXQs", page.NextToken);
        Assert.Equal(2, page.Users.Count);
        var bo = page.Users[1];
        Assert.Equal("FORCE_CHANGE_PASSWORD", bo.UserStatus);
        Assert.False(bo.Enabled);
        Assert.Equal(1767323100, bo.UserCreateDate);
        Assert.Contains(bo.Attributes!, a => a.Name == "custom:tenant" && a.Value == "acme");
        var request = Assert.Single(http.Requests);
        Assert.Equal("AWSCognitoIdentityProviderService.ListUsers", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/eu-west-1/cognito-idp/aws4_request", request.Header("Authorization"));
        Assert.Equal("session-token", request.Header("X-Amz-Security-Token"));
        Assert.Equal("""{"UserPoolId":"eu-west-1_AbCdEf123","Limit":60}""", request.BodyText);
    }

    [Fact]
    public async Task ListUsers_Should_SendTheToken_When_AskedForTheNextPage()
    {
        var (api, http, _, _) = Create(() => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Fixture("list-users-page-2.json")));

        var page = await api.ListUsersAsync("eu-west-1_AbCdEf123", null, "CAISlQIIARKQAggDEosCAEYwRAIgTXQs", CancellationToken.None);

        Assert.Null(page.NextToken);
        Assert.Equal("CAISlQIIARKQAggDEosCAEYwRAIgTXQs", JsonDocument.Parse(http.Requests[0].Body).RootElement.GetProperty("PaginationToken").GetString());
    }

    [Fact]
    public async Task ListUsers_Should_SendThePartitionFilter_When_Given()
    {
        var (api, http, _, _) = Create(() => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Fixture("list-users-page-2.json")));

        await api.ListUsersAsync("eu-west-1_AbCdEf123", CognitoStack.Contract.ExportPartitions.Filter("a"), null, CancellationToken.None);

        Assert.Equal("sub ^= \"a\"", JsonDocument.Parse(http.Requests[0].Body).RootElement.GetProperty("Filter").GetString());
    }

    [Fact]
    public async Task ListUsersInGroup_And_ListGroups_Should_UseTheirTargetsAndNextToken()
    {
        var (api, http, _, _) = Create(
            () => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Fixture("list-groups.json")),
            () => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Fixture("list-users-in-group-admin.json")));

        var groups = await api.ListGroupsAsync("eu-west-1_AbCdEf123", null, CancellationToken.None);
        var members = await api.ListUsersInGroupAsync("eu-west-1_AbCdEf123", "admin", "token-2", CancellationToken.None);

        Assert.Equal(["admin", "users"], groups.Groups);
        Assert.Equal("1f2e3d4c-0000-4000-8000-000000000001", Assert.Single(members.Users).Username);
        Assert.Equal("AWSCognitoIdentityProviderService.ListGroups", http.Requests[0].Header("X-Amz-Target"));
        Assert.Equal("AWSCognitoIdentityProviderService.ListUsersInGroup", http.Requests[1].Header("X-Amz-Target"));
        Assert.Equal("""{"UserPoolId":"eu-west-1_AbCdEf123","GroupName":"admin","Limit":60,"NextToken":"token-2"}""", http.Requests[1].BodyText);
    }

    [Fact]
    public async Task ListUsers_Should_BackOffAndRetry_When_Throttled()
    {
        var throttled = () => ScriptedHandler.Json(HttpStatusCode.BadRequest, ScriptedHandler.Fixture("too-many-requests.json"));
        var (api, http, clock, sender) = Create(throttled, throttled, () => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Fixture("list-users-page-2.json")));

        var page = await api.ListUsersAsync("eu-west-1_AbCdEf123", null, null, CancellationToken.None);

        Assert.Single(page.Users);
        Assert.Equal(3, http.Requests.Count);
        Assert.Equal(2, sender.Retries);
        // Full jitter with the random source at its top: 200 ms, then 400 ms.
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], clock.Delays);
    }

    [Fact]
    public async Task ListUsers_Should_GiveUpWithTheErrorType_When_ThrottledOnEveryAttempt()
    {
        var answers = Enumerable.Repeat<Func<HttpResponseMessage>>(
            () => ScriptedHandler.Json(HttpStatusCode.BadRequest, ScriptedHandler.Fixture("too-many-requests.json")), RetryPolicy.Default.MaxAttempts).ToArray();
        var (api, http, clock, _) = Create(answers);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => api.ListUsersAsync("eu-west-1_AbCdEf123", null, null, CancellationToken.None));

        Assert.Equal("TooManyRequestsException", error.ErrorType);
        Assert.Equal(RetryPolicy.Default.MaxAttempts, http.Requests.Count);
        Assert.All(clock.Delays, d => Assert.True(d <= RetryPolicy.Default.MaxDelay));
    }

    [Fact]
    public async Task ListUsers_Should_FailAtOnce_When_TheErrorIsNotWorthRetrying()
    {
        var (api, http, _, _) = Create(() =>
        {
            var response = ScriptedHandler.Json(HttpStatusCode.BadRequest, """{"__type":"ResourceNotFoundException","message":"User pool eu-west-1_x does not exist."}""");
            response.Headers.TryAddWithoutValidation("X-Amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.cognito/");
            return response;
        });

        var error = await Assert.ThrowsAsync<AwsApiException>(() => api.ListUsersAsync("eu-west-1_x", null, null, CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
        Assert.Single(http.Requests);
        Assert.DoesNotContain("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListUsers_Should_FailWithMalformedResponse_When_TheBodyIsNotTheDocumentedShape()
    {
        var (api, _, _, _) = Create(() => ScriptedHandler.Json(HttpStatusCode.OK, """{"Users": "nope"}"""));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => api.ListUsersAsync("eu-west-1_AbCdEf123", null, null, CancellationToken.None));

        Assert.Equal("MalformedResponse", error.ErrorType);
    }

    [Fact]
    public async Task Pacer_Should_SpaceRequestsOfOneCategory_When_CalledBackToBack()
    {
        var ok = () => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Fixture("list-users-page-2.json"));
        var (api, _, clock, _) = Create(ok, ok, ok);

        for (var i = 0; i < 3; i++)
        {
            await api.ListUsersAsync("eu-west-1_AbCdEf123", null, null, CancellationToken.None);
        }

        // 10 per second: the 2nd and 3rd requests each wait 100 ms.
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)], clock.Delays);
    }

    [Fact]
    public async Task S3Put_Should_SignThePayloadAndSendChecksums_When_WritingAnExportFile()
    {
        var http = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.OK));
        var clock = new ManualClock();
        var sender = new AwsClient(new HttpClient(http), "eu-west-1", new TestCredentials(Credentials), RetryPolicy.Default, clock, clock.Delay, () => 1.0);
        var s3 = new S3Objects(sender, S3Objects.Endpoint("eu-west-1", "backup-bucket"), "backup-bucket", pathStyle: false);

        await s3.PutAsync("exports/eu-west-1_AbCdEf123/20260102T030405Z/users-00001.jsonl.gz", new byte[] { 1, 2, 3 }, "application/gzip", null, CancellationToken.None);

        var request = Assert.Single(http.Requests);
        Assert.Equal("https://backup-bucket.s3.eu-west-1.amazonaws.com/exports/eu-west-1_AbCdEf123/20260102T030405Z/users-00001.jsonl.gz", request.Uri!.ToString());
        Assert.Equal("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", request.Header("X-Amz-Content-Sha256"));
        Assert.Equal("A5BYxvLAy0ksUzsKTRTvd8wPeKvMztUofYShogEc+4E=", request.Header("X-Amz-Checksum-Sha256"));
        Assert.Equal("Uonfc331cyb83SJZevsfrA==", request.Header("Content-MD5"));
        Assert.Contains("/eu-west-1/s3/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("content-md5", request.Header("Authorization"), StringComparison.Ordinal);
    }
}
