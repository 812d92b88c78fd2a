using System.Diagnostics;
using CognitoStack.Backend.Auth;
using CognitoStack.Backend.Events;

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
    };

    /// <summary>The route template a request maps to: the resource, else the path, without a trailing slash.</summary>
    /// <param name="request">The proxy event.</param>
    public static string? RouteOf(ApiGatewayProxyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = !string.IsNullOrEmpty(request.Resource) && !request.Resource.Contains('{', StringComparison.Ordinal)
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
        return Authorize(route, method, caller) ?? StepUp(route, caller) ?? Endpoint(route, method, caller, request);
    }

    private ApiResult? Authorize(string route, string method, CallerIdentity caller) => (route, method) switch
    {
        ("/admin/health" or "/admin/claims", _) => RequireGroup(caller),
        ("/items", "GET") => RequireScope(caller, settings.ReadScope),
        ("/items", "POST") => RequireScope(caller, settings.WriteScope),
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

    private ApiResult? RequireGroup(CallerIdentity caller) =>
        caller.IsInGroup(settings.AdminGroup)
            ? null
            : ApiResult.Forbidden($"only members of the {settings.AdminGroup} group may call this route");

    private static ApiResult? RequireScope(CallerIdentity caller, string scope) =>
        caller.HasScope(scope)
            ? null
            : ApiResult.Forbidden($"the access token must grant the {scope} scope");

    private static string Echo(string text) =>
        text.Length <= MaxEchoedLength ? text : string.Concat(text.AsSpan(0, MaxEchoedLength), "...");
}
