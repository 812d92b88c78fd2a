using System.Text.Json.Nodes;
using CognitoStack.Backend.Tests.Helpers;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

/// <summary>
/// Events as a REST API JWT authorizer (<c>api.authorizer: JWT</c>) hands them over: the same
/// <c>requestContext.authorizer.claims</c>, but each claim with its JSON type — arrays, numbers, booleans
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer-claims.html) — and,
/// after a switch to the updated issuer, <c>iss</c> on <c>issuer-cognito-idp</c>. Both token kinds must read
/// the same as from a Cognito authorizer.
/// </summary>
public sealed class FunctionJwtAuthorizerTests
{
    private const string UpdatedIssuer = "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI";

    [Fact]
    public void Me_Should_ReadAnIdTokenWithJsonTypedClaims()
    {
        var response = TestFunction.Send(JsonTyped(Load(MeIdToken)));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("jane", response.Text("username"));
        Assert.Equal(["admin", "editors"], response.Strings("groups"));
        Assert.Equal("id", response.Text("tokenUse"));
    }

    [Fact]
    public void Me_Should_ReadAnAccessTokenWithJsonTypedClaims()
    {
        var response = TestFunction.Send(JsonTyped(Load(MeAccessToken)));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["myapp-api/read", "myapp-api/write"], response.Strings("scopes"));
        Assert.Equal("4ex4mpl3cl13nt1d0abcdefghi", response.Text("clientId"));
    }

    [Fact]
    public void ListItems_Should_AdmitAnAccessTokenWhoseJsonTypedScopeCarriesRead()
    {
        var response = TestFunction.Send(JsonTyped(Load(ListItems)));

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public void AdminHealth_Should_AdmitAnAdminFromAJsonGroupsArray()
    {
        var response = TestFunction.Send(JsonTyped(Load(AdminHealth)));

        Assert.Equal(200, response.StatusCode);
    }

    /// <summary>The fixture's claims as the JWT authorizer types them, with the updated issuer.</summary>
    private static JsonObject JsonTyped(JsonObject e)
    {
        var claims = e.Claims();
        if ((string?)claims["cognito:groups"] is { } groups)
        {
            claims["cognito:groups"] = new JsonArray([.. groups.Split(',').Select(g => (JsonNode)JsonValue.Create(g)!)]);
        }

        claims["iss"] = UpdatedIssuer;
        claims["auth_time"] = 1_732_233_600;
        claims["iat"] = 1_732_233_600;
        claims["exp"] = 1_732_237_200;
        if (claims["version"] is not null)
        {
            claims["version"] = 2;
        }

        if (claims["email_verified"] is not null)
        {
            claims["email_verified"] = true;
        }

        return e;
    }
}
