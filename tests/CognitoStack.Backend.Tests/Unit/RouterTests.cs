using CognitoStack.Backend.Events;
using CognitoStack.Backend.Routing;
using CognitoStack.Backend.Tests.Helpers;

namespace CognitoStack.Backend.Tests.Unit;

public sealed class RouterTests
{
    private static readonly Router Router = new(TestFunction.Settings);

    private static ApiGatewayProxyRequest Request(string? resource, string? method, string? path = null) => new()
    {
        Resource = resource,
        Path = path ?? resource,
        HttpMethod = method,
        RequestContext = new ProxyRequestContext
        {
            Authorizer = new ProxyRequestAuthorizer { Claims = new Dictionary<string, string> { ["sub"] = "user-1" } },
        },
    };

    [Theory]
    [InlineData("/me", "/me")]
    [InlineData("/items/", "/items")]
    [InlineData("/", "/")]
    public void RouteOf_Should_UseResourceWithoutTrailingSlash_When_ResourceIsConcrete(string resource, string expected) =>
        Assert.Equal(expected, Router.RouteOf(Request(resource, "GET")));

    [Fact]
    public void RouteOf_Should_UsePath_When_ResourceIsAProxyTemplate() =>
        Assert.Equal("/admin/health", Router.RouteOf(Request("/{proxy+}", "GET", "/admin/health")));

    [Fact]
    public void RouteOf_Should_UsePath_When_ResourceIsMissing() =>
        Assert.Equal("/me", Router.RouteOf(Request(null, "GET", "/me")));

    [Fact]
    public void Route_Should_Return200_When_AnySignedInUserCallsMe() =>
        Assert.Equal(200, Router.Route(Request("/me", "GET")).StatusCode);

    [Fact]
    public void Route_Should_Return400_When_MethodIsMissing() =>
        Assert.Equal(400, Router.Route(Request("/me", null)).StatusCode);

    [Fact]
    public void Route_Should_Return400_When_ResourceAndPathAreMissing() =>
        Assert.Equal(400, Router.Route(Request(null, "GET")).StatusCode);

    [Fact]
    public void Route_Should_CheckMethodBeforeCaller_When_MethodIsWrong() =>
        Assert.Equal(405, Router.Route(Request("/me", "PATCH") with { RequestContext = new ProxyRequestContext() }).StatusCode);

    [Fact]
    public void Route_Should_Return405_When_MethodIsLowerCase() =>
        Assert.Equal(405, Router.Route(Request("/me", "get")).StatusCode);

    [Fact]
    public void Route_Should_Return403_When_CallerHasNoGroupsForAdminRoute() =>
        Assert.Equal(403, Router.Route(Request("/admin/claims", "GET")).StatusCode);

    [Fact]
    public void Route_Should_TruncateEchoedPath_When_PathIsLong()
    {
        var result = Router.Route(Request("/" + new string('a', 500), "GET"));

        Assert.Equal(404, result.StatusCode);
        Assert.True(((Json.ErrorBody)result.Body).Message.Length < 150);
    }
}
