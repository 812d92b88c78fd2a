using System.Text.Json.Nodes;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>A method of the synthesized REST API: its path, HTTP method, required scopes and properties.</summary>
internal sealed record ApiMethod(string Path, string HttpMethod, IReadOnlyList<string> Scopes, JsonNode Properties);

/// <summary>Reads the API stack's methods with their paths resolved through the resource tree.</summary>
internal static class ApiMethods
{
    /// <summary>Every method but the CORS preflight, with its path and required scopes.</summary>
    public static List<ApiMethod> Methods(this SynthesizedEnvironment env)
    {
        var resources = env.Json["Api"]["Resources"]!.AsObject();
        string PathOf(JsonNode resourceId) => PlainJson.Flatten(resourceId) is JsonValue v && ((string)v!).StartsWith("${", StringComparison.Ordinal)
            && resources[((string)v!)[2..^1]] is { } resource
                ? PathOf(resource["Properties"]!["ParentId"]!) + "/" + (string)resource["Properties"]!["PathPart"]!
                : "";
        return [.. env.Resources("Api", "AWS::ApiGateway::Method")
            .Select(m => m.Resource["Properties"]!)
            .Where(p => (string?)p["HttpMethod"] != "OPTIONS")
            .Select(p => new ApiMethod(PathOf(p["ResourceId"]!), (string)p["HttpMethod"]!,
                p["AuthorizationScopes"] is JsonArray scopes ? [.. scopes.Select(PlainJson.String)] : [], p))];
    }
}
