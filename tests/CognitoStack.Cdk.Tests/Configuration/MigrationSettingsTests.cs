using CognitoStack.Contract;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>The <c>migration</c> section: off unless written, the old pool's ID, client and region checked as the trigger checks them.</summary>
public sealed class MigrationSettingsTests
{
    private const string Migration = """{"oldUserPoolId": "eu-west-1_AbCdEf123", "oldClientId": "1example23456789"}""";

    [Fact]
    public void Migration_Should_BeOff_When_LeftOut()
    {
        // Act
        var settings = Load();

        // Assert
        Assert.Null(settings.Migration);
    }

    [Fact]
    public void Migration_Should_TakeTheRegionFromThePoolId_When_OldRegionIsLeftOut()
    {
        // Act
        var settings = Load(SetJson("migration", Migration));

        // Assert
        Assert.Equal(("eu-west-1_AbCdEf123", "1example23456789", "eu-west-1"),
            (settings.Migration!.OldUserPoolId, settings.Migration.OldClientId, settings.Migration.OldRegion));
    }

    [Fact]
    public void Migration_Should_Load_When_OldRegionMatchesThePoolId()
    {
        // Act
        var settings = Load(All(SetJson("migration", Migration), Set("migration.oldRegion", "eu-west-1")));

        // Assert
        Assert.Equal("eu-west-1", settings.Migration!.OldRegion);
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("EU-WEST-1")]
    [InlineData("eu-west-1\n")]
    public void OldRegion_Should_Fail_When_ItDisagreesWithThePoolId(string region)
    {
        // Act
        var message = Error(All(SetJson("migration", Migration), Set("migration.oldRegion", region)));

        // Assert
        Assert.Equal(Invalid("migration.oldRegion", Received(region), "use eu-west-1, the region oldUserPoolId names, or leave it out"), message);
    }

    [Fact]
    public void OldUserPoolId_Should_Load_When_55CharactersLong()
    {
        // Arrange
        var id = "eu-west-1_" + new string('A', 45);

        // Act
        var settings = Load(All(SetJson("migration", Migration), Set("migration.oldUserPoolId", id)));

        // Assert
        Assert.Equal(55, settings.Migration!.OldUserPoolId.Length);
    }

    [Theory]
    [InlineData("\"eu-west-1_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"")]
    [InlineData("\"eu-west-1AbCdEf123\"")]
    [InlineData("\"eu-west-1_\"")]
    [InlineData("\"eu-west-1_Ab-Cd\"")]
    [InlineData("\"../../x_1\"")]
    [InlineData("\"eu-west-1_Ab\\u0000\"")]
    [InlineData("5")]
    [InlineData("null")]
    [InlineData("[\"eu-west-1_AbCdEf123\"]")]
    public void OldUserPoolId_Should_Fail_When_NotAUserPoolId(string json)
    {
        // Act
        var message = Error(All(SetJson("migration", Migration), SetJson("migration.oldUserPoolId", json)));

        // Assert
        Assert.StartsWith($"{Key("migration.oldUserPoolId")} ", message, StringComparison.Ordinal);
        Assert.EndsWith(json == "null" ? $"is missing: {CognitoIds.UserPoolIdRule}" : $"is invalid: {CognitoIds.UserPoolIdRule}", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void OldUserPoolId_Should_Fail_When_ItsRegionIsOutsideTheAwsPartition()
    {
        // Act
        var message = Error(All(SetJson("migration", Migration), Set("migration.oldUserPoolId", "cn-north-1_AbCdEf123")));

        // Assert
        Assert.StartsWith(Invalid("migration.oldUserPoolId", "\"cn-north-1_AbCdEf123\"", "use a region of the aws partition"), message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    public void OldClientId_Should_Load_When_AtALengthLimit(int length)
    {
        // Act
        var settings = Load(All(SetJson("migration", Migration), Set("migration.oldClientId", new string('a', length))));

        // Assert
        Assert.Equal(length, settings.Migration!.OldClientId.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc def")]
    [InlineData("abc/def")]
    [InlineData("abc\tdef")]
    public void OldClientId_Should_Fail_When_NotAClientId(string id)
    {
        // Act
        var message = Error(All(SetJson("migration", Migration), Set("migration.oldClientId", id)));

        // Assert
        Assert.Equal(Invalid("migration.oldClientId", Received(id), CognitoIds.ClientIdRule), message);
    }

    [Fact]
    public void OldClientId_Should_Fail_When_129CharactersLong()
    {
        // Act
        var message = Error(All(SetJson("migration", Migration), Set("migration.oldClientId", new string('a', 129))));

        // Assert
        Assert.EndsWith($"is invalid: {CognitoIds.ClientIdRule}", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oldUserPoolId")]
    [InlineData("oldClientId")]
    public void Migration_Should_Fail_When_ARequiredKeyIsMissing(string key)
    {
        // Act
        var message = Error(All(SetJson("migration", Migration), Remove($"migration.{key}")));

        // Assert
        Assert.StartsWith($"{Key($"migration.{key}")} is missing: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migration_Should_Fail_When_AKeyIsMisspelt()
    {
        // Act
        var message = Error(All(SetJson("migration", Migration), Set("migration.oldPoolId", "eu-west-1_AbCdEf123")));

        // Assert
        Assert.StartsWith($"{Key("migration.oldPoolId")} is not a known setting", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("\"eu-west-1_AbCdEf123\"")]
    [InlineData("[]")]
    public void Migration_Should_Fail_When_NotAnObject(string json)
    {
        // Act
        var message = Error(SetJson("migration", json));

        // Assert
        Assert.StartsWith($"{Key("migration")} ", message, StringComparison.Ordinal);
        Assert.Contains("is invalid", message, StringComparison.Ordinal);
    }
}
