using System.Text.Json;
using System.Text.Unicode;

namespace CognitoStack.Triggers.Events;

/// <summary>
/// The raw bytes of one trigger event, and the answer every trigger falls back to: the event itself when
/// it is a JSON object (Cognito expects its event back), otherwise an empty JSON object.
/// </summary>
internal sealed class EventPayload
{
    /// <summary>Largest event read: the Lambda synchronous invocation payload limit is 6 MB.</summary>
    public const int MaxEventBytes = 8 * 1024 * 1024;

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private EventPayload(byte[] bytes, string? problem)
    {
        Bytes = bytes;
        Problem = problem;
    }

    /// <summary>The event as received (empty when it could not be read).</summary>
    public byte[] Bytes { get; }

    /// <summary>Null when <see cref="Bytes"/> is one well-formed JSON object; otherwise what is wrong.</summary>
    public string? Problem { get; }

    /// <summary>Reads the whole input; never throws.</summary>
    public static EventPayload Read(Stream? input)
    {
        byte[] bytes;
        try
        {
            bytes = ReadAll(input);
        }
        catch (Exception exception) when (exception is IOException or NotSupportedException or ObjectDisposedException or InvalidOperationException or ArgumentException)
        {
            return new EventPayload([], "event could not be read");
        }

        if (bytes.Length > MaxEventBytes)
        {
            return new EventPayload([], $"event is larger than {MaxEventBytes} bytes");
        }

        return new EventPayload(bytes, CheckJsonObject(bytes));
    }

    /// <summary>
    /// The event unchanged if it is a JSON object, otherwise <c>{}</c>: a response that carries no
    /// customization, so it can never grant more than Cognito's defaults.
    /// </summary>
    public Stream Unchanged() => new MemoryStream(Problem is null ? Bytes : EmptyObject, writable: false);

    private static string? CheckJsonObject(byte[] bytes)
    {
        // Skipped string contents are not transcoded, so invalid UTF-8 there would otherwise pass unnoticed.
        if (!Utf8.IsValid(bytes))
        {
            return "event is not valid UTF-8";
        }

        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 256 });
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
            return "event is not valid JSON (or is nested deeper than 256 levels)";
        }
    }

    // A MemoryStream (what the Lambda runtime passes) is copied directly; any other stream is read to its
    // end, stopping one byte past the limit.
    private static byte[] ReadAll(Stream? input)
    {
        if (input is null)
        {
            return [];
        }

        if (input is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            return segment.AsSpan((int)memory.Position).ToArray();
        }

        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > MaxEventBytes)
            {
                break;
            }
        }

        return copy.ToArray();
    }
}
