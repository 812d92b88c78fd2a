using System.Text;

namespace CognitoStack.Backend.Routing;

/// <summary>Turns the event's body string into bytes, decoding base64 and enforcing the size limit.</summary>
public static class RequestBody
{
    /// <summary>Largest accepted body, in bytes after base64 decoding: 16 KiB.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>Decodes the body; on failure <paramref name="error"/> is the answer to send.</summary>
    /// <param name="body">The event's <c>body</c>.</param>
    /// <param name="isBase64Encoded">The event's <c>isBase64Encoded</c>.</param>
    /// <param name="bytes">The body bytes when successful.</param>
    /// <param name="error">The 400 or 413 answer when not.</param>
    public static bool TryDecode(string? body, bool isBase64Encoded, out byte[] bytes, out ApiResult? error)
    {
        bytes = [];
        error = null;
        if (string.IsNullOrEmpty(body))
        {
            error = ApiResult.BadRequest("body is required: a JSON object with name and quantity");
            return false;
        }

        // Checked on the encoded length first so a huge body is refused before anything is decoded.
        var tooLarge = isBase64Encoded
            ? body.Length > (MaxBytes + 2) / 3 * 4 + 64
            : body.Length > MaxBytes || Encoding.UTF8.GetByteCount(body) > MaxBytes;
        if (!tooLarge && isBase64Encoded)
        {
            try
            {
                bytes = Convert.FromBase64String(body);
            }
            catch (FormatException)
            {
                error = ApiResult.BadRequest("body is marked isBase64Encoded but is not valid base64");
                return false;
            }

            tooLarge = bytes.Length > MaxBytes;
        }
        else if (!tooLarge)
        {
            bytes = Encoding.UTF8.GetBytes(body);
        }

        if (tooLarge)
        {
            error = ApiResult.PayloadTooLarge($"body is too large: at most {MaxBytes} bytes are accepted");
            return false;
        }

        return true;
    }
}
