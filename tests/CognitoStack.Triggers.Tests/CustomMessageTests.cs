using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Contract;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

public sealed class CustomMessageTests
{
    public static TheoryData<string> Sources => [.. CustomMessages.Sources];

    [Theory]
    [MemberData(nameof(Sources))]
    public void CustomMessage_Should_WriteSubjectAndMessageWithTheCode_When_AnySourceAwsListsArrives(string source)
    {
        var e = Load(InvitationMessage).With("triggerSource", source);
        e.Request()["codeParameter"] = "{####}";

        var answer = TestTriggers.CustomMessage().Send(e);

        var response = answer["response"]!;
        Assert.False(string.IsNullOrEmpty((string?)response["emailSubject"]));
        Assert.Contains("{####}", (string?)response["emailMessage"], StringComparison.Ordinal);
    }

    [Fact]
    public void CustomMessage_Should_UseTheLanguageOfTheLocale_When_OnlyTheLanguageHasAFile()
    {
        var answer = TestTriggers.CustomMessage().Send(Load(SignUpMessage));

        Assert.Equal("Ihr Registrierungscode für MyApp", (string?)answer["response"]!["emailSubject"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    public void CustomMessage_Should_UseTheDefaultLocale_When_TheUserHasNoneWithAFile(string? locale)
    {
        var answer = TestTriggers.CustomMessage().Send(Load(SignUpMessage).WithAttribute("locale", locale));

        Assert.Equal("Your MyApp sign-up code", (string?)answer["response"]!["emailSubject"]);
    }

    [Fact]
    public void CustomMessage_Should_FallBackToTheDefault_When_TheLocaleLacksThatSource()
    {
        // de.json has no CustomMessage_VerifyUserAttribute.
        var answer = TestTriggers.CustomMessage().Send(Load(SignUpMessage).With("triggerSource", CustomMessages.VerifyUserAttribute));

        Assert.Equal("Verify your MyApp email address", (string?)answer["response"]!["emailSubject"]);
    }

    [Fact]
    public void CustomMessage_Should_PutInTheEventsPlaceholders_When_TheyDifferFromTheFiles()
    {
        var e = Load(InvitationMessage);
        e.Request()["codeParameter"] = "[[code]]";
        e.Request()["usernameParameter"] = "[[user]]";

        var message = (string?)TestTriggers.CustomMessage().Send(e)["response"]!["emailMessage"];

        Assert.Contains("[[code]]", message, StringComparison.Ordinal);
        Assert.Contains("[[user]]", message, StringComparison.Ordinal);
        Assert.DoesNotContain("{####}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomMessage_Should_KeepTheRestOfTheEvent()
    {
        var e = Load(SignUpMessage);

        var answer = TestTriggers.CustomMessage().Send(e);

        answer["response"]!.AsObject().Remove("emailSubject");
        answer["response"]!.AsObject().Remove("emailMessage");
        e["response"]!.AsObject().Remove("emailSubject");
        e["response"]!.AsObject().Remove("emailMessage");
        Assert.True(JsonNode.DeepEquals(e, answer));
    }

    [Fact]
    public void CustomMessage_Should_ReturnTheAwsSampleUnchanged_When_ItsTriggerSourceIsAPlaceholder()
    {
        using var log = new LogLines();
        var e = Load(AwsLambdaGoCustomMessage).ToUtf8();

        Assert.Equal(e, TestTriggers.CustomMessage(log.Stream).Send(e));
        Assert.Single(log.Errors);
    }

    [Fact]
    public void CustomMessage_Should_AnswerTheAwsSample_When_ItsTriggerSourceIsReal()
    {
        var answer = TestTriggers.CustomMessage().Send(Load(AwsLambdaGoCustomMessage).With("triggerSource", CustomMessages.ForgotPassword));

        Assert.Contains("####", (string?)answer["response"]!["emailMessage"], StringComparison.Ordinal);
        Assert.Equal("<custom message to be sent in the message with code parameter>", (string?)answer["response"]!["smsMessage"]);
    }

    [Fact]
    public void CustomMessage_Should_ReturnTheEventUnchanged_When_AdminCreateUserHasNoUsernameParameter()
    {
        var e = Load(InvitationMessage);
        e.Request().Remove("usernameParameter");

        Assert.Equal(e.ToUtf8(), TestTriggers.CustomMessage().Send(e.ToUtf8()));
    }

    [Fact]
    public void CustomMessage_Should_NeverLogTheCodeOrTheMessage()
    {
        using var log = new LogLines();
        var e = Load(SignUpMessage);
        e.Request()["codeParameter"] = "{####}";

        TestTriggers.CustomMessage(log.Stream).Send(e);

        var line = Assert.Single(log.Lines);
        Assert.Equal("de", line.Text("locale"));
        Assert.DoesNotContain("####", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Registrierung", log.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("EN")]
    [InlineData("en,,de")]
    [InlineData("xx")]
    public void CustomMessage_Should_SendCognitosDefaultAndLog_When_TheConfigurationIsInvalid(string? locales)
    {
        using var log = new LogLines();
        var trigger = TestTriggers.CustomMessage(log.Stream, locales);
        var e = Load(SignUpMessage).ToUtf8();

        Assert.Equal(e, trigger.Send(e));
        Assert.Equal(2, log.Errors.Count);
    }

    [Theory]
    [InlineData("""{"CustomMessage_SignUp": {"emailSubject": "s", "emailMessage": "no code here"}}""")]
    [InlineData("""{"CustomMessage_Other": {"emailSubject": "s", "emailMessage": "{####} code"}}""")]
    [InlineData("""not json""")]
    [InlineData("""[]""")]
    public void CustomMessage_Should_SendCognitosDefault_When_TheDefaultFileIsInvalid(string content)
    {
        var directory = Directory.CreateTempSubdirectory("messages-").FullName;
        File.WriteAllText(Path.Combine(directory, "en.json"), content);
        using var log = new LogLines();

        var trigger = TestTriggers.CustomMessage(log.Stream, "en", directory);
        var e = Load(SignUpMessage).ToUtf8();

        Assert.Equal(e, trigger.Send(e));
        Assert.NotEmpty(log.Errors);
    }

    [Fact]
    public void CustomMessage_Should_AnswerEmptyObject_When_TheInputIsNotAnObject() =>
        Assert.Equal("{}"u8.ToArray(), TestTriggers.CustomMessage().Send(Encoding.UTF8.GetBytes("null")));
}
