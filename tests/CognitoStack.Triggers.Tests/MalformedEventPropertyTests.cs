using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

public sealed class MalformedEventPropertyTests
{
    private const int Seed = 20251122;
    private const int Cases = 750;

    [Fact]
    public void PreTokenGeneration_Should_AnswerAJsonObjectWithoutThrowing_When_EventsAreMalformed()
    {
        var trigger = TestTriggers.PreToken();
        var events = new MalformedEvents(Seed, SignIn, AdminRefresh, NoEmail);
        var failures = new List<string>();

        for (var i = 0; i < Cases; i++)
        {
            var (kind, e) = events.Next();
            var problem = Check(() => trigger.Send(e), e);
            if (problem is not null)
            {
                failures.Add($"case {i} ({kind}, seed {Seed}): {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void PreTokenGeneration_Should_GrantAdminOnlyToAdminGroupMembers_When_EventsAreMalformed()
    {
        var trigger = TestTriggers.PreToken();
        var events = new MalformedEvents(Seed + 1, SignIn, AdminRefresh);
        var failures = new List<string>();

        for (var i = 0; i < Cases; i++)
        {
            var (kind, e) = events.Next();
            var answer = TryParseObject(trigger.Send(e));
            var granted = answer?.Claim("idTokenGeneration", "role_hint") == "admin" || answer?.Claim("accessTokenGeneration", "role_hint") == "admin";
            if (granted && !InAdminGroup(e))
            {
                failures.Add($"case {i} ({kind}, seed {Seed + 1}): role_hint admin without membership");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void PostConfirmation_Should_ReturnTheEventWithoutThrowing_When_EventsAreMalformed()
    {
        var handler = FakeHttpHandler.Answering(HttpStatusCode.OK);
        using var http = handler.Client();
        var trigger = TestTriggers.PostConfirmation(http);
        var events = new MalformedEvents(Seed + 2, ConfirmSignUp, ConfirmForgotPassword);
        var failures = new List<string>();

        for (var i = 0; i < Cases; i++)
        {
            var (kind, e) = events.Next();
            var problem = Check(() => trigger.Send(e), e, echoes: true);
            if (problem is not null)
            {
                failures.Add($"case {i} ({kind}, seed {Seed + 2}): {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void PreSignUp_Should_AllowOnlyListedDomainsAndRefuseOnlyWithItsOwnException_When_EventsAreMalformed()
    {
        var trigger = TestTriggers.PreSignUp();
        var events = new MalformedEvents(Seed + 3, SelfSignUp, ExternalSignUp, AdminSignUp);
        var failures = new List<string>();

        for (var i = 0; i < Cases; i++)
        {
            var (kind, e) = events.Next();
            try
            {
                var answer = trigger.Send(e);
                var parsed = TryParseObject(e);
                if (!answer.AsSpan().SequenceEqual(e))
                {
                    failures.Add($"case {i} ({kind}, seed {Seed + 3}): an allowed sign-up did not echo the event");
                }
                else if (parsed?["triggerSource"] is JsonValue source && source.TryGetValue<string>(out var s) && s == "PreSignUp_SignUp"
                    && !ListedDomain(parsed))
                {
                    failures.Add($"case {i} ({kind}, seed {Seed + 3}): a self sign-up without a listed domain was allowed");
                }
            }
            catch (SignUpRejectedException)
            {
            }
            catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
            {
                failures.Add($"case {i} ({kind}, seed {Seed + 3}): {exception.GetType().Name}: {exception.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void CustomMessage_Should_AnswerAJsonObjectWithoutThrowing_When_EventsAreMalformed()
    {
        var trigger = TestTriggers.CustomMessage();
        var events = new MalformedEvents(Seed + 4, SignUpMessage, InvitationMessage, AwsLambdaGoCustomMessage);
        var failures = new List<string>();

        for (var i = 0; i < Cases; i++)
        {
            var (kind, e) = events.Next();
            var problem = Check(() => trigger.Send(e), e);
            if (problem is not null)
            {
                failures.Add($"case {i} ({kind}, seed {Seed + 4}): {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void InboundFederation_Should_AnswerAJsonObjectWithoutThrowing_When_EventsAreMalformed()
    {
        var trigger = TestTriggers.InboundFederation();
        var events = new MalformedEvents(Seed + 5, SamlFederation, OidcFederation);
        var failures = new List<string>();

        for (var i = 0; i < Cases; i++)
        {
            var (kind, e) = events.Next();
            var problem = Check(() => trigger.Send(e), e);
            if (problem is not null)
            {
                failures.Add($"case {i} ({kind}, seed {Seed + 5}): {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    private static bool ListedDomain(JsonObject e)
    {
        var email = (e["request"] as JsonObject)?["userAttributes"] is JsonObject attributes && attributes["email"] is JsonValue value
            && value.TryGetValue<string>(out var text) ? text : null;
        var domain = email?[(email.LastIndexOf('@') + 1)..].ToLowerInvariant();
        return domain is "example.com" or "corp.example.com";
    }

    // The answer must be a JSON object; with echoes, it must be the input itself whenever that was one.
    private static string? Check(Func<byte[]> send, byte[] e, bool echoes = false)
    {
        byte[] answer;
        try
        {
            answer = send();
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            return $"{exception.GetType().Name}: {exception.Message}";
        }

        if (TryParseObject(answer) is null)
        {
            return "answer is not a JSON object";
        }

        var inputIsObject = TryParseObject(e) is not null;
        if (echoes && inputIsObject && !answer.AsSpan().SequenceEqual(e))
        {
            return "answer differs from the event";
        }

        return !inputIsObject && !"{}"u8.SequenceEqual(answer) ? "answer to a non-object is not {}" : null;
    }

    // Invalid UTF-8 is not JSON (RFC 8259), though JsonNode would read it with replacement characters.
    // Deeper nesting than the triggers read (their check and deserializer share one limit) is not an event.
    private static JsonObject? TryParseObject(byte[] bytes)
    {
        if (!Utf8.IsValid(bytes))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = Events.EventPayload.MaxDepth }) as JsonObject;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool InAdminGroup(byte[] e)
    {
        var groups = TryParseObject(e)?["request"]?["groupConfiguration"]?["groupsToOverride"] as JsonArray;
        return groups is not null && groups.Any(g => g is JsonValue v && v.TryGetValue<string>(out var name) && name == "admin");
    }
}
