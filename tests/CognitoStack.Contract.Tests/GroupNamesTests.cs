namespace CognitoStack.Contract.Tests;

// The one group-name rule, used by the settings, the backend and the triggers.
public sealed class GroupNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("admin")]
    [InlineData("users")]
    [InlineData("eu-admins_2.0")]
    [InlineData("Администраторы")]
    [InlineData("grupo:ñ/€")]
    [InlineData("team-🚀")]
    [InlineData("e\u0301quipe")]
    public void IsValid_Should_Accept_When_NameIsACognitoGroupNameWithoutSeparators(string name) =>
        Assert.True(GroupNames.IsValid(name));

    [Fact]
    public void IsValid_Should_Accept_When_NameIsExactly128Characters() =>
        Assert.True(GroupNames.IsValid(new string('g', 128)));

    [Fact]
    public void IsValid_Should_Reject_When_NameIs129Characters() =>
        Assert.False(GroupNames.IsValid(new string('g', 129)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("new users")]
    [InlineData("users\n")]
    [InlineData("users\t")]
    [InlineData("\u00a0users")]
    [InlineData("users\u200b")]
    [InlineData("users\u0000")]
    public void IsValid_Should_Reject_When_NameIsMissingEmptyOrHasSpaceOrControlCharacters(string? name) =>
        Assert.False(GroupNames.IsValid(name));

    [Theory]
    [InlineData("x,admin")]
    [InlineData("[admin]")]
    [InlineData("admin]")]
    [InlineData("\"admin\"")]
    public void IsValid_Should_Reject_When_NameHasACharacterTheAuthorizerUsesAsASeparator(string name) =>
        Assert.False(GroupNames.IsValid(name));

    // A [Fact]: xunit would turn a lone surrogate in [InlineData] into U+FFFD, a valid symbol.
    [Fact]
    public void IsValid_Should_Reject_When_NameHasALoneSurrogate()
    {
        Assert.False(GroupNames.IsValid("users\udc00"));
        Assert.False(GroupNames.IsValid("\ud83dusers"));
    }

    [Fact]
    public void TheAppsOwnGroups_Should_FollowTheRule()
    {
        Assert.True(GroupNames.IsValid(GroupNames.Admin));
        Assert.True(GroupNames.IsValid(GroupNames.Users));
    }
}
