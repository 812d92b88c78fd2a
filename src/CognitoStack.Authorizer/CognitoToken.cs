using System.Buffers.Text;
using System.Text.Json;

namespace CognitoStack.Authorizer;

/// <summary>
/// A Cognito user pool JWT as the authorizer hands it to Verified Permissions. The payload is read without
/// checking the signature: only to choose the parameter (<c>identityToken</c> for <c>token_use: id</c>,
/// <c>accessToken</c> for <c>access</c>, which Verified Permissions requires to match:
/// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-authorization-with-avp.html) and,
/// after Verified Permissions has validated the same token and allowed the request, to pass its claims to
/// the backend in the authorizer context.
/// </summary>
internal sealed record CognitoToken(string Jwt, bool IsIdToken, string Subject, IReadOnlyDictionary<string, string> Claims)
{
    private const int MaxTokenLength = 16_384;

    /// <summary>The token of an <c>Authorization</c> header (<c>Bearer</c> prefix optional), or null.</summary>
    public static CognitoToken? TryRead(string? authorization)
    {
        var jwt = authorization?.Trim();
        if (jwt is not null && jwt.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            jwt = jwt[7..].Trim();
        }

        if (jwt is not { Length: > 0 and <= MaxTokenLength } || jwt.Split('.') is not [_, var payload, _])
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(payload);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("token_use", out var use)
                || use.GetString() is not ("id" or "access") || !root.TryGetProperty("sub", out var sub) || sub.GetString() is not { Length: > 0 } subject)
            {
                return null;
            }

            return new CognitoToken(jwt, use.GetString() == "id", subject, ReadClaims(root));
        }
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    // The claims as API Gateway's Cognito authorizer passes them (strings; lists joined with commas), so the
    // backend reads them the same way in both modes. A context holds only strings, numbers and booleans
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html), so an
    // object claim (RFC 8693's act, on a token from token exchange) goes as its JSON text, which the backend reads.
    private static Dictionary<string, string> ReadClaims(JsonElement root)
    {
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var claim in root.EnumerateObject())
        {
            var value = claim.Value;
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True or JsonValueKind.False => value.GetBoolean() ? "true" : "false",
                JsonValueKind.Array => string.Join(',', value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString())),
                JsonValueKind.Object => value.GetRawText(),
                _ => null,
            };
            if (text is not null)
            {
                claims[claim.Name] = text;
            }
        }

        return claims;
    }
}
