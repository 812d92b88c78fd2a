using CognitoStack.Backend.Auth;

namespace CognitoStack.Backend.Tests.Unit;

public sealed class ClaimListParserTests
{
    [Theory]
    [InlineData("admin,editors")]
    [InlineData("admin, editors")]
    [InlineData("[admin editors]")]
    [InlineData("[admin, editors]")]
    [InlineData("[\"admin\",\"editors\"]")]
    [InlineData(" admin,,editors ")]
    public void Parse_Should_ReturnEachGroup_When_GroupsUseAKnownRendering(string value)
    {
        var groups = ClaimListParser.Parse(value);

        Assert.Equal(["admin", "editors"], groups);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("[admin]")]
    [InlineData("[\"admin\"]")]
    public void Parse_Should_ReturnOneGroup_When_ThereIsOneGroup(string value)
    {
        Assert.Equal(["admin"], ClaimListParser.Parse(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    public void Parse_Should_ReturnEmpty_When_ValueIsBlank(string? value)
    {
        Assert.Empty(ClaimListParser.Parse(value));
    }

    [Fact]
    public void Parse_Should_SplitOnSpaces_When_ValueIsAScopeClaim()
    {
        Assert.Equal(["openid", "myapp-api/read", "myapp-api/write"], ClaimListParser.Parse("openid myapp-api/read myapp-api/write"));
    }

    [Theory]
    [InlineData("admin,editors", true)]
    [InlineData("[editors admin]", true)]
    [InlineData("[\"admin\"]", true)]
    [InlineData("administrators", false)]
    [InlineData("Admin", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Contains_Should_MatchWholeEntriesOnly_When_Checking(string? value, bool expected)
    {
        Assert.Equal(expected, ClaimListParser.Contains(value, "admin"));
    }
}
