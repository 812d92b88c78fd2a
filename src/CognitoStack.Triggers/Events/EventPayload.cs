using System.Text.Json;
using CognitoStack.Lambda.Common;
using CognitoStack.Triggers.Json;

namespace CognitoStack.Triggers.Events;

/// <summary>
/// The raw bytes of one trigger event, and the answer every trigger falls back to: the event itself when
/// it is a JSON object (Cognito expects its event back), otherwise an empty JSON object.
/// </summary>
internal sealed class EventPayload
{
    /// <summary>
    /// Deepest nesting read, in the input check and in the deserializer alike (set on
    /// <see cref="TriggersJsonContext"/>), so an event that passes the check never fails on depth later.
    /// Cognito's events nest about five levels; 64 is System.Text.Json's default.
    /// </summary>
    public const int MaxDepth = 64;

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private EventPayload(byte[] bytes, string? problem)
    {
        Bytes = bytes;
        Problem = problem;
    }

    /// <summary>The event as received, without a leading byte-order mark (empty when it could not be read).</summary>
    public byte[] Bytes { get; }

    /// <summary>Null when <see cref="Bytes"/> is one well-formed JSON object; otherwise what is wrong.</summary>
    public string? Problem { get; }

    /// <summary>Reads the whole input; never throws.</summary>
    public static EventPayload Read(Stream? input)
    {
        var (bytes, problem) = EventInput.Read(input);
        // Copied: the answer may echo these bytes after the runtime's input buffer is gone.
        return problem is null ? new EventPayload(bytes.ToArray(), CheckJsonObject(bytes.Span)) : new EventPayload([], problem);
    }

    /// <summary>
    /// The event unchanged if it is a JSON object, otherwise <c>{}</c>: a response that carries no
    /// customization, so it can never grant more than Cognito's defaults.
    /// </summary>
    public Stream Unchanged() => new MemoryStream(Problem is null ? Bytes : EmptyObject, writable: false);

    private static string? CheckJsonObject(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read())
            {
                return "event is empty";
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return $"event is JSON {reader.TokenType}, not an object";
            }

            reader.Skip();
            return reader.Read() ? "event has data after the JSON object" : null;
        }
        catch (JsonException)
        {
            return $"event is not valid JSON (or is nested deeper than {MaxDepth} levels)";
        }
    }
}
