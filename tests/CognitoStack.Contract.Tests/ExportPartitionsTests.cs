namespace CognitoStack.Contract.Tests;

public class ExportPartitionsTests
{
    [Fact]
    public void Partitions_Should_BeTheSixteenHexDigits_SoEverySubStartsWithExactlyOne()
    {
        Assert.Equal("0123456789abcdef", string.Concat(ExportPartitions.All));
        var sub = Guid.NewGuid().ToString();
        Assert.Single(ExportPartitions.All, p => sub.StartsWith(p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("f", true)]
    [InlineData("g", false)]
    [InlineData("A", false)]
    [InlineData("00", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsPartition_Should_AcceptOneLowerCaseHexDigitOnly(string? value, bool expected) =>
        Assert.Equal(expected, ExportPartitions.IsPartition(value));

    [Fact]
    public void Filter_Should_BeASubPrefixMatch() =>
        Assert.Equal("sub ^= \"a\"", ExportPartitions.Filter("a"));

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(1.0001)]
    [InlineData(double.NaN)]
    public void Rate_Should_Refuse_When_TheShareIsNotAShare(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExportPartitions.Rate(share));

    [Fact]
    public void Rate_Should_SpendTheDefaultThirdAsFivePartitionsAtTwoPerSecond() =>
        Assert.Equal(new ExportRate(5, 2, 10), ExportPartitions.Rate(ExportPartitions.DefaultQuotaShare));
}
