using CognitoStack.Triggers.Claims;

namespace CognitoStack.Triggers.Tests.Unit;

public sealed class GroupNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("users")]
    [InlineData("eu-admins_2.0")]
    [InlineData("Администраторы")]
    [InlineData("grupo:ñ/€")]
    public void Check_Should_AcceptName_When_ItIsAValidCognitoGroupName(string name)
    {
        Assert.Null(GroupName.Check("GROUP", name));
    }

    [Fact]
    public void Check_Should_AcceptName_When_ItIsExactly128Characters()
    {
        Assert.Null(GroupName.Check("GROUP", new string('g', 128)));
    }

    [Fact]
    public void Check_Should_RejectName_When_ItIs129Characters()
    {
        Assert.NotNull(GroupName.Check("GROUP", new string('g', 129)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("new users")]
    [InlineData("users\n")]
    [InlineData("\u00a0users")]
    [InlineData("users\u200b")]
    public void Check_Should_RejectName_When_ItIsEmptyOrHasSpaceOrControlCharacters(string name)
    {
        Assert.NotNull(GroupName.Check("GROUP", name));
    }

    [Fact]
    public void Check_Should_RejectName_When_ItHasALoneSurrogate()
    {
        Assert.NotNull(GroupName.Check("GROUP", "users\udc00"));
    }

    [Fact]
    public void Check_Should_NameTheVariable_When_ValueIsMissing()
    {
        Assert.Contains("DEFAULT_GROUP", GroupName.Check("DEFAULT_GROUP", null), StringComparison.Ordinal);
    }
}
