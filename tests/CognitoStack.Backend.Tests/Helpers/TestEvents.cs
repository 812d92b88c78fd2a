using System.Text;
using System.Text.Json.Nodes;

namespace CognitoStack.Backend.Tests.Helpers;

/// Fixture events and the small edits tests make to them.
internal static class TestEvents
{
    public const string MeIdToken = "get-me-id-token.json";
    public const string MeAccessToken = "get-me-access-token.json";
    public const string MeNoAuthorizer = "get-me-no-authorizer.json";
    public const string AdminHealth = "get-admin-health-id-token.json";
    public const string AdminClaims = "get-admin-claims-id-token.json";
    public const string ListItems = "get-items-access-token.json";
    public const string CreateItem = "post-items-access-token.json";
    public const string CreateItemBase64 = "post-items-base64.json";

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static JsonObject Load(string name) => JsonNode.Parse(File.ReadAllText(FixturePath(name)))!.AsObject();

    public static JsonObject Claims(this JsonObject e) => e["requestContext"]!["authorizer"]!["claims"]!.AsObject();

    public static JsonObject WithClaim(this JsonObject e, string name, string? value)
    {
        if (value is null)
        {
            e.Claims().Remove(name);
        }
        else
        {
            e.Claims()[name] = value;
        }

        return e;
    }

    public static JsonObject WithoutAuthorizer(this JsonObject e)
    {
        e["requestContext"]!.AsObject().Remove("authorizer");
        return e;
    }

    public static JsonObject WithRoute(this JsonObject e, string method, string resource)
    {
        e["httpMethod"] = method;
        e["resource"] = resource;
        e["path"] = resource;
        return e;
    }

    public static JsonObject WithHeader(this JsonObject e, string name, string? value)
    {
        e["headers"]!.AsObject()[name] = value;
        return e;
    }

    public static JsonObject WithoutHeader(this JsonObject e, string name)
    {
        e["headers"]!.AsObject().Remove(name);
        return e;
    }

    public static JsonObject WithBody(this JsonObject e, string? body)
    {
        e["body"] = body;
        e["isBase64Encoded"] = false;
        return e;
    }

    public static JsonObject WithBase64Body(this JsonObject e, byte[] body)
    {
        e["body"] = Convert.ToBase64String(body);
        e["isBase64Encoded"] = true;
        return e;
    }

    public static byte[] ToUtf8(this JsonNode e) => Encoding.UTF8.GetBytes(e.ToJsonString());
}
