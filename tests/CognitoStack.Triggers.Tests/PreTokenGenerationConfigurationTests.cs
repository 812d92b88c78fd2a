using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

public sealed class PreTokenGenerationConfigurationTests
{
    public static TheoryData<string?> InvalidAdminGroups => new()
    {
        null,
        "",
        " ",
        "team admins",
        "admin\n",
        "\u0007",
        new string('a', 129),
    };

    [Theory]
    [MemberData(nameof(InvalidAdminGroups))]
    public void Handle_Should_OmitRoleHint_When_AdminGroupIsMissingOrInvalid(string? adminGroup)
    {
        var trigger = TestTriggers.PreTokenWith("ADMIN_GROUP", adminGroup);

        var answer = trigger.Send(Load(AdminRefresh));

        Assert.Null(answer.TokenClaims("idTokenGeneration")!["role_hint"]);
        Assert.Null(answer.TokenClaims("accessTokenGeneration")!["role_hint"]);
    }

    [Fact]
    public void Handle_Should_OmitRoleHint_When_AdminGroupHasALoneSurrogate()
    {
        // Not a theory case: xunit would replace the lone surrogate with U+FFFD when it serializes the data.
        var trigger = TestTriggers.PreTokenWith("ADMIN_GROUP", "admin\ud800");

        var answer = trigger.Send(Load(AdminRefresh));

        Assert.Null(answer.TokenClaims("idTokenGeneration")!["role_hint"]);
    }

    [Fact]
    public void Handle_Should_StillAddTenant_When_AdminGroupIsMissing()
    {
        var trigger = TestTriggers.PreTokenWith("ADMIN_GROUP", null);

        var answer = trigger.Send(Load(AdminRefresh));

        Assert.Equal("corp.example.org", answer.Claim("idTokenGeneration", "tenant"));
    }

    [Fact]
    public void Handle_Should_ReturnEventUnchanged_When_AdminGroupIsMissingAndUserHasNoEmail()
    {
        var trigger = TestTriggers.PreTokenWith("ADMIN_GROUP", null);
        var input = Load(NoEmail).ToUtf8();

        var answer = trigger.Send(input);

        Assert.Equal(input, answer);
    }

    [Fact]
    public void Constructor_Should_LogOneErrorNamingTheVariable_When_AdminGroupIsMissing()
    {
        using var log = new LogLines();
        var trigger = TestTriggers.PreTokenWith("ADMIN_GROUP", null, log.Stream);

        trigger.Send(Load(SignIn));
        trigger.Send(Load(AdminRefresh));
        trigger.Send(Load(NoEmail));

        var error = Assert.Single(log.Errors);
        Assert.Contains("ADMIN_GROUP", error.Text("message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Администраторы")]
    [InlineData("team-admins_eu.1@corp")]
    [InlineData("ops+€")]
    public void Handle_Should_AddAdminRoleHint_When_AdminGroupIsAnyValidGroupName(string adminGroup)
    {
        var trigger = TestTriggers.PreTokenWith("ADMIN_GROUP", adminGroup);

        var answer = trigger.Send(Load(SignIn).WithGroups("users", adminGroup));

        Assert.Equal("admin", answer.Claim("idTokenGeneration", "role_hint"));
    }

    [Fact]
    public void Handle_Should_AddAdminRoleHint_When_AdminGroupIsExactlyTheLongestValidName()
    {
        var adminGroup = new string('g', 128);
        var trigger = TestTriggers.PreTokenWith("ADMIN_GROUP", adminGroup);

        var answer = trigger.Send(Load(SignIn).WithGroups(adminGroup));

        Assert.Equal("admin", answer.Claim("idTokenGeneration", "role_hint"));
    }
}
