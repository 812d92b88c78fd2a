using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;
using CognitoStack.Triggers.Events;
using CognitoStack.Triggers.Logging;

namespace CognitoStack.Triggers;

/// <summary>
/// The custom message trigger, handler <see cref="LambdaHandlers.CustomMessage"/>: writes
/// <c>response.emailSubject</c> and <c>response.emailMessage</c> for every trigger source AWS lists
/// (<see cref="CustomMessages.Sources"/>) in the user's <c>locale</c> attribute, from the message files shipped in
/// the package (<c>messages/LOCALE.json</c>, copied from <c>config/messages</c>). <c>MESSAGE_LOCALES</c> names the
/// files to load, the default first.
/// </summary>
/// <remarks>
/// <para>Locale: the exact <c>locale</c> attribute (case-insensitive), else its language (<c>de-AT</c> → <c>de</c>),
/// else the default; a locale without a message for the source falls back to the default's.</para>
/// <para>Placeholders: the files write <c>{####}</c> and <c>{username}</c>; the trigger puts in the event's
/// <c>request.codeParameter</c> and <c>request.usernameParameter</c>, as AWS recommends
/// (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html).</para>
/// <para>It never throws: a failing custom message function fails the sign-up, reset or sign-in that sends the
/// message. On any problem it returns the event unchanged, so Cognito sends its default text, and logs one
/// <c>level: error</c> line. It never logs codes, user names or message text.</para>
/// </remarks>
public sealed class CustomMessage
{
    private readonly Dictionary<string, Dictionary<string, (string Subject, string Message)>> _messages = new(StringComparer.OrdinalIgnoreCase);
    private readonly string? _defaultLocale;
    private readonly TriggerLog _log;

