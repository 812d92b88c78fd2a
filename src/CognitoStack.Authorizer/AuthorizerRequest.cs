using System.Text.Json;

namespace CognitoStack.Authorizer;

/// <summary>
/// What the authorizer reads of API Gateway's REQUEST authorizer event
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html).
/// </summary>
internal sealed record AuthorizerRequest(
    string MethodArn, string? Resource, string? HttpMethod, string? Authorization, IReadOnlyDictionary<string, string> PathParameters)
{
    /// <summary>The event, or null when it is not a REQUEST authorizer event with a method ARN.</summary>
    public static AuthorizerRequest? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "type") != "REQUEST"
                || Text(root, "methodArn") is not { Length: > 0 } methodArn)
            {
                return null;
            }

            // Header names arrive as the client sent them; HTTP names are case-insensitive.
            string? authorization = null;
            if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                authorization = headers.EnumerateObject()
                    .Where(h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && h.Value.ValueKind == JsonValueKind.String)
                    .Select(h => h.Value.GetString()).FirstOrDefault();
            }

            var pathParameters = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("pathParameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in parameters.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    pathParameters[p.Name] = p.Value.GetString()!;
                }
            }

            return new AuthorizerRequest(methodArn, Text(root, "resource"), Text(root, "httpMethod"), authorization, pathParameters);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
