using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CognitoStack.Backend.Events;

/// <summary>
/// Reads <c>requestContext.authorizer.claims</c> into a string map.
/// </summary>
/// <remarks>
/// A REST API Cognito user pools authorizer renders every claim as a string: numbers and booleans become
/// text (<c>"email_verified": "true"</c>), dates become text (<c>"exp": "Fri Jul 29 18:52:53 UTC 2016"</c>),
/// arrays become one string (see <see cref="Auth.ClaimListParser"/>). Events written by hand or by local
/// emulators sometimes carry real JSON numbers, booleans or arrays instead; those are converted to the same
/// string rendering rather than rejected. Nested objects and nulls are dropped. Well-known claim names
/// are mapped to shared string instances so a warm request does not allocate them.
/// </remarks>
public sealed class ClaimsConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    private static readonly string[] KnownNames =
    [
        "sub", "aud", "iss", "exp", "iat", "jti", "scope", "email", "username", "version", "auth_time",
        "event_id", "client_id", "token_use", "origin_jti", "email_verified", "cognito:groups",
        "cognito:username", "acr", "amr",
    ];

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string>? Read(
        ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadClaims(ref reader);

    /// <summary>Reads a claims object; the reader is on its start and is left on its end.</summary>
    /// <param name="reader">The reader.</param>
    public static Dictionary<string, string> ReadClaims(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("claims must be an object");
        }

        var claims = new Dictionary<string, string>(16, StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = ReadName(ref reader);
            reader.Read();
            var value = ReadValue(ref reader);
            if (value is not null)
            {
                claims[name] = value;
            }
        }

        return claims;
    }

    /// <inheritdoc/>
    public override void Write(
        Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            writer.WriteString(name, text);
        }

        writer.WriteEndObject();
    }

    private static string ReadName(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var span = reader.ValueSpan;
            foreach (var known in KnownNames)
            {
                if (Ascii.Equals(span, known))
                {
                    return known;
                }
            }
        }

        return reader.GetString()!;
    }

    private static string? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.StartArray:
                return ReadArray(ref reader);
            default:
                reader.Skip();
                return null;
        }
    }

    // Renders an array the way the REST authorizer renders cognito:groups: comma separated.
    private static string ReadArray(ref Utf8JsonReader reader)
    {
        var text = new StringBuilder();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var item = reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject
                ? SkipAndReturnNull(ref reader)
                : ReadValue(ref reader);
            if (item is not null)
            {
                text.Append(text.Length == 0 ? "" : ",").Append(item);
            }
        }

        return text.ToString();
    }

    private static string? SkipAndReturnNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}
