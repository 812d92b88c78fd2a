using System.Text.Json;
using System.Text.Json.Serialization;

namespace CognitoStack.Backend.Events;

/// <summary>
/// Reads <c>requestContext</c> (request ID, stage, authorizer claims) and skips the rest. Written by hand
/// because a nested object read by the generated code makes the serializer allocate its frame stack on
/// every request; a converter keeps a warm request well under 4 KB allocated.
/// </summary>
public sealed class ProxyRequestContextConverter : JsonConverter<ProxyRequestContext>
{
    /// <inheritdoc/>
    public override ProxyRequestContext? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectObject(ref reader, "requestContext");
        string? requestId = null;
        string? stage = null;
        ProxyRequestAuthorizer? authorizer = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("requestId"u8))
            {
                requestId = ReadString(ref reader, "requestContext.requestId");
            }
            else if (reader.ValueTextEquals("stage"u8))
            {
                stage = ReadString(ref reader, "requestContext.stage");
            }
            else if (reader.ValueTextEquals("authorizer"u8))
            {
                reader.Read();
                authorizer = reader.TokenType == JsonTokenType.Null ? null : ReadAuthorizer(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ProxyRequestContext { RequestId = requestId, Stage = stage, Authorizer = authorizer };
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ProxyRequestContext value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("requestId"u8, value.RequestId);
        writer.WriteString("stage"u8, value.Stage);
        if (value.Authorizer?.Claims is { } claims)
        {
            writer.WriteStartObject("authorizer"u8);
            writer.WritePropertyName("claims"u8);
            new ClaimsConverter().Write(writer, claims, options);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static ProxyRequestAuthorizer ReadAuthorizer(ref Utf8JsonReader reader)
    {
        ExpectObject(ref reader, "requestContext.authorizer");
        IReadOnlyDictionary<string, string>? claims = null;
        Dictionary<string, string>? context = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isClaims = reader.ValueTextEquals("claims"u8);
            var isOutputField = reader.ValueTextEquals("principalId"u8) || reader.ValueTextEquals("integrationLatency"u8);
            var name = reader.GetString()!;
            reader.Read();
            if (isClaims && reader.TokenType != JsonTokenType.Null)
            {
                claims = ClaimsConverter.ReadClaims(ref reader);
            }
            else if (!isOutputField && reader.TokenType == JsonTokenType.String)
            {
                // A Lambda authorizer's context (the verifiedPermissions mode): its entries are the token's claims.
                (context ??= new(StringComparer.Ordinal))[name] = reader.GetString()!;
            }
            else
            {
                reader.Skip();
            }
        }

        return new ProxyRequestAuthorizer { Claims = claims ?? context };
    }

    private static string? ReadString(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"{name} must be a string"),
        };
    }

    private static void ExpectObject(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"{name} must be an object");
        }
    }
}
