using CognitoStack.Backend.Auth;
using CognitoStack.Backend.Events;
using CognitoStack.Backend.Items;
using CognitoStack.Backend.Json;

namespace CognitoStack.Backend.Routing;

/// <summary>The endpoints, called by <see cref="Router"/> once the caller is authorized.</summary>
public static class Endpoints
{
    // This sample has no database: GET /items answers a fixed list and POST /items echoes the new
    // item without storing it.
    private static readonly ItemListBody SampleItems = new(
    [
        new ItemBody(new Guid("3f0c8a1e-5b1d-4a44-9d0e-2f6f1c9b7a01"), "Notebook", 12, "sample"),
        new ItemBody(new Guid("8b6e2d4c-1a7f-4c3b-b5e9-6d2a0f4e9c02"), "Pencil", 144, "sample"),
        new ItemBody(new Guid("c2d9f7a3-6e8b-4f10-a1c4-9e3b5d7f1a03"), "Eraser", 0, "sample"),
    ]);

    /// <summary><c>GET /me</c>: who the caller is, and the readable attributes the token carries.</summary>
    /// <param name="caller">The signed-in caller.</param>
    /// <param name="readableAttributes">The attributes the app clients may read (<c>READABLE_ATTRIBUTES</c>).</param>
    public static ApiResult Me(CallerIdentity caller, IReadOnlyList<string> readableAttributes)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(readableAttributes);
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in readableAttributes)
        {
            if (caller.Claims.TryGetValue(name, out var value))
            {
                attributes[name] = value;
            }
        }

        var body = new MeBody(
            caller.Sub, caller.Username, caller.Email, caller.Groups, caller.TokenUse, caller.Scopes, caller.ClientId, attributes);
        return ApiResult.Ok(200, body, BackendJsonContext.Default.MeBody);
    }

    /// <summary><c>GET /admin/health</c>: liveness and the environment name.</summary>
    /// <param name="environmentName">The deployment environment.</param>
    public static ApiResult Health(string environmentName) =>
        ApiResult.Ok(200, new HealthBody("ok", environmentName), BackendJsonContext.Default.HealthBody);

    /// <summary><c>GET /admin/claims</c>: the caller's claims, for debugging authorization.</summary>
    /// <param name="caller">The signed-in caller.</param>
    public static ApiResult Claims(CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ApiResult.Ok(200, new ClaimsBody(caller.Claims), BackendJsonContext.Default.ClaimsBody);
    }

    /// <summary><c>GET /items</c>: the fixed sample list.</summary>
    public static ApiResult ListItems() => ApiResult.Ok(200, SampleItems, BackendJsonContext.Default.ItemListBody);

    /// <summary><c>GET /tenants/{tenant}/items</c>: the tenant's items (none: this sample stores nothing).</summary>
    /// <param name="tenant">The tenant in the path.</param>
    public static ApiResult ListTenantItems(string tenant) =>
        ApiResult.Ok(200, new ItemListBody([]), BackendJsonContext.Default.ItemListBody);

    /// <summary><c>POST /items</c>: validates the body and answers the item it would create (not stored).</summary>
    /// <param name="caller">The signed-in caller.</param>
    /// <param name="request">The proxy event carrying the body.</param>
    public static ApiResult CreateItem(CallerIdentity caller, ApiGatewayProxyRequest request)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!RequestBody.TryDecode(request.Body, request.IsBase64Encoded, out var bytes, out var error))
        {
            return error!;
        }

        var validation = ItemRequestValidator.Validate(bytes);
        if (validation.Request is not { } item)
        {
            return ApiResult.BadRequest(validation.Error!);
        }

        var created = new ItemBody(Guid.NewGuid(), item.Name, item.Quantity, caller.Sub);
        return ApiResult.Ok(201, created, BackendJsonContext.Default.ItemBody);
    }
}
