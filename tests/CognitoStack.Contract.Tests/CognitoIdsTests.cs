namespace CognitoStack.Contract.Tests;

public sealed class CognitoIdsTests
{
    [Theory]
    [InlineData("eu-west-1_AbCdEf123")]
    [InlineData("us-gov-west-1_a")]
    [InlineData("eu-west-1_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void IsUserPoolId_Should_Accept_When_RegionUnderscoreAlphanumerics(string id) =>
        Assert.True(CognitoIds.IsUserPoolId(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eu-west-1_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("eu-west-1")]
    [InlineData("_AbC")]
    [InlineData("eu-west-1_")]
    [InlineData("local_AbC")]
    [InlineData("eu-west-1_Ab-C")]
    [InlineData("eu-west-1_Ab/C")]
    [InlineData("evil.example.com_1")]
    [InlineData("eu-west-1_Ab\u0000")]
    public void IsUserPoolId_Should_Refuse_When_NotAUserPoolId(string? id) =>
        Assert.False(CognitoIds.IsUserPoolId(id));

    [Fact]
    public void RegionOf_Should_ReturnThePartBeforeTheUnderscore() =>
        Assert.Equal("eu-west-1", CognitoIds.RegionOf("eu-west-1_AbCdEf123"));

    [Theory]
    [InlineData("a", true)]
    [InlineData("1example23456789", true)]
    [InlineData("a+b_c", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a b", false)]
    [InlineData("a-b", false)]
    [InlineData("é", false)]
    public void IsClientId_Should_FollowCognitosPattern(string? id, bool valid) =>
        Assert.Equal(valid, CognitoIds.IsClientId(id));

    [Fact]
    public void IsClientId_Should_AcceptAt128_AndRefuseAt129() =>
        Assert.Equal((true, false), (CognitoIds.IsClientId(new string('a', 128)), CognitoIds.IsClientId(new string('a', 129))));

    [Theory]
    [InlineData("eu-west-1", true)]
    [InlineData("local", false)]
    [InlineData("-eu-west-1", false)]
    [InlineData("EU-WEST-1", false)]
    [InlineData("eu_west_1", false)]
    public void IsRegion_Should_AcceptRegionNamesOnly(string region, bool valid) =>
        Assert.Equal(valid, CognitoIds.IsRegion(region));
}
