using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CognitoStack.Backend.Events;

namespace CognitoStack.Backend.Routing;

/// <summary>
/// Writes an <see cref="ApiResult"/> as an <see cref="ApiGatewayProxyResponse"/>: JSON content type, CORS
/// headers and the body serialized with its source-generated metadata. The envelope is written with a
/// reused <see cref="Utf8JsonWriter"/> per thread, so the only allocations are the result bytes.
/// </summary>
public static class ProxyResponseWriter
{
    // The envelope is read by API Gateway only, so it needs no HTML-safe escaping; the body keeps the
    // default (HTML-safe) escaping because clients may embed it.
    private static readonly JsonWriterOptions EnvelopeOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static Buffers? _threadBuffers;

    /// <summary>Builds the proxy response JSON.</summary>
    /// <param name="result">The answer.</param>
    /// <param name="allowedOrigin">The origin to echo in <c>Access-Control-Allow-Origin</c>, if allowed.</param>
    public static MemoryStream Write(ApiResult result, string? allowedOrigin)
    {
        ArgumentNullException.ThrowIfNull(result);
        var buffers = _threadBuffers ??= new Buffers();
        buffers.Reset();

        JsonSerializer.Serialize(buffers.BodyWriter, result.Body, result.BodyType);
        buffers.BodyWriter.Flush();

        var writer = buffers.EnvelopeWriter;
        writer.WriteStartObject();
        writer.WriteNumber("statusCode"u8, result.StatusCode);
        writer.WriteStartObject("headers"u8);
        writer.WriteString("Content-Type"u8, "application/json"u8);
        // Answers differ by Origin, so caches must key on it even when it is not echoed.
        writer.WriteString("Vary"u8, "Origin"u8);
        if (allowedOrigin is not null)
        {
            writer.WriteString("Access-Control-Allow-Origin"u8, allowedOrigin);
        }

        if (result.Allow is not null)
        {
            writer.WriteString("Allow"u8, result.Allow);
        }

        if (result.WwwAuthenticate is not null)
        {
            writer.WriteString("WWW-Authenticate"u8, result.WwwAuthenticate);
            if (allowedOrigin is not null)
            {
                // A browser client reads the challenge only when CORS exposes it.
                writer.WriteString("Access-Control-Expose-Headers"u8, "WWW-Authenticate"u8);
            }
        }

        writer.WriteEndObject();
        writer.WriteString("body"u8, buffers.Body.WrittenSpan);
        writer.WriteBoolean("isBase64Encoded"u8, false);
        writer.WriteEndObject();
        writer.Flush();

        var bytes = buffers.Envelope.WrittenSpan.ToArray();
        return new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
    }

    private sealed class Buffers
    {
        public ArrayBufferWriter<byte> Body { get; } = new(1024);

        public ArrayBufferWriter<byte> Envelope { get; } = new(1024);

        public Utf8JsonWriter BodyWriter { get; } = new(Stream.Null);

        public Utf8JsonWriter EnvelopeWriter { get; } = new(Stream.Null, EnvelopeOptions);

        public void Reset()
        {
            Body.ResetWrittenCount();
            Envelope.ResetWrittenCount();
            BodyWriter.Reset(Body);
            EnvelopeWriter.Reset(Envelope);
        }
    }
}
