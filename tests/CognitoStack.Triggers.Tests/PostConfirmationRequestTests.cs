using System.Net;
using System.Text.Json.Nodes;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

/// What the post confirmation trigger sends to Cognito, seen through a fake HTTP handler.
public sealed class PostConfirmationRequestTests
{
    private static SentRequest ConfirmSignUpRequest(string? variable = null, string? value = null)
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        TestTriggers.PostConfirmation(http, name: variable, value: value).Send(Load(ConfirmSignUp));
        return Assert.Single(handler.Requests);
    }

    [Fact]
    public void Handle_Should_PostToTheRegionalCognitoEndpoint_When_SignUpIsConfirmed()
    {
        var request = ConfirmSignUpRequest();

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://cognito-idp.eu-west-1.amazonaws.com/"), request.Uri);
    }

    [Fact]
    public void Handle_Should_TargetAdminAddUserToGroup_When_SignUpIsConfirmed()
    {
        var request = ConfirmSignUpRequest();

        Assert.Equal("AWSCognitoIdentityProviderService.AdminAddUserToGroup", request.Header("X-Amz-Target"));
    }

    [Fact]
    public void Handle_Should_SendAwsJsonContentType_When_SignUpIsConfirmed()
    {
        var request = ConfirmSignUpRequest();

        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
    }

    [Fact]
    public void Handle_Should_SendPoolUserAndDefaultGroup_When_SignUpIsConfirmed()
    {
        var request = ConfirmSignUpRequest();

        var expected = JsonNode.Parse("""
            {"UserPoolId": "eu-west-1_EXAMPLE01", "Username": "3f6c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098", "GroupName": "users"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.BodyText)), request.BodyText);
    }

    [Fact]
    public void Handle_Should_SignForCognitoIdpInTheFunctionRegion_When_SignUpIsConfirmed()
    {
        var request = ConfirmSignUpRequest();

        Assert.Matches(
            "^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/cognito-idp/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$",
            request.Header("Authorization"));
    }

    [Fact]
    public void Handle_Should_SendTheSessionTokenAndSigningTime_When_CredentialsAreTemporary()
    {
        var request = ConfirmSignUpRequest();

        Assert.Equal(TestTriggers.PostConfirmationVariables["AWS_SESSION_TOKEN"], request.Header("X-Amz-Security-Token"));
        Assert.Equal("20150830T123600Z", request.Header("X-Amz-Date"));
    }

    [Fact]
    public void Handle_Should_SendASignatureThatVerifies_When_SignUpIsConfirmed()
    {
        var request = ConfirmSignUpRequest();
        var vars = TestTriggers.PostConfirmationVariables;
        var credentials = new AwsCredentials(vars["AWS_ACCESS_KEY_ID"], vars["AWS_SECRET_ACCESS_KEY"], vars["AWS_SESSION_TOKEN"]);
        string[] signed = ["content-type", "host", "x-amz-date", "x-amz-security-token", "x-amz-target"];

        var expected = SigV4.Sign(
            new SigV4Request("POST", "/", [.. signed.Select(name => new KeyValuePair<string, string>(name, request.Header(name)!))], request.Body),
            credentials,
            "eu-west-1",
            "cognito-idp",
            TestTriggers.SigningTime);

        Assert.Equal(expected.Authorization, request.Header("Authorization"));
    }

    [Fact]
    public void Handle_Should_SignWithoutSecurityToken_When_NoSessionTokenIsSet()
    {
        var request = ConfirmSignUpRequest("AWS_SESSION_TOKEN", null);

        Assert.Null(request.Header("X-Amz-Security-Token"));
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_Should_ReturnTheEventUnchanged_When_UserIsAdded()
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        var input = Load(ConfirmSignUp).ToUtf8();

        var answer = TestTriggers.PostConfirmation(http).Send(input);

        Assert.Equal(input, answer);
    }

    [Fact]
    public void Handle_Should_LogSuccessWithUserAndGroup_When_UserIsAdded()
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        using var log = new LogLines();

        TestTriggers.PostConfirmation(http, log.Stream).Send(Load(ConfirmSignUp));

        var line = Assert.Single(log.Lines);
        Assert.Equal("info", line.Text("level"));
        Assert.Equal("users", line.Text("group"));
        Assert.Equal("3f6c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098", line.Text("userName"));
        Assert.Equal("eu-west-1_EXAMPLE01", line.Text("userPoolId"));
    }

    [Fact]
    public void Handle_Should_MakeNoCall_When_PasswordResetIsConfirmed()
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();

        TestTriggers.PostConfirmation(http).Send(Load(ConfirmForgotPassword));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Handle_Should_ReturnTheEventUnchanged_When_PasswordResetIsConfirmed()
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        var input = Load(ConfirmForgotPassword).ToUtf8();

        var answer = TestTriggers.PostConfirmation(http).Send(input);

        Assert.Equal(input, answer);
    }
}
