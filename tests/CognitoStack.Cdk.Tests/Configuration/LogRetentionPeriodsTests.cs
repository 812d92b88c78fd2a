using Amazon.CDK.AWS.Logs;
using CognitoStack.Cdk.Configuration;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>The one list of CloudWatch Logs retention periods, checked against the CDK's.</summary>
public sealed class LogRetentionPeriodsTests
{
    [Fact]
    public void EveryFiniteCdkRetention_Should_HaveExactlyOnePeriod()
    {
        // Act
        var mapped = LogRetentionPeriods.Days.Select(LogRetentionPeriods.FromDays).ToList();

        // Assert
        Assert.Equal(mapped.Count, mapped.Distinct().Count());
        Assert.Equal(
            Enum.GetValues<RetentionDays>().Where(r => r != RetentionDays.INFINITE).Order(),
            mapped.Order());
    }

    [Fact]
    public void Days_Should_BeShortestFirst() =>
        Assert.Equal(LogRetentionPeriods.Days.Order(), LogRetentionPeriods.Days);

    [Theory]
    [InlineData(1, RetentionDays.ONE_DAY)]
    [InlineData(7, RetentionDays.ONE_WEEK)]
    [InlineData(365, RetentionDays.ONE_YEAR)]
    [InlineData(3653, RetentionDays.TEN_YEARS)]
    public void FromDays_Should_PickThePeriodOfThatManyDays(int days, RetentionDays expected) =>
        Assert.Equal(expected, LogRetentionPeriods.FromDays(days));

    [Fact]
    public void FromDays_Should_Throw_When_NotAPeriod() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LogRetentionPeriods.FromDays(13));
}
