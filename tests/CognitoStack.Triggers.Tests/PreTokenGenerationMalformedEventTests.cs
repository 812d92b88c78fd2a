using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Tests.Shared;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

public sealed class PreTokenGenerationMalformedEventTests
{
    public static TheoryData<string, byte[]> NotJsonObjects => new()
    {
        { "empty", [] },
        { "text", Encoding.UTF8.GetBytes("not json") },
        { "JSON null", Encoding.UTF8.GetBytes("null") },
        { "JSON array", Encoding.UTF8.GetBytes("""[{"version":"2"}]""") },
        { "JSON string", Encoding.UTF8.GetBytes("\"event\"") },
        { "JSON number", Encoding.UTF8.GetBytes("42") },
        { "truncated object", Encoding.UTF8.GetBytes("""{"version":"2","request":{""") },
        { "two objects", Encoding.UTF8.GetBytes("{}{}") },
        { "invalid UTF-8", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'] },
    };

    // Events that are JSON objects but not pre token generation V2 events Cognito would send.
    public static TheoryData<string, string> MalformedObjects => new()
    {
        { "empty object", "{}" },
        { "request missing", """{"version":"2","triggerSource":"TokenGeneration_Authentication","response":{}}""" },
        { "request null", """{"version":"2","triggerSource":"TokenGeneration_Authentication","request":null}""" },
        { "request a string", """{"version":"2","triggerSource":"TokenGeneration_Authentication","request":"admin"}""" },
        { "attribute a number", """{"version":"2","triggerSource":"TokenGeneration_Authentication","request":{"userAttributes":{"email":5}}}""" },
        { "groups a string", """{"version":"2","triggerSource":"TokenGeneration_Authentication","request":{"groupConfiguration":{"groupsToOverride":"admin"}}}""" },
        { "groups holding a number", """{"version":"2","triggerSource":"TokenGeneration_Authentication","request":{"groupConfiguration":{"groupsToOverride":[1]}}}""" },
        { "version a number", """{"version":2,"triggerSource":"TokenGeneration_Authentication","request":{}}""" },
        { "version one", """{"version":"1","triggerSource":"TokenGeneration_Authentication","request":{"groupConfiguration":{"groupsToOverride":["admin"]}}}""" },
        { "other trigger", """{"version":"2","triggerSource":"PostConfirmation_ConfirmSignUp","request":{"groupConfiguration":{"groupsToOverride":["admin"]}}}""" },
        { "machine token without a client", """{"version":"3","triggerSource":"TokenGeneration_ClientCredentials","request":{"groupConfiguration":{"groupsToOverride":["admin"]}}}""" },
        { "attribute an object", """{"version":"2","triggerSource":"TokenGeneration_Authentication","request":{"userAttributes":{"email_verified":{"value":true}}}}""" },
        { "response a string", """{"version":"2","triggerSource":"TokenGeneration_Authentication","request":{},"response":"x"}""" },
    };

    [Theory]
    [MemberData(nameof(NotJsonObjects))]
    public void Handle_Should_AnswerEmptyObject_When_InputIsNotAJsonObject(string kind, byte[] e)
    {
        var answer = TestTriggers.PreToken().Send(e);

        Assert.True("{}"u8.SequenceEqual(answer), kind);
    }

    [Theory]
    [MemberData(nameof(MalformedObjects))]
    public void Handle_Should_ReturnTheInputBytesUnchanged_When_ObjectIsNotAValidEvent(string kind, string e)
    {
        var input = Encoding.UTF8.GetBytes(e);

        var answer = TestTriggers.PreToken().Send(input);

        Assert.True(input.AsSpan().SequenceEqual(answer), kind);
    }

    [Theory]
    [MemberData(nameof(MalformedObjects))]
    public void Handle_Should_LogOneError_When_ObjectIsNotAValidEvent(string kind, string e)
    {
        using var log = new LogLines();

        TestTriggers.PreToken(log.Stream).Send(Encoding.UTF8.GetBytes(e));

        Assert.True(log.Errors.Count == 1, $"{kind}: {log.Text}");
    }

    [Fact]
    public void Handle_Should_LogErrorWithoutEventContent_When_InputIsNotJson()
    {
        using var log = new LogLines();

        TestTriggers.PreToken(log.Stream).Send(Encoding.UTF8.GetBytes("secret-looking-text"));

        var line = Assert.Single(log.Errors);
        Assert.Contains("not valid JSON", line.Text("message"), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-looking-text", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_Should_NameTheUser_When_LoggingAMalformedEvent()
    {
        using var log = new LogLines();
        var e = Load(SignIn).With("version", "1");

        TestTriggers.PreToken(log.Stream).Send(e);

        Assert.Equal("3f6c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098", Assert.Single(log.Errors).Text("userName"));
    }

    [Fact]
    public void Handle_Should_AnswerEmptyObject_When_InputStreamFails()
    {
        var trigger = TestTriggers.PreToken();

        using var answer = trigger.Handle(new FailingStream());

        Assert.Equal("{}", new StreamReader(answer).ReadToEnd());
    }

    [Fact]
    public void Handle_Should_AddClaims_When_InputIsNotAMemoryStream()
    {
        var trigger = TestTriggers.PreToken();
        using var input = new BufferedStream(new MemoryStream(Load(SignIn).ToUtf8()));

        using var answer = trigger.Handle(input);

        var claims = JsonNode.Parse(answer)!.AsObject().Claim("idTokenGeneration", "tenant");
        Assert.Equal("example.com", claims);
    }

    [Fact]
    public void Handle_Should_ReadFromCurrentPosition_When_MemoryStreamIsPartlyRead()
    {
        var trigger = TestTriggers.PreToken();
        var bytes = Load(SignIn).ToUtf8();
        using var input = new MemoryStream([.. "xyz"u8, .. bytes]) { Position = 3 };

        using var answer = trigger.Handle(input);

        Assert.Equal("example.com", JsonNode.Parse(answer)!.AsObject().Claim("idTokenGeneration", "tenant"));
    }
}
