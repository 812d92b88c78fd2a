using System.Text;
using CognitoStack.Backend.Tests.Helpers;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

public sealed class FunctionItemsTests
{
    private const string Sub = "8f3b7c2a-1d4e-4a5b-9c6d-7e8f9a0b1c2d";

    [Fact]
    public void ListItems_Should_ReturnSampleItems_When_TokenHasReadScope()
    {
        var response = TestFunction.SendFixture(ListItems);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, response.Body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public void ListItems_Should_Return403_When_TokenHasOnlyWriteScope()
    {
        var e = Load(ListItems).WithClaim("scope", "myapp-api/write");

        var response = TestFunction.Send(e);

        Assert.Equal(403, response.StatusCode);
        Assert.Contains("myapp-api/read", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListItems_Should_Return403_When_CalledWithIdToken()
    {
        var e = Load(MeIdToken).WithRoute("GET", "/items");

        var response = TestFunction.Send(e);

        Assert.Equal(403, response.StatusCode);
    }

    [Fact]
    public void ListItems_Should_Return401_When_EventHasNoAuthorizer()
    {
        var e = Load(ListItems).WithoutAuthorizer();

        var response = TestFunction.Send(e);

        Assert.Equal(401, response.StatusCode);
    }

    [Fact]
    public void Items_Should_Return405WithBothMethods_When_MethodIsPut()
    {
        var e = Load(ListItems).WithRoute("PUT", "/items");

        var response = TestFunction.Send(e);

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET, POST", response.Header("Allow"));
    }

    [Fact]
    public void CreateItem_Should_Return201WithNewItem_When_BodyIsValid()
    {
        var response = TestFunction.SendFixture(CreateItem);

        Assert.Equal(201, response.StatusCode);
        Assert.True(Guid.TryParse(response.Text("id"), out _));
        Assert.Equal("Stapler", response.Text("name"));
        Assert.Equal(3, response.Body.GetProperty("quantity").GetInt64());
        Assert.Equal(Sub, response.Text("createdBy"));
    }

    [Fact]
    public void CreateItem_Should_DefaultQuantityToOne_When_QuantityIsLeftOut()
    {
        var e = Load(CreateItem).WithBody("""{ "name": "  Stapler  " }""");

        var response = TestFunction.Send(e);

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("Stapler", response.Text("name"));
        Assert.Equal(1, response.Body.GetProperty("quantity").GetInt64());
    }

    [Fact]
    public void CreateItem_Should_DecodeBody_When_BodyIsBase64Encoded()
    {
        var response = TestFunction.SendFixture(CreateItemBase64);

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("Stapler", response.Text("name"));
    }

    [Fact]
    public void CreateItem_Should_Return400_When_Base64BodyIsNotBase64()
    {
        var e = Load(CreateItemBase64);
        e["body"] = "not base64!";

        var response = TestFunction.Send(e);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("base64", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateItem_Should_Return403_When_TokenHasOnlyReadScope()
    {
        var e = Load(CreateItem).WithClaim("scope", "myapp-api/read");

        var response = TestFunction.Send(e);

        Assert.Equal(403, response.StatusCode);
        Assert.Contains("myapp-api/write", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateItem_Should_Return401_When_EventHasNoAuthorizer()
    {
        var e = Load(CreateItem).WithoutAuthorizer();

        var response = TestFunction.Send(e);

        Assert.Equal(401, response.StatusCode);
    }

    [Fact]
    public void CreateItem_Should_Return400NamingTheField_When_NameIsTooLong()
    {
        var e = Load(CreateItem).WithBody($$"""{ "name": "{{new string('x', 101)}}" }""");

        var response = TestFunction.Send(e);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("bad_request", response.Error);
        Assert.StartsWith("name must be a string of 1-100 characters", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateItem_Should_Return400_When_BodyIsNotJson()
    {
        var e = Load(CreateItem).WithBody("name=Stapler");

        var response = TestFunction.Send(e);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("not valid JSON", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateItem_Should_Return400_When_BodyIsMissing()
    {
        var e = Load(CreateItem).WithBody(null);

        var response = TestFunction.Send(e);

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public void CreateItem_Should_Return413_When_BodyIsLargerThan16KiB()
    {
        var e = Load(CreateItem).WithBody($$"""{ "name": "{{new string('x', 16 * 1024)}}" }""");

        var response = TestFunction.Send(e);

        Assert.Equal(413, response.StatusCode);
        Assert.Equal("payload_too_large", response.Error);
    }

    [Fact]
    public void CreateItem_Should_Return413_When_Base64BodyIsLargerThan16KiB()
    {
        var e = Load(CreateItem).WithBase64Body(Encoding.UTF8.GetBytes(new string(' ', 16 * 1024 + 1)));

        var response = TestFunction.Send(e);

        Assert.Equal(413, response.StatusCode);
    }

    [Fact]
    public void CreateItem_Should_Return400_When_Base64BodyIsInvalidUtf8()
    {
        var e = Load(CreateItem).WithBase64Body([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        var response = TestFunction.Send(e);

        Assert.Equal(400, response.StatusCode);
    }
}
