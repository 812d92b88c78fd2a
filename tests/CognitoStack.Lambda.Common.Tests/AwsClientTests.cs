using System.Net;
using System.Text;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.Tests.Credentials;

namespace CognitoStack.Lambda.Common.Tests;

// The call layer against scripted answers shaped as AWS JSON 1.1 and S3 answer (error type in X-Amzn-ErrorType,
// in the body's __type, or in S3's XML Code).
public sealed class AwsClientTests
{
    private static readonly TestCredentials Credentials = new(new AwsCredentials("AKIDEXAMPLE", "secret", "token"));

    private static (AwsJsonService Api, Scripted Http, List<TimeSpan> Delays) Create(RetryPolicy retry, params Func<HttpResponseMessage>[] answers)
    {
        var http = new Scripted(answers);
        var delays = new List<TimeSpan>();
        var client = new AwsClient(new HttpClient(http), "eu-west-1", Credentials, retry, delay: (d, _) =>
        {
            delays.Add(d);
            return Task.CompletedTask;
        }, random: () => 1.0);
        return (AwsJsonService.CognitoUserPools(client), http, delays);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body, string? errorType = null)
    {
        var message = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
        if (errorType is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Amzn-ErrorType", errorType);
        }

        return message;
    }

    [Fact]
    public void Send_Should_PostAwsJson11WithTheTarget_When_CallingAnOperation()
    {
        var (api, http, _) = Create(RetryPolicy.None, () => Json(HttpStatusCode.OK, """{"Username":"a"}"""));

        var response = api.Send("AdminGetUser", """{"UserPoolId":"eu-west-1_x"}"""u8.ToArray());

        Assert.True(response.Succeeded);
        Assert.Equal("""{"Username":"a"}""", Encoding.UTF8.GetString(response.Body));
        var request = Assert.Single(http.Requests);
        Assert.Equal("https://cognito-idp.eu-west-1.amazonaws.com/", request.RequestUri!.ToString());
        Assert.Equal("AWSCognitoIdentityProviderService.AdminGetUser", request.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal("token", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Send_Should_RetryWithCappedJitteredBackoff_When_Throttled()
    {
        var throttled = () => Json(HttpStatusCode.BadRequest, """{"__type":"TooManyRequestsException","message":"Rate exceeded for alice"}""");
        var (api, http, delays) = Create(RetryPolicy.Trigger(TimeSpan.FromSeconds(2)), throttled, throttled, () => Json(HttpStatusCode.OK, "{}"));

        var response = api.Send("AdminGetUser", "{}"u8.ToArray());

        Assert.True(response.Succeeded);
        Assert.Equal(3, http.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)], delays);
        Assert.Equal(2, api.Client.Retries);
    }

    [Fact]
    public void Send_Should_GiveUpWithTheErrorTypeOnly_When_RetriesAreSpent()
    {
        var throttled = () => Json(HttpStatusCode.BadRequest, "{\"message\":\"alice@example.com\"}", "TooManyRequestsException:http://internal.amazon.com/");
        var (api, http, _) = Create(RetryPolicy.Trigger(TimeSpan.FromSeconds(2)), throttled, throttled, throttled);

        var response = api.Send("AdminGetUser", "{}"u8.ToArray());

        Assert.False(response.Succeeded);
        Assert.Equal(3, http.Requests.Count);
        Assert.Equal("TooManyRequestsException", response.ErrorType);
        Assert.Equal("AdminGetUser was refused", response.Message);
        Assert.Empty(response.Body);
    }

    [Theory]
    [InlineData("""{"__type":"com.amazonaws.cognito#UserNotFoundException","message":"alice"}""", "UserNotFoundException")]
    [InlineData("""<Error><Code>NoSuchBucket</Code><Message>alice</Message></Error>""", "NoSuchBucket")]
    [InlineData("""{"__type":"not a type; alice"}""", "UnrecognizedError")]
    [InlineData("""{"message":"alice"}""", null)]
    public void Send_Should_ReadTheErrorTypeFromTheBody_When_ThereIsNoErrorTypeHeader(string body, string? errorType)
    {
        var (api, _, _) = Create(RetryPolicy.None, () => Json(HttpStatusCode.BadRequest, body));

        var response = api.Send("AdminGetUser", "{}"u8.ToArray());

        Assert.Equal(errorType, response.ErrorType);
        Assert.DoesNotContain("alice", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_Should_NotRetry_When_TheErrorIsTheCallers()
    {
        var (api, http, _) = Create(RetryPolicy.Default, () => Json(HttpStatusCode.BadRequest, "{}", "AccessDeniedException"));

        Assert.Equal("AccessDeniedException", api.Send("AdminGetUser", "{}"u8.ToArray()).ErrorType);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task SendAsync_Should_SendNothingAndSaySo_When_ThereAreNoCredentials()
    {
        var http = new Scripted(() => Json(HttpStatusCode.OK, "{}"));
        var client = new AwsClient(new HttpClient(http), "eu-west-1", new TestCredentials(_ => null), RetryPolicy.Default);

        var response = await client.SendAsync(new AwsRequest("ListUsers", HttpMethod.Post, new Uri("https://cognito-idp.eu-west-1.amazonaws.com/"), "/", "cognito-idp", [], "{}"u8.ToArray()), CancellationToken.None);

        Assert.False(response.Succeeded);
        Assert.Equal("MissingCredentials", response.ErrorType);
        Assert.Equal($"ListUsers not sent: {LambdaCredentials.MissingMessage}", response.Message);
        Assert.Empty(http.Requests);
        Assert.Throws<AwsApiException>(() => response.BodyOrThrow("ListUsers"));
    }

    private sealed class Scripted(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return answers[Math.Min(Requests.Count, answers.Length) - 1]();
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
