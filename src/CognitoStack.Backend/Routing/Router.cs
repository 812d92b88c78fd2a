using System.Diagnostics;
using CognitoStack.Backend.Auth;
using CognitoStack.Backend.Events;
using CognitoStack.Contract;

namespace CognitoStack.Backend.Routing;

/// <summary>
/// Maps a proxy event to an endpoint: finds the route (404), checks the method (405), the caller (401)
/// and the caller's group or scope (403). API Gateway already enforces the authorizer and the method's
/// scopes; the checks here are defense in depth and keep the function safe behind any other front door.
/// </summary>
/// <param name="settings">Valid settings.</param>
/// <param name="time">The clock the step-up check compares <c>auth_time</c> with; the system clock when left out.</param>
public sealed class Router(FunctionSettings settings, TimeProvider? time = null)
{
    private readonly StepUpCheck _stepUp = new(settings.StepUpRuleList, time ?? TimeProvider.System);

    private const int MaxEchoedLength = 100;

    /// <summary>The route templates and the methods each accepts.</summary>
    public static IReadOnlyDictionary<string, string> AllowedMethods { get; } = new Dictionary<string, string>
    {
        ["/me"] = "GET",
        ["/admin/health"] = "GET",
        ["/admin/claims"] = "GET",
        ["/items"] = "GET, POST",
        [ApiRoutes.TenantItems.Resource] = "GET",
    };

    /// <summary>The route template a request maps to: the resource, else the path, without a trailing slash.</summary>
    /// <param name="request">The proxy event.</param>
    public static string? RouteOf(ApiGatewayProxyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = !string.IsNullOrEmpty(request.Resource)
            && (!request.Resource.Contains('{', StringComparison.Ordinal) || AllowedMethods.ContainsKey(request.Resource))
            ? request.Resource
            : request.Path;
        return route is { Length: > 1 } && route[^1] == '/' ? route.TrimEnd('/') : route;
    }

    /// <summary>Answers one request.</summary>
    /// <param name="request">The proxy event.</param>
    public ApiResult Route(ApiGatewayProxyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = RouteOf(request);
        var method = request.HttpMethod;
        if (request.RequestContext is null)
        {
            return ApiResult.BadRequest("requestContext is missing: not an API Gateway proxy event");
        }

        if (string.IsNullOrEmpty(route) || string.IsNullOrEmpty(method))
        {
            return ApiResult.BadRequest("resource, path or httpMethod is missing: not an API Gateway proxy event");
        }

        if (!AllowedMethods.TryGetValue(route, out var allow))
        {
            return ApiResult.NotFound($"no route for \"{Echo(route)}\"");
        }

        if (!IsAllowed(allow, method))
        {
            return ApiResult.MethodNotAllowed($"method \"{Echo(method)}\" is not allowed on {route}: use {allow}", allow);
        }

        var caller = CallerIdentity.FromClaims(request.RequestContext.Authorizer?.Claims);
        if (caller is null)
        {
            return ApiResult.Unauthorized("no signed-in user: the request carries no token claims with a sub");
        }

        // After the group and scope checks: stepping up is pointless for a caller the route refuses anyway.
        return Derived(route, method, caller) ?? Authorize(route, method, caller, request) ?? StepUp(route, caller) ?? Endpoint(route, method, caller, request);
    }

    /// <summary>
    /// A derived token (token exchange) is narrowed to the scopes it carries: it passes only routes that require a
    /// scope, never the routes that answer for the user as a whole (<c>/me</c>, <c>/admin/*</c>). A COGNITO_USER_POOLS
    /// authorizer already refuses access tokens there; a JWT authorizer does not (those methods have no scopes).
    /// </summary>
    private static ApiResult? Derived(string route, string method, CallerIdentity caller) =>
        caller.IsDerived && !ScopedRoutes.Contains((route, method))
            ? ApiResult.Forbidden("a token from token exchange is accepted only on routes that require a scope it carries (GET and POST /items)")
            : null;

    /// <summary>The routes that require a scope (see <see cref="Authorize"/>).</summary>
    private static readonly HashSet<(string Route, string Method)> ScopedRoutes = [("/items", "GET"), ("/items", "POST")];

    private ApiResult? Authorize(string route, string method, CallerIdentity caller, ApiGatewayProxyRequest request) => (route, method) switch
    {
        ("/admin/health" or "/admin/claims", _) => RequireGroup(caller),
        ("/items", "GET") => RequireScope(caller, settings.ReadScope),
        ("/items", "POST") => RequireScope(caller, settings.WriteScope),
        (_, "GET") when route == ApiRoutes.TenantItems.Resource => RequireTenant(caller, request),
        _ => null,
    };

    private ApiResult? StepUp(string route, CallerIdentity caller) =>
        _stepUp.Check(route, caller) is { } challenge ? ApiResult.InsufficientAuthentication(challenge) : null;

    private ApiResult Endpoint(string route, string method, CallerIdentity caller, ApiGatewayProxyRequest request) =>
        (route, method) switch
        {
            ("/me", _) => Endpoints.Me(caller, settings.ReadableAttributes),
            ("/admin/health", _) => Endpoints.Health(settings.EnvironmentName),
            ("/admin/claims", _) => Endpoints.Claims(caller),
            ("/items", "GET") => Endpoints.ListItems(),
            ("/items", "POST") => Endpoints.CreateItem(caller, request),
            (_, "GET") when route == ApiRoutes.TenantItems.Resource => Endpoints.ListTenantItems(TenantOf(request)!),
            _ => throw new UnreachableException($"{route} is in AllowedMethods but has no endpoint"),
        };

    private static bool IsAllowed(string allow, string method)
    {
        foreach (var range in allow.AsSpan().Split(','))
        {
            if (allow.AsSpan()[range].Trim().SequenceEqual(method))
            {
                return true;
            }
        }

        return false;
    }

    private static string? TenantOf(ApiGatewayProxyRequest request) =>
        request.PathParameters?.GetValueOrDefault(ApiRoutes.TenantParameter);

    private ApiResult? RequireTenant(CallerIdentity caller, ApiGatewayProxyRequest request)
    {
        var tenant = TenantOf(request);
        if (string.IsNullOrEmpty(tenant))
        {
            return ApiResult.BadRequest("pathParameters.tenant is missing");
        }

        return settings.PoliciesDecide || caller.Claims.GetValueOrDefault("tenant") == tenant
            ? null
            : ApiResult.Forbidden("only members of the tenant may read its items");
    }

    private ApiResult? RequireGroup(CallerIdentity caller) =>
        settings.PoliciesDecide || caller.IsInGroup(settings.AdminGroup)
            ? null
            : ApiResult.Forbidden($"only members of the {settings.AdminGroup} group may call this route");

    private ApiResult? RequireScope(CallerIdentity caller, string scope) =>
        settings.PoliciesDecide || caller.HasScope(scope)
            ? null
            : ApiResult.Forbidden($"the access token must grant the {scope} scope");

    private static string Echo(string text) =>
        text.Length <= MaxEchoedLength ? text : string.Concat(text.AsSpan(0, MaxEchoedLength), "...");
}
