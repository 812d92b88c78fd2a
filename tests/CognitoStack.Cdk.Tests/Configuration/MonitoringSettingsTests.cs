using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>Where alarms go: addresses, an existing topic, and at least one of them while monitoring is on.</summary>
public sealed class MonitoringSettingsTests
{
    private const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:ops-alarms";

    private const string NoDestination =
        "(a list of 0) is invalid with alarmTopicArn left out: alarms need somewhere to go; list 1-10 addresses, set alarmTopicArn, or set enabled false";

    [Fact]
    public void Monitoring_Should_FailNamingBothKeys_When_EnabledWithoutEmailsOrTopic()
    {
        // Act
        var message = Error(Set("monitoring.enabled", true));

        // Assert
        Assert.Equal($"{Key("monitoring.alarmEmails")} {NoDestination}", message);
    }

    [Fact]
    public void Monitoring_Should_FailNamingBothKeys_When_LeftOutEntirely()
    {
        // Act
        var message = Error(Remove("monitoring"));

        // Assert
        Assert.Equal($"{Key("monitoring.alarmEmails")} {NoDestination}", message);
    }

    [Fact]
    public void Monitoring_Should_Load_When_DisabledWithoutADestination()
    {
        // Act
        var settings = Load(SetJson("monitoring", """{"enabled": false}"""));

        // Assert
        Assert.False(settings.Monitoring.Enabled);
    }

    [Fact]
    public void Monitoring_Should_Load_When_EnabledWithOnlyATopic()
    {
        // Act
        var settings = Load(SetJson("monitoring", $$"""{"alarmTopicArn": "{{TopicArn}}"}"""));

        // Assert
        Assert.Equal((true, TopicArn, 0), (settings.Monitoring.Enabled, settings.Monitoring.AlarmTopicArn, settings.Monitoring.AlarmEmails.Count));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void AlarmEmails_Should_Load_When_AtALimit(int count)
    {
        // Act
        var settings = Load(SetJson("monitoring", $$"""{"alarmEmails": {{Json(Many(count, "ops{0}@example.com"))}}}"""));

        // Assert
        Assert.Equal(count, settings.Monitoring.AlarmEmails.Count);
    }

    [Fact]
    public void AlarmEmails_Should_FailNamingTheCount_When_MoreThanTen()
    {
        // Act
        var message = Error(Set("monitoring.alarmEmails", Many(11, "ops{0}@example.com")));

        // Assert
        Assert.Equal(Invalid("monitoring.alarmEmails", "(a list of 11)", "use a list of 0 to 10 entries"), message);
    }

    [Theory]
    [InlineData("ops")]
    [InlineData("ops@")]
    [InlineData("@example.com")]
    [InlineData("ops@example")]
    [InlineData("ops team@example.com")]
    [InlineData("ops@example.com,dev@example.com")]
    public void AlarmEmail_Should_FailNamingTheEntry_When_NotAnAddress(string address)
    {
        // Act
        var message = Error(Set("monitoring.alarmEmails", new[] { address }));

        // Assert
        Assert.Equal(Invalid("monitoring.alarmEmails[0]", Received(address), "use email addresses such as ops@example.com"), message);
    }

    [Theory]
    [InlineData("a@b.io")]
    [InlineData("first.last+alarms@sub.example.co.uk")]
    public void AlarmEmail_Should_Load_When_AnAddress(string address)
    {
        // Act
        var settings = Load(Set("monitoring.alarmEmails", new[] { address }));

        // Assert
        Assert.Equal(address, Assert.Single(settings.Monitoring.AlarmEmails));
    }

    [Theory]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:ops-alarms.fifo")]
    [InlineData("arn:aws:sns:eu-west-1:12345678901:ops-alarms")]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:ops-alarms")]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:")]
    [InlineData("ops-alarms")]
    public void AlarmTopicArn_Should_FailNamingKeyAndValue_When_NotAStandardTopicArn(string arn)
    {
        // Act
        var message = Error(Set("monitoring.alarmTopicArn", arn));

        // Assert
        Assert.Equal(Invalid("monitoring.alarmTopicArn", Received(arn), "use the ARN of a standard SNS topic (arn:aws:sns:REGION:ACCOUNT:NAME)"), message);
    }

    [Theory]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:a")]
    [InlineData("arn:aws-us-gov:sns:us-gov-west-1:123456789012:Ops_Alarms-1")]
    public void AlarmTopicArn_Should_Load_When_AStandardTopicArn(string arn)
    {
        // Act
        var settings = Load(Set("monitoring.alarmTopicArn", arn));

        // Assert
        Assert.Equal(arn, settings.Monitoring.AlarmTopicArn);
    }

    private static string Json(string[] values) => System.Text.Json.JsonSerializer.Serialize(values);
}
