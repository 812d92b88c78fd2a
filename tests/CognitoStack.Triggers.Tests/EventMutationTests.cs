using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

// AWS's published sample events and the hand-made fixtures, each member mutated in turn (EventMutations: removed,
// null, wrong types, huge, lone surrogates, written twice; trigger source missing or unknown; request and response
// null), through every trigger. For every case: the only exception is the trigger's documented refusal (none for
// the triggers that never throw), every log line is JSON, a success line is written only once the answer exists
// (never before a refusal or an error line), and an answer the trigger built is well-formed JSON.
public sealed class EventMutationTests
{
    private const string MigrationAuthentication = "user-migration-authentication.json";
    private const string MigrationForgotPassword = "user-migration-forgot-password.json";
    private const string MigrationAwsSample = "aws-lambda-go-migrateuser.json";


    private static readonly string[] PreSignUpSources = ["PreSignUp_SignUp", "PreSignUp_AdminCreateUser", "PreSignUp_ExternalProvider"];

    [Fact]
    public void PreTokenGeneration_Should_AnswerEveryMutationAndLogSuccessOnlyAfterTheAnswer()
    {
        using var log = new LogLines();
        var trigger = TestTriggers.PreToken(log.Stream);

        var failures = Run(EventMutations.Of(SignIn, AdminRefresh, NoEmail, MachineToken, AwsLambdaGoV2Sample), trigger.Handle, log, refusal: null, "claims added");

        Assert.True(failures.Count == 0, Report(failures));
    }

    [Fact]
    public void PostConfirmation_Should_AnswerEveryMutationAndLogSuccessOnlyAfterTheAnswer()
    {
        using var log = new LogLines();
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        var trigger = TestTriggers.PostConfirmation(http, log.Stream);

        var failures = Run(EventMutations.Of(ConfirmSignUp, ConfirmForgotPassword, AwsDocsPostConfirmationTestEvent), trigger.Handle, log, refusal: null, "user added to");

        Assert.True(failures.Count == 0, Report(failures));
    }

    [Fact]
    public void PreSignUp_Should_RefuseWithItsOwnExceptionAndAllowOnlyKnownSources()
    {
        using var log = new LogLines();
        var trigger = TestTriggers.PreSignUp(log.Stream);

        var failures = Run(
            EventMutations.Of(SelfSignUp, ExternalSignUp, AdminSignUp, AwsLambdaGoPreSignUp),
            trigger.Handle,
            log,
            typeof(SignUpRejectedException),
            ["sign-up allowed", "not a self sign-up; allowed"],
            (e, _) => Source(e) is { } source && PreSignUpSources.Contains(source) ? null : $"allowed with triggerSource {Source(e) ?? "(not a string)"}");

        Assert.True(failures.Count == 0, Report(failures));
    }

    [Fact]
    public void CustomMessage_Should_AnswerEveryMutationAndLogSuccessOnlyAfterTheAnswer()
    {
        using var log = new LogLines();
        var trigger = TestTriggers.CustomMessage(log.Stream);

        var failures = Run(EventMutations.Of(SignUpMessage, InvitationMessage, AwsLambdaGoCustomMessage), trigger.Handle, log, refusal: null, "message written");

        Assert.True(failures.Count == 0, Report(failures));
    }

    [Fact]
    public void InboundFederation_Should_AnswerEveryMutationAndLogSuccessOnlyAfterTheAnswer()
    {
        using var log = new LogLines();
        var trigger = TestTriggers.InboundFederation(log.Stream);

        var failures = Run(EventMutations.Of(SamlFederation, OidcFederation), trigger.Handle, log, refusal: null, "claims mapped");

        Assert.True(failures.Count == 0, Report(failures));
    }

    [Fact]
    public void UserMigration_Should_RefuseWithUserNotMigratedOnlyAndLogSuccessOnlyAfterTheAnswer()
    {
        using var log = new LogLines();
        using var oldPool = new OldPoolFake();
        var trigger = new UserMigration(n => TestTriggers.MigrationVariables.GetValueOrDefault(n), oldPool.Client(), log.Stream, new FixedClock(TestTriggers.SigningTime));

        var failures = Run(
            EventMutations.Of(MigrationAuthentication, MigrationForgotPassword, MigrationAwsSample),
            trigger.Handle,
            log,
            typeof(UserNotMigratedException),
            ["user migrated"],
            (_, answer) => JsonNode.Parse(answer)?["response"]?["userAttributes"] is JsonObject ? null : "answered without response.userAttributes");

        Assert.True(failures.Count == 0, Report(failures));
    }

