using System.Text.Unicode;

namespace CognitoStack.Lambda.Common;

/// <summary>The bytes of one invocation's event, or why there are none.</summary>
/// <param name="Bytes">The event without a leading UTF-8 byte-order mark; empty when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Null when the bytes were read and are valid UTF-8; otherwise what is wrong, for the log.</param>
public readonly record struct EventBytes(ReadOnlyMemory<byte> Bytes, string? Problem);

/// <summary>Reads the event a Lambda function is invoked with; never throws.</summary>
public static class EventInput
{
    /// <summary>
    /// Largest event read: 6 MiB. Lambda documents the synchronous invocation payload limit as "6 MB"
    /// (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html, and "the maximum payload
    /// size is 6 MB" in https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html) and refuses larger
    /// requests with "Request must be smaller than 6291456 bytes". Taking the binary reading, no event
    /// Lambda delivers is refused here; anything larger cannot have come from Lambda.
    /// </summary>
    public const int MaxBytes = 6 * 1024 * 1024;

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Reads the whole input. A <see cref="MemoryStream"/> (what the Lambda runtime passes) is read in place,
    /// without a copy; any other stream is copied, stopping one byte past <see cref="MaxBytes"/>. A leading
    /// UTF-8 byte-order mark is dropped (System.Text.Json refuses it in a byte span).
    /// </summary>
    /// <param name="input">The invocation's input stream; null reads as empty.</param>
    public static EventBytes Read(Stream? input)
    {
        ReadOnlyMemory<byte> bytes;
        try
        {
            bytes = ReadAll(input);
        }
        catch (Exception exception) when (exception is IOException or NotSupportedException or ObjectDisposedException or InvalidOperationException or ArgumentException)
        {
            return new EventBytes(default, "event could not be read");
        }

        if (bytes.Length > MaxBytes)
        {
            return new EventBytes(default, $"event is larger than {MaxBytes} bytes");
        }

        if (bytes.Span.StartsWith(ByteOrderMark))
        {
            bytes = bytes[ByteOrderMark.Length..];
        }

        // Checked here because System.Text.Json does not transcode what it skips: invalid UTF-8 inside an
        // ignored member would otherwise pass unnoticed.
        return Utf8.IsValid(bytes.Span)
            ? new EventBytes(bytes, null)
            : new EventBytes(default, "event is not valid UTF-8");
    }

    private static ReadOnlyMemory<byte> ReadAll(Stream? input)
    {
        if (input is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (input is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            return segment.AsMemory((int)memory.Position);
        }

        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > MaxBytes)
            {
                break;
            }
        }

        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }
}