    /// <summary>Reads <c>MESSAGE_LOCALES</c> from the environment and the files next to the assembly (the Lambda entry point).</summary>
    public CustomMessage()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Reads <c>MESSAGE_LOCALES</c> and loads each locale's file; logs an error for anything missing or invalid.</summary>
    /// <param name="readVariable">Returns a variable's value, or null when it is not set.</param>
    /// <param name="logOutput">Where log lines go; standard output when left out.</param>
    /// <param name="messagesDirectory">The folder of the message files; the package's <c>messages</c> folder when left out.</param>
    public CustomMessage(Func<string, string?> readVariable, Stream? logOutput = null, string? messagesDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        _log = new TriggerLog(logOutput ?? Console.OpenStandardOutput(), nameof(CustomMessage));
        var value = readVariable(EnvironmentVariables.MessageLocales);
        var locales = value?.Split(',') ?? [];
        if (locales.Length == 0 || !locales.All(CustomMessages.IsLocale))
        {
            _log.Error($"invalid configuration: {EnvironmentVariables.MessageLocales} {Quote.Value(value)} is not a comma-separated list of locales; Cognito's default messages will be sent", EventIdentity.None);
            return;
        }

        var directory = messagesDirectory ?? Path.Combine(AppContext.BaseDirectory, CustomMessages.Directory);
        foreach (var locale in locales)
        {
            var problem = Load(directory, locale, isDefault: locale == locales[0]);
            if (problem is not null)
            {
                _log.Error($"invalid configuration: messages of {Quote.Value(locale)}: {problem}; {(locale == locales[0] ? "Cognito's default messages will be sent" : "the default locale is used instead")}", EventIdentity.None, new LogDetails(Locale: locale));
                if (locale == locales[0])
                {
                    _messages.Clear();
                    return;
                }
            }
        }

        _defaultLocale = locales[0];
    }

    /// <summary>Answers one custom message event.</summary>
    /// <param name="input">The event JSON.</param>
    /// <returns>The event with the subject and message set, or unchanged.</returns>
    public Stream Handle(Stream input)
    {
        var started = Stopwatch.GetTimestamp();
        var payload = EventPayload.Read(input);
        if (payload.Problem is not null)
        {
            _log.Error($"malformed event: {payload.Problem}; answered {{}} (Cognito's default message)", EventIdentity.None);
            return payload.Unchanged();
        }

        var identity = EventIdentity.None;
        try
        {
            var e = EventNode.Parse(payload);
            identity = EventNode.Identity(e);
            var (problem, locale) = Answer(e, identity.TriggerSource);
            if (problem is not null)
            {
                _log.Error($"message not customized: {problem}; Cognito's default message is sent", identity);
                return payload.Unchanged();
            }

            // Written before the success line: writing can still fail on the event (duplicate members, invalid escapes).
            var answer = EventNode.ToStream(e);
            _log.Info("message written", identity, new LogDetails(Locale: locale, DurationMs: Elapsed(started)));
            return answer;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            _log.Error($"malformed event: {exception.GetType().Name} while reading it; Cognito's default message is sent", identity);
            return payload.Unchanged();
        }
        catch (Exception exception)
        {
            // The trigger must answer, never throw: a failing custom message fails the user's request.
            _log.Error($"unexpected {exception.GetType().Name}; Cognito's default message is sent", identity);
            return payload.Unchanged();
        }
    }

    private (string? Problem, string? Locale) Answer(JsonObject e, string? source)
    {
        if (_defaultLocale is null)
        {
            return ("the messages are not configured", null);
        }

        if (source is null || !CustomMessages.Sources.Contains(source))
        {
            return ($"triggerSource {Quote.Value(source)} is not a custom message source", null);
        }

        if (e["request"] is not JsonObject request || e["response"] is not (JsonObject or null))
        {
            return ("request is missing or response is not an object", null);
        }

        var code = EventNode.Text(request, "codeParameter");
        var username = EventNode.Text(request, "usernameParameter");
        if (string.IsNullOrEmpty(code) || (source == CustomMessages.AdminCreateUser && string.IsNullOrEmpty(username)))
        {
            return ("request.codeParameter (or usernameParameter for AdminCreateUser) is missing", null);
        }

        var locale = PickLocale(EventNode.Text(request["userAttributes"] as JsonObject, "locale"), source);
        var (subject, message) = _messages[locale][source];
        var text = message.Replace(CustomMessages.CodePlaceholder, code, StringComparison.Ordinal);
        if (source == CustomMessages.AdminCreateUser)
        {
            text = text.Replace(CustomMessages.UsernamePlaceholder, username, StringComparison.Ordinal);
        }

        var response = e["response"] as JsonObject ?? [];
        response["emailSubject"] = subject;
        response["emailMessage"] = text;
        e["response"] = response;
        return (null, locale);
    }

    /// <summary>The exact locale, else its language, else the default; each must have a message for the source.</summary>
    private string PickLocale(string? wanted, string source)
    {
        var candidates = wanted is null ? [] : new[] { wanted, wanted.Split('-')[0] };
        foreach (var candidate in candidates)
        {
            if (_messages.TryGetValue(candidate, out var messages) && messages.ContainsKey(source))
            {
                return _messages.Keys.First(k => string.Equals(k, candidate, StringComparison.OrdinalIgnoreCase));
            }
        }

        return _defaultLocale!;
    }

    private string? Load(string directory, string locale, bool isDefault)
    {
        var path = Path.Combine(directory, $"{locale}.json");
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > CustomMessages.MaxFileLength * 4)
            {
                return $"{locale}.json is missing or too large";
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = EventPayload.MaxDepth });
            var messages = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                var subject = entry.Value.TryGetProperty("emailSubject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                var message = entry.Value.TryGetProperty("emailMessage", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                var problem = CustomMessages.Sources.Contains(entry.Name)
                    ? CustomMessages.Check(entry.Name, subject, message)
                    : $"{Quote.Value(entry.Name)} is not a trigger source";
                if (problem is not null)
                {
                    return problem;
                }

                messages[entry.Name] = (subject!, message!);
            }

            var missing = CustomMessages.Sources.FirstOrDefault(source => !messages.ContainsKey(source));
            if (isDefault && missing is not null)
            {
                return $"the default locale has no message for {missing}";
            }

            _messages[locale] = messages;
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return $"{locale}.json could not be read ({exception.GetType().Name})";
        }
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
