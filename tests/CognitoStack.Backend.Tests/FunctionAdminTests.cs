using CognitoStack.Backend.Tests.Helpers;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

public sealed class FunctionAdminTests
{
    [Fact]
    public void Health_Should_ReturnOkAndEnvironment_When_CallerIsAdmin()
    {
        var response = TestFunction.SendFixture(AdminHealth);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("ok", response.Text("status"));
        Assert.Equal("dev", response.Text("environment"));
    }

    [Fact]
    public void Health_Should_Return403_When_CallerIsNotInAdminGroup()
    {
        var e = Load(AdminHealth).WithClaim("cognito:groups", "editors,readers");

        var response = TestFunction.Send(e);

        Assert.Equal(403, response.StatusCode);
        Assert.Equal("forbidden", response.Error);
        Assert.Contains("admin", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Health_Should_Return403_When_GroupOnlyStartsWithAdminGroupName()
    {
        var e = Load(AdminHealth).WithClaim("cognito:groups", "administrators");

        var response = TestFunction.Send(e);

        Assert.Equal(403, response.StatusCode);
    }

    [Fact]
    public void Health_Should_Return403_When_TokenHasNoGroups()
    {
        var e = Load(AdminHealth).WithClaim("cognito:groups", null);

        var response = TestFunction.Send(e);

        Assert.Equal(403, response.StatusCode);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("[admin editors]")]
    [InlineData("[\"editors\",\"admin\"]")]
    [InlineData("editors, admin")]
    public void Health_Should_Return200_When_GroupsUseAnyKnownRendering(string groups)
    {
        var e = Load(AdminHealth).WithClaim("cognito:groups", groups);

        var response = TestFunction.Send(e);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public void Health_Should_Return401_When_EventHasNoAuthorizer()
    {
        var e = Load(AdminHealth).WithoutAuthorizer();

        var response = TestFunction.Send(e);

        Assert.Equal(401, response.StatusCode);
    }

    [Fact]
    public void Health_Should_Return405_When_MethodIsDelete()
    {
        var e = Load(AdminHealth).WithRoute("DELETE", "/admin/health");

        var response = TestFunction.Send(e);

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET", response.Header("Allow"));
    }

    [Fact]
    public void Claims_Should_ReturnCallerClaims_When_CallerIsAdmin()
    {
        var response = TestFunction.SendFixture(AdminClaims);

        Assert.Equal(200, response.StatusCode);
        var claims = response.Body.GetProperty("claims");
        Assert.Equal("8f3b7c2a-1d4e-4a5b-9c6d-7e8f9a0b1c2d", claims.GetProperty("sub").GetString());
        Assert.Equal("admin,editors", claims.GetProperty("cognito:groups").GetString());
        Assert.Equal("true", claims.GetProperty("email_verified").GetString());
    }

    [Fact]
    public void Claims_Should_Return403_When_CallerIsNotInAdminGroup()
    {
        var e = Load(AdminClaims).WithClaim("cognito:groups", "editors");

        var response = TestFunction.Send(e);

        Assert.Equal(403, response.StatusCode);
    }

    [Fact]
    public void Claims_Should_Return401_When_ClaimsHaveNoSub()
    {
        var e = Load(AdminClaims).WithClaim("sub", null);

        var response = TestFunction.Send(e);

        Assert.Equal(401, response.StatusCode);
    }

    [Fact]
    public void Claims_Should_Return405_When_MethodIsPost()
    {
        var e = Load(AdminClaims).WithRoute("POST", "/admin/claims");

        var response = TestFunction.Send(e);

        Assert.Equal(405, response.StatusCode);
    }
}
