using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CognitoStack.Backend.Events;

/// <summary>
/// The request headers this function needs. Only <c>Origin</c> (for CORS) is kept: materializing every
/// forwarded header would cost a string pair per header on every request.
/// </summary>
[JsonConverter(typeof(RequestHeadersConverter))]
public sealed record RequestHeaders
{
    /// <summary>The <c>Origin</c> header (any letter case), or null when absent.</summary>
    public string? Origin { get; init; }
}

/// <summary>
/// Reads the <c>headers</c> map, keeping only <c>Origin</c>. Header names are case-insensitive and REST
/// APIs pass them as the client sent them (HTTP/2 clients send lower case).
/// </summary>
public sealed class RequestHeadersConverter : JsonConverter<RequestHeaders>
{
    /// <inheritdoc/>
    public override RequestHeaders? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("headers must be an object");
        }

        string? origin = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isOrigin = IsOrigin(ref reader);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                if (isOrigin)
                {
                    origin = reader.GetString();
                }
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                throw new JsonException("header values must be strings");
            }
        }

        return new RequestHeaders { Origin = origin };
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, RequestHeaders value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.Origin is not null)
        {
            writer.WriteString("Origin", value.Origin);
        }

        writer.WriteEndObject();
    }

    private static bool IsOrigin(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence
            ? string.Equals(reader.GetString(), "origin", StringComparison.OrdinalIgnoreCase)
            : Ascii.EqualsIgnoreCase(reader.ValueSpan, "origin"u8);
}
