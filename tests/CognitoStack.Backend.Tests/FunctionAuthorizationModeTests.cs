using System.Text.Json.Nodes;
using CognitoStack.Backend.Tests.Helpers;
using CognitoStack.Contract;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

// AUTHORIZATION_MODE: in verifiedPermissions the Lambda authorizer's policies decided; the backend reads the
// caller from the authorizer context and checks no group, scope or tenant. The tenant route in both modes.
public sealed class FunctionAuthorizationModeTests
{
    private static readonly FunctionSettings PoliciesDecide = TestFunction.Settings with { AuthorizationMode = AuthorizationModes.VerifiedPermissions };

    // What API Gateway puts in requestContext.authorizer for a Lambda authorizer: principalId, the context's
    // entries (the authorizer copies the token's claims there) and integrationLatency.
    private static JsonNode WithLambdaAuthorizer(JsonNode e, params (string Name, string Value)[] context)
    {
        var authorizer = new JsonObject { ["principalId"] = "11111111-2222-3333-4444-555555555555", ["integrationLatency"] = 12 };
        foreach (var (name, value) in context)
        {
            authorizer[name] = value;
        }

        e["requestContext"]!["authorizer"] = authorizer;
        return e;
    }

    private static JsonObject TenantItems(string tenant, string? claimTenant)
    {
        var e = Load(MeIdToken);
        e["resource"] = ApiRoutes.TenantItems.Resource;
        e["path"] = $"/tenants/{tenant}/items";
        e["pathParameters"] = new JsonObject { ["tenant"] = tenant };
        return e.WithClaim("tenant", claimTenant);
    }

    [Fact]
    public void AdminRoute_Should_BeAnswered_When_ThePoliciesDecide_AndTheCallerIsNotInTheAdminGroup()
    {
        var e = WithLambdaAuthorizer(Load(AdminHealth), ("sub", "11111111-2222-3333-4444-555555555555"), ("cognito:groups", "users"), ("token_use", "id"));

        var response = TestFunction.Send(e, TestFunction.Create(PoliciesDecide));

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public void AdminRoute_Should_Return403_When_ScopesModeAndTheCallerIsNotInTheAdminGroup()
    {
        var response = TestFunction.Send(Load(AdminHealth).WithClaim("cognito:groups", "users"));

        Assert.Equal(403, response.StatusCode);
    }

    [Fact]
    public void LambdaAuthorizerContext_Should_BeReadAsTheClaims()
    {
        var e = WithLambdaAuthorizer(Load(MeIdToken), ("sub", "11111111-2222-3333-4444-555555555555"), ("cognito:groups", "admin,users"), ("token_use", "id"));

        var response = TestFunction.Send(e, TestFunction.Create(PoliciesDecide));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("11111111-2222-3333-4444-555555555555", response.Text("sub"));
        Assert.Equal(["admin", "users"], response.Strings("groups"));
    }

    [Fact]
    public void ItemsRoute_Should_BeAnswered_When_ThePoliciesDecide_WithoutTheScopeInTheContext()
    {
        var e = WithLambdaAuthorizer(Load(ListItems), ("sub", "11111111-2222-3333-4444-555555555555"), ("token_use", "access"));

        Assert.Equal(200, TestFunction.Send(e, TestFunction.Create(PoliciesDecide)).StatusCode);
    }

    [Fact]
    public void TenantItems_Should_BeAnswered_ForTheCallersOwnTenant()
    {
        Assert.Equal(200, TestFunction.Send(TenantItems("a.example.com", "a.example.com")).StatusCode);
    }

    [Theory]
    [InlineData("b.example.com")]
    [InlineData("a.example.com.attacker.net")]
    [InlineData(null)]
    public void TenantItems_Should_Return403_ForAnotherTenant_When_ScopesMode(string? claimTenant)
    {
        Assert.Equal(403, TestFunction.Send(TenantItems("a.example.com", claimTenant)).StatusCode);
    }

    [Fact]
    public void TenantItems_Should_Return400_When_ThePathParameterIsMissing()
    {
        var e = TenantItems("a.example.com", "a.example.com");
        e["pathParameters"] = null;

        Assert.Equal(400, TestFunction.Send(e).StatusCode);
    }

    [Theory]
    [InlineData("scopes", true)]
    [InlineData("verifiedPermissions", true)]
    [InlineData("VerifiedPermissions", false)]
    [InlineData("", false)]
    public void AuthorizationMode_Should_BeOneOfTheContractsModes(string mode, bool valid)
    {
        var error = (TestFunction.Settings with { AuthorizationMode = mode }).Validate();

        Assert.Equal(valid, error is null);
        if (!valid)
        {
            Assert.Contains(EnvironmentVariables.AuthorizationMode, error, StringComparison.Ordinal);
        }
    }
}
