using System.Text.Json.Nodes;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

public sealed class PreTokenGenerationClaimsTests
{
    private const string IdToken = "idTokenGeneration";
    private const string AccessToken = "accessTokenGeneration";

    [Fact]
    public void Handle_Should_AddTenantAndUserRoleHintToIdToken_When_UserIsNotAdmin()
    {
        var answer = TestTriggers.PreToken().Send(Load(SignIn));

        Assert.Equal("example.com", answer.Claim(IdToken, "tenant"));
        Assert.Equal("user", answer.Claim(IdToken, "role_hint"));
    }

    [Fact]
    public void Handle_Should_AddTheSameClaimsToAccessToken_When_UserIsNotAdmin()
    {
        var answer = TestTriggers.PreToken().Send(Load(SignIn));

        Assert.Equal("example.com", answer.Claim(AccessToken, "tenant"));
        Assert.Equal("user", answer.Claim(AccessToken, "role_hint"));
    }

    [Fact]
    public void Handle_Should_AddAdminRoleHintToBothTokens_When_UserIsInAdminGroup()
    {
        var answer = TestTriggers.PreToken().Send(Load(AdminRefresh));

        Assert.Equal("admin", answer.Claim(IdToken, "role_hint"));
        Assert.Equal("admin", answer.Claim(AccessToken, "role_hint"));
    }

    [Fact]
    public void Handle_Should_AddNoOtherClaim_When_AddingClaims()
    {
        var answer = TestTriggers.PreToken().Send(Load(AdminRefresh));

        Assert.Equal(["tenant", "role_hint"], answer.TokenClaims(IdToken)!.Select(c => c.Key));
        Assert.Equal(["tenant", "role_hint"], answer.TokenClaims(AccessToken)!.Select(c => c.Key));
    }

    [Fact]
    public void Handle_Should_LowerCaseTheDomain_When_EmailHasCapitals()
    {
        var e = Load(SignIn).WithAttribute("email", "Someone@Sub.EXAMPLE.Org");

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Equal("sub.example.org", answer.Claim(IdToken, "tenant"));
    }

    [Fact]
    public void Handle_Should_NotGrantAdmin_When_GroupDiffersOnlyInCase()
    {
        var e = Load(SignIn).WithGroups("Admin", "ADMIN");

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Equal("user", answer.Claim(IdToken, "role_hint"));
    }

    [Fact]
    public void Handle_Should_AddUserRoleHint_When_GroupConfigurationIsMissing()
    {
        var e = Load(AdminRefresh);
        e.Request().Remove("groupConfiguration");

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Equal("user", answer.Claim(IdToken, "role_hint"));
    }

    [Fact]
    public void Handle_Should_OmitTenant_When_UserHasNoEmail()
    {
        var answer = TestTriggers.PreToken().Send(Load(NoEmail));

        Assert.Null(answer.TokenClaims(IdToken)!["tenant"]);
        Assert.Null(answer.TokenClaims(AccessToken)!["tenant"]);
    }

    [Fact]
    public void Handle_Should_StillAddRoleHint_When_UserHasNoEmail()
    {
        var answer = TestTriggers.PreToken().Send(Load(NoEmail));

        Assert.Equal("user", answer.Claim(IdToken, "role_hint"));
    }

    [Fact]
    public void Handle_Should_OmitTenant_When_EmailIsNotVerified()
    {
        var e = Load(SignIn).WithAttribute("email_verified", "false");

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Null(answer.TokenClaims(IdToken)!["tenant"]);
    }

    [Fact]
    public void Handle_Should_OmitTenant_When_EmailVerifiedIsMissing()
    {
        var e = Load(SignIn).WithAttribute("email_verified", null);

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Null(answer.TokenClaims(IdToken)!["tenant"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("jane")]
    [InlineData("@example.com")]
    [InlineData("jane@")]
    [InlineData("jane@@example.com")]
    [InlineData("jane@evil.com@example.com")]
    [InlineData("jane doe@example.com")]
    [InlineData("jane@localhost")]
    [InlineData("jane@example..com")]
    [InlineData("jane@example.com.")]
    [InlineData("jane@-example.com")]
    [InlineData("jane@example_corp.com")]
    [InlineData("jane@exämple.com")]
    [InlineData("jane@example.com\n")]
    public void Handle_Should_OmitTenant_When_EmailIsInvalid(string email)
    {
        var e = Load(SignIn).WithAttribute("email", email);

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Null(answer.TokenClaims(IdToken)!["tenant"]);
    }

    [Fact]
    public void Handle_Should_ReturnTheRestOfTheEventUnchanged_When_AddingClaims()
    {
        var e = Load(AdminRefresh);

        var answer = TestTriggers.PreToken().Send(e.DeepClone());

        answer.Remove("response");
        e.Remove("response");
        Assert.True(JsonNode.DeepEquals(e, answer), answer.ToJsonString());
    }

    [Fact]
    public void Handle_Should_KeepMembersItDoesNotKnow_When_AddingClaims()
    {
        var e = Load(SignIn).With("futureMember", new JsonObject { ["nested"] = new JsonArray(1, true, null) });

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Equal("""{"nested":[1,true,null]}""", answer["futureMember"]!.ToJsonString());
    }

    [Fact]
    public void Handle_Should_KeepOverridesAlreadyInTheResponse_When_AddingClaims()
    {
        var e = Load(SignIn);
        e["response"] = JsonNode.Parse("""
            {"claimsAndScopeOverrideDetails": {
              "idTokenGeneration": {"claimsToAddOrOverride": {"plan": "gold"}, "claimsToSuppress": ["phone_number"]},
              "groupOverrideDetails": {"groupsToOverride": ["users"]}}}
            """);

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Equal("gold", answer.Claim(IdToken, "plan"));
        Assert.Equal("""["phone_number"]""", answer["response"]!["claimsAndScopeOverrideDetails"]![IdToken]!["claimsToSuppress"]!.ToJsonString());
        Assert.NotNull(answer["response"]!["claimsAndScopeOverrideDetails"]!["groupOverrideDetails"]);
    }

    [Fact]
    public void Handle_Should_AddClaims_When_EventIsVersionThree()
    {
        var e = Load(SignIn).With("version", "3");

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Equal("example.com", answer.Claim(IdToken, "tenant"));
    }

    [Fact]
    public void Handle_Should_LogClaimNamesButNotTheirValues_When_ClaimsAreAdded()
    {
        using var log = new LogLines();

        TestTriggers.PreToken(log.Stream).Send(Load(SignIn));

        var line = Assert.Single(log.Lines);
        Assert.Equal("info", line.Text("level"));
        Assert.Equal("tenant,role_hint", line.Text("claims"));
        Assert.Equal("eu-west-1_EXAMPLE01", line.Text("userPoolId"));
        Assert.DoesNotContain("example.com", log.Text, StringComparison.OrdinalIgnoreCase);
    }
}
