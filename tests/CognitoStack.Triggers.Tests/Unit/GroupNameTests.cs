using CognitoStack.Contract;
using CognitoStack.Triggers.Claims;

namespace CognitoStack.Triggers.Tests.Unit;

// The rule itself is GroupNames.IsValid (tested in CognitoStack.Contract.Tests); here: the messages.
public sealed class GroupNameTests
{
    [Fact]
    public void Check_Should_AcceptName_When_TheSharedRuleAcceptsIt()
    {
        Assert.Null(GroupName.Check("GROUP", GroupNames.Users));
        Assert.Null(GroupName.Check("GROUP", new string('g', GroupNames.MaxLength)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("new users")]
    [InlineData("x,admin")]
    public void Check_Should_NameTheVariableTheValueAndTheRule_When_NameIsInvalid(string name)
    {
        var problem = GroupName.Check("DEFAULT_GROUP", name);

        Assert.Equal($"DEFAULT_GROUP \"{name}\" is invalid: {GroupNames.Rule}", problem);
    }

    [Fact]
    public void Check_Should_NameTheVariable_When_ValueIsMissing()
    {
        Assert.Contains("DEFAULT_GROUP", GroupName.Check("DEFAULT_GROUP", null), StringComparison.Ordinal);
    }
}
