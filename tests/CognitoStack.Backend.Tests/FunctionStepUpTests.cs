using CognitoStack.Backend.Tests.Helpers;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

/// Step-up (RFC 9470) over real-shaped events: the fixtures' auth_time is 1732233600 (2024-11-22T00:00:00Z).
public sealed class FunctionStepUpTests
{
    private const long AuthTime = 1_732_233_600;
    private const string Level2 = "urn:cognito:loa:2";

    private static Function Create(string stepUp, long secondsAfterSignIn = 60) =>
        TestFunction.Create(TestFunction.Settings with { StepUp = stepUp }, time: new FixedTime(AuthTime + secondsAfterSignIn));

    private static TestResponse Send(string stepUp, System.Text.Json.Nodes.JsonObject e, long secondsAfterSignIn = 60) =>
        TestFunction.Send(e, Create(stepUp, secondsAfterSignIn));

    private static void AssertChallenge(TestResponse response, string expectedParameter)
    {
        Assert.Equal(401, response.StatusCode);
        Assert.Equal("insufficient_user_authentication", response.Error);
        var header = response.Header("WWW-Authenticate");
        Assert.NotNull(header);
        Assert.StartsWith("Bearer error=\"insufficient_user_authentication\", error_description=\"", header, StringComparison.Ordinal);
        Assert.Contains(expectedParameter, header, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminRoute_Should_Challenge_When_IdTokenHasNoAcr()
    {
        var response = Send($"admin|{Level2}|", Load(AdminHealth));

        AssertChallenge(response, $"acr_values=\"{Level2}\"");
        Assert.DoesNotContain("max_age", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
    }

    [Fact]
    public void AdminRoute_Should_Challenge_When_IdTokenAcrIsWeaker()
    {
        var response = Send($"admin|{Level2}|", Load(AdminHealth).WithClaim("acr", "urn:cognito:loa:1"));

        AssertChallenge(response, $"acr_values=\"{Level2}\"");
        Assert.Contains("urn:cognito:loa:1 is too weak", response.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urn:cognito:loa:2")]
    [InlineData("urn:cognito:loa:4")]
    public void AdminRoute_Should_Answer_When_IdTokenAcrIsAtLeastTheLevel(string acr)
    {
        var response = Send($"admin|{Level2}|900", Load(AdminClaims).WithClaim("acr", acr).WithClaim("amr", "[\"pwd\",\"otp\"]"), 900);

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Header("WWW-Authenticate"));
    }

    [Fact]
    public void AdminRoute_Should_ChallengeWithMaxAge_When_IdTokenSignInIsOneSecondTooOld()
    {
        var response = Send($"admin|{Level2}|900", Load(AdminHealth).WithClaim("acr", Level2), 901);

        AssertChallenge(response, "max_age=900");
        Assert.Contains($"acr_values=\"{Level2}\", max_age=900", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.Contains("901 seconds old", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ItemsRoute_Should_Answer_When_AccessTokenHasLevelAndFreshSignIn()
    {
        var response = Send($"items|{Level2}|300", Load(ListItems).WithClaim("acr", "urn:cognito:loa:3"), 300);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public void ItemsRoute_Should_Challenge_When_AccessTokenAcrIsWeaker()
    {
        var response = Send($"items|{Level2}|300", Load(ListItems).WithClaim("acr", "urn:cognito:loa:1"));

        AssertChallenge(response, $"acr_values=\"{Level2}\", max_age=300");
    }

    [Fact]
    public void ItemsRoute_Should_ChallengeWithMaxAgeOnly_When_AccessTokenIsTooOldAndRuleHasNoLevel()
    {
        var response = Send("items||300", Load(CreateItem), 301);

        AssertChallenge(response, "max_age=300");
        Assert.DoesNotContain("acr_values", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acr", null)]
    [InlineData("acr", "")]
    [InlineData("acr", "urn:cognito:loa:9")]
    [InlineData("acr", "URN:COGNITO:LOA:2")]
    [InlineData("acr", "urn:cognito:loa:2 ")]
    [InlineData("acr", "[\"urn:cognito:loa:2\"]")]
    [InlineData("auth_time", null)]
    [InlineData("auth_time", "")]
    [InlineData("auth_time", "soon")]
    [InlineData("auth_time", "-1")]
    [InlineData("auth_time", "1732233600.5")]
    [InlineData("auth_time", "99999999999999999999")]
    [InlineData("auth_time", "1732233961")]
    public void Route_Should_FailClosed_When_ClaimIsMissingOrGarbled(string claim, string? value)
    {
        var e = Load(AdminHealth).WithClaim("acr", Level2).WithClaim(claim, value);

        var response = Send($"admin|{Level2}|900", e, 60);

        AssertChallenge(response, "acr_values=");
    }

    [Fact]
    public void Route_Should_AcceptAuthTime_When_ItIsAtTheAllowedClockSkew()
    {
        var e = Load(AdminHealth).WithClaim("acr", Level2).WithClaim("auth_time", (AuthTime + 360).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var response = Send($"admin|{Level2}|900", e, 60);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public void Route_Should_ReadAuthTime_When_AuthorizerRendersItAsDateText()
    {
        var e = Load(AdminHealth).WithClaim("acr", Level2).WithClaim("auth_time", "Fri Nov 22 00:00:00 UTC 2024");

        Assert.Equal(200, Send($"admin|{Level2}|900", e, 900).StatusCode);
        AssertChallenge(Send($"admin|{Level2}|900", e, 901), "max_age=900");
    }

    [Fact]
    public void RouteOutsideTheGroup_Should_Answer_When_TokenHasNoAcr()
    {
        var response = Send($"admin|{Level2}|60", Load(MeIdToken), 100_000);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public void AdminRoute_Should_Return403NotChallenge_When_CallerIsNotAdmin()
    {
        var response = Send($"admin|{Level2}|", Load(AdminHealth).WithClaim("cognito:groups", "editors"));

        Assert.Equal(403, response.StatusCode);
        Assert.Null(response.Header("WWW-Authenticate"));
    }

    [Fact]
    public void Challenge_Should_ExposeTheHeaderToBrowsers_When_OriginIsAllowed()
    {
        var response = Send($"admin|{Level2}|", Load(AdminHealth).WithHeader("origin", "http://localhost:3000"));

        Assert.Equal("WWW-Authenticate", response.Header("Access-Control-Expose-Headers"));
    }

    [Fact]
    public void Function_Should_Answer500NamingStepUp_When_VariableIsInvalid()
    {
        var response = TestFunction.Send(Load(MeIdToken), Create("admin|urn:cognito:loa:5|"));

        Assert.Equal(500, response.StatusCode);
        Assert.Contains("STEP_UP", response.Message, StringComparison.Ordinal);
    }

    private sealed class FixedTime(long unixSeconds) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
    }
}
