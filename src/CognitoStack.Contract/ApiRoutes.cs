namespace CognitoStack.Contract;

/// <summary>
/// The API's routes and the Verified Permissions action each one is, in one table: the CDK app adds exactly
/// these methods, the backend routes exactly these, the Lambda authorizer maps a request to its action with
/// <see cref="ActionOf"/>, and the Cedar schema (<c>config/authorization/schema.cedarschema.json</c>) declares
/// exactly these actions (a CDK test and the cedar tool's tests compare them).
/// </summary>
/// <remarks>
/// The action ID is <c>"METHOD /resource/template"</c>, the shape of AWS's own API-linked policy stores
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-lambda-authorizer-verified-permissions.html).
/// </remarks>
public static class ApiRoutes
{
    /// <summary>The Cedar namespace of the schema, the policies and every entity and action the authorizer names.</summary>
    public const string Namespace = "CognitoStack";

    /// <summary>The principal entity type the identity source maps a user pool token to.</summary>
    public const string UserEntityType = Namespace + "::User";

    /// <summary>The group entity type the identity source maps <c>cognito:groups</c> to.</summary>
    public const string GroupEntityType = Namespace + "::UserGroup";

    /// <summary>The action entity type.</summary>
    public const string ActionEntityType = Namespace + "::Action";

    /// <summary>The resource entity type of the routes without a tenant.</summary>
    public const string ApplicationEntityType = Namespace + "::Application";

    /// <summary>The resource entity type of the tenant routes; its ID is the tenant in the path.</summary>
    public const string TenantEntityType = Namespace + "::Tenant";

    /// <summary>The one <see cref="ApplicationEntityType"/> entity.</summary>
    public const string ApplicationId = "api";

    /// <summary>The path parameter naming the tenant in <see cref="TenantItems"/>.</summary>
    public const string TenantParameter = "tenant";

    /// <summary><c>GET /me</c>: any signed-in user.</summary>
    public static readonly ApiRoute Me = new("GET", "/me");

    /// <summary><c>GET /admin/health</c>: administrators.</summary>
    public static readonly ApiRoute AdminHealth = new("GET", "/admin/health");

    /// <summary><c>GET /admin/claims</c>: administrators.</summary>
    public static readonly ApiRoute AdminClaims = new("GET", "/admin/claims");

    /// <summary><c>GET /items</c>: the read scope.</summary>
    public static readonly ApiRoute ListItems = new("GET", "/items");

    /// <summary><c>POST /items</c>: the write scope.</summary>
    public static readonly ApiRoute CreateItem = new("POST", "/items");

    /// <summary><c>GET /tenants/{tenant}/items</c>: members of that tenant only (the <c>tenant</c> claim).</summary>
    public static readonly ApiRoute TenantItems = new("GET", "/tenants/{" + TenantParameter + "}/items");

    /// <summary>Every route, in a fixed order.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } = [Me, AdminHealth, AdminClaims, ListItems, CreateItem, TenantItems];

    /// <summary>The route of <paramref name="method"/> on the resource template <paramref name="resource"/>, or null.</summary>
    public static ApiRoute? Find(string? method, string? resource) =>
        All.FirstOrDefault(r => r.Method == method && r.Resource == resource);

    /// <summary>The action ID of a request, or null when it is not one of the routes.</summary>
    public static string? ActionOf(string? method, string? resource) => Find(method, resource)?.Action;
}

/// <summary>One method of the API.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Resource">The resource template as API Gateway names it, e.g. <c>/tenants/{tenant}/items</c>.</param>
public sealed record ApiRoute(string Method, string Resource)
{
    /// <summary>The Verified Permissions action ID, e.g. <c>GET /items</c>.</summary>
    public string Action => $"{Method} {Resource}";

    /// <summary>Whether the resource is a tenant's (the authorizer sends a <c>Tenant</c> entity).</summary>
    public bool IsTenantRoute => Resource.Contains("{" + ApiRoutes.TenantParameter + "}", StringComparison.Ordinal);
}
