namespace CognitoStack.Lambda.Common.Tests;

public sealed class QuoteTests
{
    [Fact]
    public void Value_Should_QuoteTheWholeValue_When_ItIsExactlyTheLimit() =>
        Assert.Equal($"\"{new string('v', 80)}\"", Quote.Value(new string('v', 80)));

    [Fact]
    public void Value_Should_CutAndMarkTheValue_When_ItIsOverTheLimit() =>
        Assert.Equal($"\"{new string('v', 80)}...\"", Quote.Value(new string('v', 81)));

    [Fact]
    public void Value_Should_UseTheGivenLimit() =>
        Assert.Equal("\"abc...\"", Quote.Value("abcd", 3));

    [Fact]
    public void Value_Should_SayMissing_When_ValueIsNull() =>
        Assert.Equal("(missing)", Quote.Value(null));

    [Fact]
    public void Value_Should_QuoteAnEmptyValue() =>
        Assert.Equal("\"\"", Quote.Value(""));
}
