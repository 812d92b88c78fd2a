using System.Buffers;
using System.Text.Json;
using CognitoStack.Contract;

namespace CognitoStack.Authorizer;

/// <summary>
/// The <c>IsAuthorizedWithToken</c> body and the one field read from its answer
/// (https://docs.aws.amazon.com/verifiedpermissions/latest/apireference/API_IsAuthorizedWithToken.html).
/// </summary>
internal static class VerifiedPermissionsRequest
{
    /// <summary>
    /// The request: the token in the parameter its <c>token_use</c> names, the route's action, and the resource
    /// (the application, or for a tenant route the tenant with its <c>name</c>, passed in <c>entities</c>).
    /// </summary>
    public static byte[] Write(string policyStoreId, CognitoToken token, ApiRoute route, string? tenant)
    {
        var buffer = new ArrayBufferWriter<byte>(token.Jwt.Length + 512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("policyStoreId"u8, policyStoreId);
            w.WriteString(token.IsIdToken ? "identityToken"u8 : "accessToken"u8, token.Jwt);
            w.WriteStartObject("action"u8);
            w.WriteString("actionType"u8, ApiRoutes.ActionEntityType);
            w.WriteString("actionId"u8, route.Action);
            w.WriteEndObject();
            w.WriteStartObject("resource"u8);
            w.WriteString("entityType"u8, tenant is null ? ApiRoutes.ApplicationEntityType : ApiRoutes.TenantEntityType);
            w.WriteString("entityId"u8, tenant ?? ApiRoutes.ApplicationId);
            w.WriteEndObject();
            if (tenant is not null)
            {
                w.WriteStartObject("entities"u8);
                w.WriteStartArray("entityList"u8);
                w.WriteStartObject();
                w.WriteStartObject("identifier"u8);
                w.WriteString("entityType"u8, ApiRoutes.TenantEntityType);
                w.WriteString("entityId"u8, tenant);
                w.WriteEndObject();
                w.WriteStartObject("attributes"u8);
                w.WriteStartObject("name"u8);
                w.WriteString("string"u8, tenant);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The answer's <c>decision</c> (<c>ALLOW</c> or <c>DENY</c>), or null when the body has none.</summary>
    public static string? ReadDecision(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("decision", out var decision) && decision.ValueKind == JsonValueKind.String
                ? decision.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
