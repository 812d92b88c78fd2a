using System.Net;
using System.Text;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

/// Every failure is logged and the event still goes back: the user is already confirmed.
public sealed class PostConfirmationFailureTests
{
    public static TheoryData<HttpStatusCode, string> ApiErrors => new()
    {
        { HttpStatusCode.BadRequest, "ResourceNotFoundException" },
        { HttpStatusCode.BadRequest, "UserNotFoundException" },
        { HttpStatusCode.Forbidden, "AccessDeniedException" },
        { HttpStatusCode.TooManyRequests, "TooManyRequestsException" },
        { HttpStatusCode.InternalServerError, "InternalErrorException" },
        { HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException" },
    };

    private static (byte[] Input, byte[] Answer, LogLines Log) Confirm(FakeHttpHandler handler, TimeSpan? timeout = null, string? variable = null, string? value = null)
    {
        using var http = handler.Client(timeout);
        var log = new LogLines();
        var input = Load(ConfirmSignUp).ToUtf8();
        var answer = TestTriggers.PostConfirmation(http, log.Stream, variable, value).Send(input);
        return (input, answer, log);
    }

    [Theory]
    [MemberData(nameof(ApiErrors))]
    public void Handle_Should_ReturnTheEventUnchanged_When_CognitoAnswersWithAnError(HttpStatusCode status, string errorType)
    {
        var (input, answer, log) = Confirm(FakeHttpHandler.Answering(status, $$"""{"__type":"{{errorType}}","message":"x"}"""));
        using (log)
        {
            Assert.Equal(input, answer);
        }
    }

    [Theory]
    [MemberData(nameof(ApiErrors))]
    public void Handle_Should_LogErrorWithStatusTypeAndUser_When_CognitoAnswersWithAnError(HttpStatusCode status, string errorType)
    {
        var (_, _, log) = Confirm(FakeHttpHandler.Answering(status, $$"""{"__type":"com.amazonaws.cognito#{{errorType}}","message":"x"}"""));
        using (log)
        {
            var error = Assert.Single(log.Errors);
            Assert.Equal((int)status, error.GetProperty("status").GetInt32());
            Assert.Equal(errorType, error.Text("errorType"));
            Assert.Equal("3f6c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098", error.Text("userName"));
            Assert.Equal("eu-west-1_EXAMPLE01", error.Text("userPoolId"));
        }
    }

    [Fact]
    public void Handle_Should_PreferTheErrorTypeHeader_When_CognitoSendsOne()
    {
        var (_, _, log) = Confirm(FakeHttpHandler.Answering(HttpStatusCode.BadRequest, "not json", "ResourceNotFoundException:http://internal.amazon.com/"));
        using (log)
        {
            Assert.Equal("ResourceNotFoundException", Assert.Single(log.Errors).Text("errorType"));
        }
    }

    [Fact]
    public void Handle_Should_ReturnTheEventUnchanged_When_CognitoDoesNotAnswerInTime()
    {
        var (input, answer, log) = Confirm(FakeHttpHandler.Hanging(), TimeSpan.FromMilliseconds(50));
        using (log)
        {
            Assert.Equal(input, answer);
        }
    }

    [Fact]
    public void Handle_Should_LogATimeout_When_CognitoDoesNotAnswerInTime()
    {
        var (_, _, log) = Confirm(FakeHttpHandler.Hanging(), TimeSpan.FromMilliseconds(50));
        using (log)
        {
            Assert.Equal("Timeout", Assert.Single(log.Errors).Text("errorType"));
        }
    }

    [Fact]
    public void Handle_Should_ReturnTheEventUnchangedAndLog_When_TheNetworkFails()
    {
        var (input, answer, log) = Confirm(FakeHttpHandler.Throwing(new HttpRequestException("Name or service not known")));
        using (log)
        {
            Assert.Equal(input, answer);
            Assert.Equal("HttpRequestException", Assert.Single(log.Errors).Text("errorType"));
        }
    }

    [Fact]
    public void Handle_Should_ReturnTheEventUnchangedAndLog_When_TheHandlerThrowsUnexpectedly()
    {
        var (input, answer, log) = Confirm(FakeHttpHandler.Throwing(new DivideByZeroException()));
        using (log)
        {
            Assert.Equal(input, answer);
            Assert.Single(log.Errors);
        }
    }

    [Fact]
    public void Handle_Should_NeverLogCredentialsOrSignature_When_TheCallFails()
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.Forbidden, """{"__type":"AccessDeniedException"}""");
        var (_, _, log) = Confirm(handler);
        using (log)
        {
            var signature = handler.Requests[0].Header("Authorization")![^64..];
            Assert.DoesNotContain("wJalrXUtnFEMI", log.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("SESSIONTOKEN", log.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("AKIDEXAMPLE", log.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(signature, log.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    public void Handle_Should_MakeNoCallAndLogError_When_CredentialsAreMissing(string variable)
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        var (input, answer, log) = Confirm(handler, variable: variable, value: null);
        using (log)
        {
            Assert.Empty(handler.Requests);
            Assert.Equal(input, answer);
            Assert.Contains(variable, Assert.Single(log.Errors).Text("message"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"triggerSource":"PostConfirmation_ConfirmSignUp","userPoolId":"eu-west-1_EXAMPLE01"}""")]
    [InlineData("""{"triggerSource":"PostConfirmation_ConfirmSignUp","userPoolId":"eu-west-1_EXAMPLE01","userName":""}""")]
    [InlineData("""{"triggerSource":"PostConfirmation_ConfirmSignUp","userName":"jane"}""")]
    [InlineData("""{"triggerSource":"PostConfirmation_ConfirmSignUp","userPoolId":"EXAMPLE01","userName":"jane"}""")]
    [InlineData("""{"triggerSource":"PostConfirmation_ConfirmSignUp","userPoolId":"eu-west-1_","userName":"jane"}""")]
    [InlineData("""{"triggerSource":"PostConfirmation_ConfirmSignUp","userPoolId":5,"userName":"jane"}""")]
    [InlineData("""{"triggerSource":["PostConfirmation_ConfirmSignUp"],"userPoolId":"eu-west-1_EXAMPLE01","userName":"jane"}""")]
    [InlineData("""{"triggerSource":"PreSignUp_SignUp","userPoolId":"eu-west-1_EXAMPLE01","userName":"jane"}""")]
    [InlineData("""{"userPoolId":"eu-west-1_EXAMPLE01","userName":"jane"}""")]
    [InlineData("{}")]
    public void Handle_Should_MakeNoCallAndReturnTheEventUnchanged_When_EventIsMalformed(string e)
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        using var log = new LogLines();
        var input = Encoding.UTF8.GetBytes(e);

        var answer = TestTriggers.PostConfirmation(http, log.Stream).Send(input);

        Assert.Empty(handler.Requests);
        Assert.Equal(input, answer);
        Assert.Single(log.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"truncated\":")]
    public void Handle_Should_MakeNoCallAndAnswerEmptyObject_When_InputIsNotAJsonObject(string e)
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();

        var answer = TestTriggers.PostConfirmation(http).Send(Encoding.UTF8.GetBytes(e));

        Assert.Empty(handler.Requests);
        Assert.Equal("{}", Encoding.UTF8.GetString(answer));
    }
}
