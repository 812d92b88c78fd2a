using CognitoStack.Backend.Auth;

namespace CognitoStack.Backend.Tests.Unit;

public sealed class CallerIdentityTests
{
    private static readonly Dictionary<string, string> IdToken = new()
    {
        ["sub"] = "user-1",
        ["cognito:username"] = "jane",
        ["email"] = "jane@example.com",
        ["aud"] = "client-1",
        ["token_use"] = "id",
        ["cognito:groups"] = "admin,editors",
    };

    private static readonly Dictionary<string, string> AccessToken = new()
    {
        ["sub"] = "user-1",
        ["username"] = "jane",
        ["client_id"] = "client-1",
        ["token_use"] = "access",
        ["scope"] = "myapp-api/read myapp-api/write",
    };

    [Fact]
    public void FromClaims_Should_ReturnNull_When_ClaimsAreMissing()
    {
        Assert.Null(CallerIdentity.FromClaims(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void FromClaims_Should_ReturnNull_When_SubIsBlank(string sub)
    {
        Assert.Null(CallerIdentity.FromClaims(new Dictionary<string, string> { ["sub"] = sub }));
    }

    [Fact]
    public void FromClaims_Should_ReadIdTokenClaims_When_TokenIsAnIdToken()
    {
        var caller = CallerIdentity.FromClaims(IdToken)!;

        Assert.Equal("jane", caller.Username);
        Assert.Equal("jane@example.com", caller.Email);
        Assert.Equal("client-1", caller.ClientId);
        Assert.Equal("id", caller.TokenUse);
        Assert.Equal(["admin", "editors"], caller.Groups);
        Assert.Empty(caller.Scopes);
    }

    [Fact]
    public void FromClaims_Should_ReadAccessTokenClaims_When_TokenIsAnAccessToken()
    {
        var caller = CallerIdentity.FromClaims(AccessToken)!;

        Assert.Equal("jane", caller.Username);
        Assert.Null(caller.Email);
        Assert.Equal("client-1", caller.ClientId);
        Assert.Empty(caller.Groups);
        Assert.Equal(["myapp-api/read", "myapp-api/write"], caller.Scopes);
    }

    [Fact]
    public void IsInGroup_Should_BeTrue_When_CallerIsAMember()
    {
        Assert.True(CallerIdentity.FromClaims(IdToken)!.IsInGroup("editors"));
    }

    [Fact]
    public void IsInGroup_Should_BeFalse_When_CallerIsNotAMember()
    {
        Assert.False(CallerIdentity.FromClaims(IdToken)!.IsInGroup("readers"));
    }

    [Fact]
    public void HasScope_Should_BeTrue_When_ScopeIsGranted()
    {
        Assert.True(CallerIdentity.FromClaims(AccessToken)!.HasScope("myapp-api/write"));
    }

    [Fact]
    public void HasScope_Should_BeFalse_When_OnlyAPrefixMatches()
    {
        Assert.False(CallerIdentity.FromClaims(AccessToken)!.HasScope("myapp-api/re"));
    }
}
