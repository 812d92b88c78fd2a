using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

public sealed class PreSignUpTests
{
    [Theory]
    [InlineData("jane@example.com")]
    [InlineData("Jane.Doe@Example.COM")]
    [InlineData("a@corp.example.com")]
    public void PreSignUp_Should_ReturnTheEventUnchanged_When_TheDomainIsListed(string email)
    {
        var e = Load(SelfSignUp).WithAttribute("email", email).ToUtf8();

        var answer = TestTriggers.PreSignUp().Send(e);

        Assert.Equal(e, answer);
    }

    [Theory]
    [InlineData("jane@example.org")]
    [InlineData("jane@sub.example.com")]
    [InlineData("jane@example.com.evil.test")]
    [InlineData("jane@notexample.com")]
    [InlineData("jane@example.com@evil.test")]
    [InlineData("jane")]
    [InlineData("")]
    [InlineData("jane@exämple.com")]
    public void PreSignUp_Should_RejectWithAMessageForTheUser_When_TheDomainIsNotListed(string email)
    {
        var e = Load(SelfSignUp).WithAttribute("email", email).ToUtf8();

        var rejection = Assert.Throws<SignUpRejectedException>(() => TestTriggers.PreSignUp().Send(e));

        Assert.Equal(PreSignUp.RejectionMessage, rejection.Message);
    }

    [Fact]
    public void PreSignUp_Should_Reject_When_TheEmailIsMissing() =>
        Assert.Throws<SignUpRejectedException>(() => TestTriggers.PreSignUp().Send(Load(SelfSignUp).WithAttribute("email", null).ToUtf8()));

    [Theory]
    [InlineData(ExternalSignUp)]
    [InlineData(AdminSignUp)]
    public void PreSignUp_Should_NotLimitProvidersOrAdministrators(string fixture)
    {
        var e = Load(fixture).ToUtf8();

        Assert.Equal(e, TestTriggers.PreSignUp().Send(e));
    }

    [Fact]
    public void PreSignUp_Should_RejectAwsSampleEvent_When_ItsEmailIsAPlaceholder() =>
        // The aws-lambda-go sample's "<email>" is not an address: a self sign-up without a listed domain.
        Assert.Throws<SignUpRejectedException>(() => TestTriggers.PreSignUp().Send(Load(AwsLambdaGoPreSignUp).ToUtf8()));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Example.com")]
    [InlineData("example.com,")]
    [InlineData("example.com, corp.example.com")]
    [InlineData("localhost")]
    public void PreSignUp_Should_FailClosedAndLogOnce_When_TheAllowListIsInvalid(string? domains)
    {
        using var log = new LogLines();
        var trigger = TestTriggers.PreSignUp(log.Stream, domains);

        var rejection = Assert.Throws<SignUpRejectedException>(() => trigger.Send(Load(SelfSignUp).ToUtf8()));

        Assert.Equal(PreSignUp.FailureMessage, rejection.Message);
        Assert.Equal(2, log.Errors.Count);
    }

    [Fact]
    public void PreSignUp_Should_LogTheOutcomeWithoutTheAddress_When_ItRejects()
    {
        using var log = new LogLines();
        var e = Load(SelfSignUp).WithAttribute("email", "jane.secret@example.org").ToUtf8();

        Assert.Throws<SignUpRejectedException>(() => TestTriggers.PreSignUp(log.Stream).Send(e));

        var line = Assert.Single(log.Lines);
        Assert.Equal("info", line.Text("level"));
        Assert.Equal("rejected", line.Text("outcome"));
        Assert.DoesNotContain("jane.secret", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PreSignUp_Should_RejectWithAnErrorLine_When_TheEventIsNotAnObject()
    {
        using var log = new LogLines();

        Assert.Throws<SignUpRejectedException>(() => TestTriggers.PreSignUp(log.Stream).Send(Encoding.UTF8.GetBytes("[1]")));

        var line = Assert.Single(log.Errors);
        Assert.Equal("rejected", line.Text("outcome"));
    }

    [Fact]
    public void PreSignUp_Should_Reject_When_TheEmailIsNotAString() =>
        Assert.Throws<SignUpRejectedException>(() =>
            TestTriggers.PreSignUp().Send(Load(SelfSignUp).With("request", new JsonObject { ["userAttributes"] = new JsonObject { ["email"] = 1 } }).ToUtf8()));
}
