using CognitoStack.Backend.Tests.Helpers;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

public sealed class FunctionMeTests
{
    [Fact]
    public void Me_Should_ReturnIdTokenIdentity_When_CalledWithIdToken()
    {
        var response = TestFunction.SendFixture(MeIdToken);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("8f3b7c2a-1d4e-4a5b-9c6d-7e8f9a0b1c2d", response.Text("sub"));
        Assert.Equal("jane", response.Text("username"));
        Assert.Equal("jane@example.com", response.Text("email"));
        Assert.Equal(["admin", "editors"], response.Strings("groups"));
        Assert.Equal("id", response.Text("tokenUse"));
        Assert.Empty(response.Strings("scopes"));
        Assert.Equal("4ex4mpl3cl13nt1d0abcdefghi", response.Text("clientId"));
    }

    [Fact]
    public void Me_Should_ReturnAccessTokenIdentity_When_CalledWithAccessToken()
    {
        var response = TestFunction.SendFixture(MeAccessToken);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("jane", response.Text("username"));
        Assert.Null(response.Text("email"));
        Assert.Equal("access", response.Text("tokenUse"));
        Assert.Equal(["myapp-api/read", "myapp-api/write"], response.Strings("scopes"));
        Assert.Equal("4ex4mpl3cl13nt1d0abcdefghi", response.Text("clientId"));
    }

    [Fact]
    public void Me_Should_ReturnEmptyGroups_When_TokenHasNoGroupsClaim()
    {
        var e = Load(MeIdToken).WithClaim("cognito:groups", null);

        var response = TestFunction.Send(e);

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Strings("groups"));
    }

    [Fact]
    public void Me_Should_Return401_When_EventHasNoAuthorizer()
    {
        var response = TestFunction.SendFixture(MeNoAuthorizer);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("unauthorized", response.Error);
    }

    [Fact]
    public void Me_Should_Return401_When_ClaimsHaveNoSub()
    {
        var e = Load(MeIdToken).WithClaim("sub", null);

        var response = TestFunction.Send(e);

        Assert.Equal(401, response.StatusCode);
    }

    [Fact]
    public void Me_Should_Return405WithAllowHeader_When_MethodIsPost()
    {
        var e = Load(MeIdToken).WithRoute("POST", "/me");

        var response = TestFunction.Send(e);

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("method_not_allowed", response.Error);
        Assert.Equal("GET", response.Header("Allow"));
    }

    [Fact]
    public void Me_Should_BeRoutedByPath_When_ResourceIsAProxyTemplate()
    {
        var e = Load(MeIdToken);
        e["resource"] = "/{proxy+}";
        e["path"] = "/me/";

        var response = TestFunction.Send(e);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public void Me_Should_ReturnTheReadableAttributesTheTokenCarries()
    {
        var e = Load(MeIdToken).WithClaim("custom:tenant", "example.com").WithClaim("custom:internal", "secret-ish");
        var function = TestFunction.Create(TestFunction.Settings with { ReadableAttributes = ["email", "custom:tenant", "custom:plan"] });

        var response = TestFunction.Send(e, function);

        var attributes = response.Body.GetProperty("attributes");
        Assert.Equal("example.com", attributes.GetProperty("custom:tenant").GetString());
        Assert.Equal("jane@example.com", attributes.GetProperty("email").GetString());
        Assert.False(attributes.TryGetProperty("custom:internal", out _));
        Assert.False(attributes.TryGetProperty("custom:plan", out _));
    }

    [Fact]
    public void Me_Should_ReturnNoAttributes_When_NoneAreReadable()
    {
        var response = TestFunction.Send(Load(MeIdToken).WithClaim("custom:tenant", "example.com"));

        Assert.Empty(response.Body.GetProperty("attributes").EnumerateObject());
    }
}
