using System.Text;
using CognitoStack.Backend.Tests.Helpers;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

public sealed class FunctionRequestTests
{
    [Fact]
    public void Handle_Should_Return404_When_RouteIsUnknown()
    {
        var e = Load(MeIdToken).WithRoute("GET", "/unknown");

        var response = TestFunction.Send(e);

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("not_found", response.Error);
    }

    [Fact]
    public void Handle_Should_Return404_When_PathCaseDiffers()
    {
        var e = Load(MeIdToken).WithRoute("GET", "/ME");

        var response = TestFunction.Send(e);

        Assert.Equal(404, response.StatusCode);
    }

    [Fact]
    public void Handle_Should_Return400_When_EventIsNotJson()
    {
        var response = TestFunction.SendBytes(Encoding.UTF8.GetBytes("hello"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("bad_request", response.Error);
    }

    [Fact]
    public void Handle_Should_Return400_When_EventIsJsonNull()
    {
        var response = TestFunction.SendBytes(Encoding.UTF8.GetBytes("null"));

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public void Handle_Should_Return400_When_EventIsEmpty()
    {
        var response = TestFunction.SendBytes([]);

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public void Handle_Should_Return400_When_IgnoredFieldHasInvalidUtf8()
    {
        var text = Load(MeIdToken).ToUtf8();
        var at = Encoding.UTF8.GetString(text).IndexOf("Mozilla", StringComparison.Ordinal);
        text[at] = 0xFF;

        var response = TestFunction.SendBytes(text);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("UTF-8", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_Should_Return400_When_RequestContextIsMissing()
    {
        var e = Load(MeIdToken);
        e.Remove("requestContext");

        var response = TestFunction.Send(e);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("requestContext", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_Should_Return400_When_HttpMethodHasWrongType()
    {
        var e = Load(MeIdToken);
        e["httpMethod"] = 42;

        var response = TestFunction.Send(e);

        Assert.Equal(400, response.StatusCode);
    }

    [Theory]
    [InlineData("resource")]
    [InlineData("httpMethod")]
    public void Handle_Should_AnswerJson_When_EchoedFieldHasLoneSurrogate(string field)
    {
        var e = Load(MeIdToken);
        e["requestContext"]!["requestId"] = "\ud800";
        e[field] = "/\udc00x";

        var response = TestFunction.Send(e);

        Assert.InRange(response.StatusCode, 400, 499);
    }

    [Fact]
    public void Handle_Should_Return400_When_AuthorizerIsNotAnObject()
    {
        var e = Load(MeIdToken);
        e["requestContext"]!["authorizer"] = "claims";

        var response = TestFunction.Send(e);

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public void Handle_Should_Return400_When_RequestIdIsNotAString()
    {
        var e = Load(MeIdToken);
        e["requestContext"]!["requestId"] = new System.Text.Json.Nodes.JsonObject();

        var response = TestFunction.Send(e);

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public void Handle_Should_Return401_When_ClaimsAreNull()
    {
        var e = Load(MeIdToken);
        e["requestContext"]!["authorizer"]!["claims"] = null;

        var response = TestFunction.Send(e);

        Assert.Equal(401, response.StatusCode);
    }

    [Fact]
    public void Handle_Should_ReadClaims_When_ClaimValuesAreNotStrings()
    {
        var e = Load(MeIdToken);
        e.Claims()["cognito:groups"] = new System.Text.Json.Nodes.JsonArray("admin", "editors");
        e.Claims()["auth_time"] = 1732233600;

        var response = TestFunction.Send(e);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["admin", "editors"], response.Strings("groups"));
    }

    [Fact]
    public void Handle_Should_ReadEventFromAnyStream_When_StreamIsNotAMemoryStream()
    {
        var function = TestFunction.Create();
        using var input = new BufferedStream(new MemoryStream(Load(MeIdToken).ToUtf8()), 7);

        using var output = function.Handle(input);

        Assert.Equal(200, TestFunction.Parse(output).StatusCode);
    }

    [Fact]
    public void Handle_Should_Return400_When_InputStreamIsNull()
    {
        var function = TestFunction.Create();

        using var output = function.Handle(null!);

        Assert.Equal(400, TestFunction.Parse(output).StatusCode);
    }
}
