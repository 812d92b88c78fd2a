using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

// What real and published events contain that the hand-made fixtures do not (issue: triggers tolerate
// real events): AWS's own sample events, email_verified as a JSON boolean, a byte-order mark, deep nesting.
public sealed class RealEventTests
{
    private const string IdToken = "idTokenGeneration";
    private const string AccessToken = "accessTokenGeneration";

    [Fact]
    public void PreToken_Should_AddClaimsAndKeepTheOverridesAlreadyThere_When_EventIsAwsLambdaGoSample()
    {
        var answer = TestTriggers.PreToken().Send(Load(AwsLambdaGoV2Sample));

        foreach (var token in new[] { IdToken, AccessToken })
        {
            var claims = answer.TokenClaims(token)!;
            Assert.Equal(["family_name", "favorite_number", "tenant", "role_hint"], claims.Select(c => c.Key));
            Assert.Equal("example.com", answer.Claim(token, "tenant"));
            Assert.Equal("user", answer.Claim(token, "role_hint"));
            Assert.Equal(2, (int)claims["favorite_number"]!);
        }

        var details = answer["response"]!["claimsAndScopeOverrideDetails"]!;
        Assert.Equal("""["scope1","scope2","scopeLomond"]""", details[AccessToken]!["scopesToAdd"]!.ToJsonString());
        Assert.Equal("""["group-A","group-B","group-C"]""", details["groupOverrideDetails"]!["groupsToOverride"]!.ToJsonString());
    }

    [Fact]
    public void PreToken_Should_AddTenant_When_EmailVerifiedIsTheJsonBooleanOfAwsDocsTestEvent()
    {
        var e = Load(SignIn);
        e.Request()["userAttributes"] = Load(AwsDocsPostConfirmationTestEvent).Request()["userAttributes"]!.DeepClone();

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Equal("example.com", answer.Claim(IdToken, "tenant"));
        Assert.Equal("example.com", answer.Claim(AccessToken, "tenant"));
    }

    [Fact]
    public void PreToken_Should_ReturnTheBooleanAsItCame_When_AddingClaims()
    {
        var e = Load(SignIn);
        e.Request()["userAttributes"]!["email_verified"] = true;

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Equal(JsonValueKind.True, answer.Request()["userAttributes"]!["email_verified"]!.GetValueKind());
    }

    [Fact]
    public void PreToken_Should_OmitTenant_When_EmailVerifiedIsJsonFalse()
    {
        var e = Load(SignIn);
        e.Request()["userAttributes"]!["email_verified"] = false;

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Null(answer.Claim(IdToken, "tenant"));
        Assert.Equal("user", answer.Claim(IdToken, "role_hint"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("{}")]
    [InlineData("[\"true\"]")]
    public void PreToken_Should_ReturnTheEventUnchanged_When_EmailVerifiedIsNeitherStringNorBoolean(string value)
    {
        using var log = new LogLines();
        var e = Load(SignIn);
        e.Request()["userAttributes"]!["email_verified"] = JsonNode.Parse(value);
        var input = e.ToUtf8();

        var answer = TestTriggers.PreToken(log.Stream).Send(input);

        Assert.True(input.AsSpan().SequenceEqual(answer));
        Assert.Contains("\"email_verified\"", Assert.Single(log.Errors).Text("message"), StringComparison.Ordinal);
    }

    [Fact]
    public void PreToken_Should_AddClaims_When_EventStartsWithAByteOrderMark()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. Load(SignIn).ToUtf8()];

        var answer = JsonNode.Parse(TestTriggers.PreToken().Send(input))!.AsObject();

        Assert.Equal("example.com", answer.Claim(IdToken, "tenant"));
    }

    [Fact]
    public void PostConfirmation_Should_AddTheUserToTheGroup_When_EventStartsWithAByteOrderMark()
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        byte[] input = [0xEF, 0xBB, 0xBF, .. Load(ConfirmSignUp).ToUtf8()];

        TestTriggers.PostConfirmation(http).Send(input);

        Assert.Single(handler.Requests);
    }

    [Fact]
    public void PostConfirmation_Should_AddTheUserToTheGroup_When_EmailVerifiedIsAJsonBoolean()
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        var e = Load(ConfirmSignUp);
        e.Request()["userAttributes"]!["email_verified"] = true;

        TestTriggers.PostConfirmation(http).Send(e);

        Assert.Single(handler.Requests);
    }

    [Fact]
    public void PostConfirmation_Should_ReturnAwsDocsTestEventUnchangedAndLogIt_When_ItHasNoTriggerSource()
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        using var log = new LogLines();
        var input = File.ReadAllBytes(FixturePath(AwsDocsPostConfirmationTestEvent));

        var answer = TestTriggers.PostConfirmation(http, log.Stream).Send(input);

        Assert.True(input.AsSpan().SequenceEqual(answer));
        Assert.Empty(handler.Requests);
        Assert.Contains("triggerSource (missing)", Assert.Single(log.Errors).Text("message"), StringComparison.Ordinal);
    }

    [Fact]
    public void PreToken_Should_AddClaims_When_EventIsNestedAsDeepAsTheLimit()
    {
        // The root object is one level; the member adds the rest.
        var answer = JsonNode.Parse(TestTriggers.PreToken().Send(Nested(Events.EventPayload.MaxDepth - 1)))!.AsObject();

        Assert.Equal("example.com", answer.Claim(IdToken, "tenant"));
    }

    [Fact]
    public void PreToken_Should_AnswerEmptyObjectAndNameTheLimit_When_EventIsNestedOneLevelDeeper()
    {
        using var log = new LogLines();

        var answer = TestTriggers.PreToken(log.Stream).Send(Nested(Events.EventPayload.MaxDepth));

        Assert.True("{}"u8.SequenceEqual(answer));
        Assert.Contains($"nested deeper than {Events.EventPayload.MaxDepth} levels", Assert.Single(log.Errors).Text("message"), StringComparison.Ordinal);
    }

    // The sign-in event with a member holding `levels` nested arrays.
    private static byte[] Nested(int levels)
    {
        var json = Load(SignIn).ToJsonString();
        var member = $"\"deep\":{new string('[', levels)}{new string(']', levels)},";
        return Encoding.UTF8.GetBytes("{" + member + json[1..]);
    }
}
