using System.Net;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

public sealed class PostConfirmationConfigurationTests
{
    public static TheoryData<string, string?> InvalidVariables => new()
    {
        { "DEFAULT_GROUP", null },
        { "DEFAULT_GROUP", "" },
        { "DEFAULT_GROUP", "new users" },
        { "DEFAULT_GROUP", "users\t" },
        { "DEFAULT_GROUP", new string('u', 129) },
        { "AWS_REGION", null },
        { "AWS_REGION", "" },
        { "AWS_REGION", "EU-WEST-1" },
        { "AWS_REGION", "eu-west-1.attacker.example/x" },
        { "AWS_REGION", "-eu-west-1" },
    };

    [Theory]
    [MemberData(nameof(InvalidVariables))]
    public void Constructor_Should_LogAnErrorNamingTheVariable_When_VariableIsInvalid(string variable, string? value)
    {
        using var http = FakeHttpHandler.Answering(HttpStatusCode.OK).Client();
        using var log = new LogLines();

        TestTriggers.PostConfirmation(http, log.Stream, variable, value);

        Assert.Contains(variable, Assert.Single(log.Errors).Text("message"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidVariables))]
    public void Handle_Should_MakeNoCallAndReturnTheEventUnchanged_When_VariableIsInvalid(string variable, string? value)
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        var input = Load(ConfirmSignUp).ToUtf8();

        var answer = TestTriggers.PostConfirmation(http, null, variable, value).Send(input);

        Assert.Empty(handler.Requests);
        Assert.Equal(input, answer);
    }

    [Fact]
    public void Handle_Should_LogTheUserItCouldNotAdd_When_DefaultGroupIsMissing()
    {
        using var http = FakeHttpHandler.Answering(HttpStatusCode.OK).Client();
        using var log = new LogLines();
        var trigger = TestTriggers.PostConfirmation(http, log.Stream, "DEFAULT_GROUP", null);

        trigger.Send(Load(ConfirmSignUp));

        var errors = log.Errors;
        Assert.Equal(2, errors.Count);
        Assert.Equal("3f6c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098", errors[1].Text("userName"));
    }

    [Fact]
    public void Handle_Should_UseTheLongestValidGroupName_When_DefaultGroupHas128Characters()
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        var group = new string('u', 128);

        TestTriggers.PostConfirmation(http, null, "DEFAULT_GROUP", group).Send(Load(ConfirmSignUp));

        Assert.Contains(group, Assert.Single(handler.Requests).BodyText, StringComparison.Ordinal);
    }
}
