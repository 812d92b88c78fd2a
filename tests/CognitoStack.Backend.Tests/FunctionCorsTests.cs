using CognitoStack.Backend.Tests.Helpers;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

public sealed class FunctionCorsTests
{
    [Fact]
    public void Handle_Should_SetJsonContentTypeAndVary_When_Answering()
    {
        var response = TestFunction.SendFixture(MeIdToken);

        Assert.Equal("application/json", response.Header("Content-Type"));
        Assert.Equal("Origin", response.Header("Vary"));
    }

    [Fact]
    public void Handle_Should_EchoOrigin_When_OriginIsAllowed()
    {
        var response = TestFunction.SendFixture(MeIdToken);

        Assert.Equal("http://localhost:5173", response.Header("Access-Control-Allow-Origin"));
    }

    [Fact]
    public void Handle_Should_EchoOrigin_When_HeaderNameIsCapitalized()
    {
        var e = Load(MeIdToken).WithoutHeader("origin").WithHeader("Origin", "http://localhost:3000");

        var response = TestFunction.Send(e);

        Assert.Equal("http://localhost:3000", response.Header("Access-Control-Allow-Origin"));
    }

    [Fact]
    public void Handle_Should_NotEchoOrigin_When_OriginIsNotAllowed()
    {
        var e = Load(MeIdToken).WithHeader("origin", "https://evil.example.com");

        var response = TestFunction.Send(e);

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("Origin", response.Header("Vary"));
    }

    [Fact]
    public void Handle_Should_NotEchoOrigin_When_OriginCarriesInjectedHeader()
    {
        var e = Load(MeIdToken).WithHeader("origin", "http://localhost:3000\r\nSet-Cookie: a=b");

        var response = TestFunction.Send(e);

        Assert.Null(response.Header("Access-Control-Allow-Origin"));
        Assert.DoesNotContain(response.Headers, h => h.Value.Contains('\n', StringComparison.Ordinal));
    }

    [Fact]
    public void Handle_Should_EchoOriginOnErrors_When_OriginIsAllowed()
    {
        var e = Load(MeIdToken).WithRoute("GET", "/unknown");

        var response = TestFunction.Send(e);

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("http://localhost:5173", response.Header("Access-Control-Allow-Origin"));
    }
}