    [Theory]
    [InlineData("""{"triggerSource":"UserMigration_Authentication","triggerSource":"UserMigration_ForgotPassword","userName":"alice@example.com","request":{"password":"p"},"response":{}}""")]
    [InlineData("""{"triggerSource":"UserMigration_Authentication","userName":"alice@example.com","request":{"password":"p","clientMetadata":{"k":"\ud800"}},"response":{}}""")]
    [InlineData("""{"triggerSource":"UserMigration_Authentication","userName":"\ud800","request":{"password":"p"},"response":{}}""")]
    [InlineData("""{"triggerSource":"UserMigration_Authentication","userName":"alice@example.com","request":{"password":"p","clientMetadata":{"k":"a","k":"b"}},"response":{}}""")]
    public void UserMigration_Should_RefuseWithoutCallingTheOldPool_When_TheEventCannotBeAnswered(string e)
    {
        using var log = new LogLines();
        using var oldPool = new OldPoolFake();
        var trigger = new UserMigration(n => TestTriggers.MigrationVariables.GetValueOrDefault(n), oldPool.Client(), log.Stream, new FixedClock(TestTriggers.SigningTime));

        Assert.Throws<UserNotMigratedException>(() => trigger.Handle(new MemoryStream(Encoding.UTF8.GetBytes(e))));

        Assert.StartsWith("user not migrated: malformed event", log.Errors.Single().Text("message"), StringComparison.Ordinal);
        Assert.Empty(oldPool.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("5")]
    [InlineData("\"PreSignUp_Unknown\"")]
    [InlineData("\"presignup_externalprovider\"")]
    public void PreSignUp_Should_Reject_When_TheTriggerSourceIsNotOneItKnows(string? source)
    {
        using var log = new LogLines();
        var e = source is null ? Load(ExternalSignUp).Without("triggerSource") : Load(ExternalSignUp).With("triggerSource", JsonNode.Parse(source));

        var error = Assert.Throws<SignUpRejectedException>(() => TestTriggers.PreSignUp(log.Stream).Send(e.ToUtf8()));

        Assert.Equal(PreSignUp.FailureMessage, error.Message);
        var line = log.Errors.Single();
        Assert.StartsWith("malformed event: triggerSource", line.Text("message"), StringComparison.Ordinal);
        Assert.Equal("rejected", line.Text("outcome"));
    }

    private static List<string> Run(
        IEnumerable<(string Case, byte[] Event)> cases,
        Func<Stream, Stream> handle,
        LogLines log,
        Type? refusal,
        params string[] successMessages) =>
        Run(cases, handle, log, refusal, successMessages, check: null);

    private static List<string> Run(
        IEnumerable<(string Case, byte[] Event)> cases,
        Func<Stream, Stream> handle,
        LogLines log,
        Type? refusal,
        string[] successMessages,
        Func<byte[], byte[], string?>? check)
    {
        var failures = new List<string>();
        foreach (var (name, e) in cases)
        {
            var logged = log.Stream.Length;
            byte[]? answer = null;
            Exception? thrown = null;
            try
            {
                using var output = handle(new MemoryStream(e, writable: false));
                using var copy = new MemoryStream();
                output.CopyTo(copy);
                answer = copy.ToArray();
            }
            catch (Exception exception)
            {
                thrown = exception;
            }

            var problem = Check(e, answer, thrown, refusal, NewLines(log, logged), successMessages, check);
            if (problem is not null)
            {
                failures.Add($"{name}: {problem}");
            }
        }

        return failures;
    }

    private static string? Check(byte[] e, byte[]? answer, Exception? thrown, Type? refusal, List<string> lines, string[] successMessages, Func<byte[], byte[], string?>? check)
    {
        if (thrown is not null && thrown.GetType() != refusal)
        {
            return $"threw {thrown.GetType().Name}: {thrown.Message}";
        }

        var parsed = new List<(string Level, string Message)>();
        foreach (var line in lines)
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                parsed.Add((document.RootElement.GetProperty("level").GetString()!, document.RootElement.GetProperty("message").GetString()!));
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return $"log line is not a JSON line with level and message: {line[..Math.Min(line.Length, 200)]}";
            }
        }

        var success = parsed.FindIndex(l => l.Level == "info" && successMessages.Any(m => l.Message.StartsWith(m, StringComparison.Ordinal)));
        if (success >= 0 && thrown is not null)
        {
            return $"logged \"{parsed[success].Message}\" and then threw {thrown.GetType().Name}";
        }

        if (success >= 0 && parsed.Skip(success + 1).FirstOrDefault(l => l.Level == "error") is { Message: { } after })
        {
            return $"logged \"{parsed[success].Message}\" and then the error \"{after}\"";
        }

        if (answer is null)
        {
            return null;
        }

        if (!answer.AsSpan().SequenceEqual(e) && !"{}"u8.SequenceEqual(answer) && !IsStrictJsonObject(answer))
        {
            return "built an answer that is not one well-formed JSON object";
        }

        return check?.Invoke(e, answer);
    }

    // Well-formed: one object, no member name twice in any object.
    private static bool IsStrictJsonObject(byte[] answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = Events.EventPayload.MaxDepth });
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<string> NewLines(LogLines log, long from) =>
        [.. Encoding.UTF8.GetString(log.Stream.ToArray().AsSpan((int)from)).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static string? Source(byte[] e)
    {
        try
        {
            return JsonNode.Parse(e)?["triggerSource"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Report(List<string> failures) =>
        $"{failures.Count} failing cases:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(25))}";
}
