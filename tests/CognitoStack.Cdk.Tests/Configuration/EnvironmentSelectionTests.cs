using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>Choosing an environment by name from the <c>environments</c> context.</summary>
public sealed class EnvironmentSelectionTests
{
    private const string NameRule = "use 1-20 lowercase letters, digits and hyphens, starting with a letter";

    [Fact]
    public void Load_Should_ListKnownEnvironments_When_NameIsUnknown()
    {
        // Act
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(Repository.Environments, "staging", Repository.Root));

        // Assert
        Assert.Equal("env \"staging\" is invalid: use one of dev, prod (environments in cdk.json)", error.Message);
    }

    [Theory]
    [InlineData("Prod!")]
    [InlineData("Prod")]
    [InlineData("1dev")]
    [InlineData("-dev")]
    [InlineData("dev_1")]
    [InlineData("abcdefghijklmnopqrstu")]
    public void Load_Should_FailWithNameRule_When_NameInJsonIsInvalid(string name)
    {
        // Arrange
        var environments = Environments((name, Dev()));

        // Act
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environments, name, Repository.Root));

        // Assert
        Assert.Equal($"env \"{name}\" is invalid: {NameRule}", error.Message);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("abcdefghijklmnopqrst")]
    [InlineData("pr-42")]
    public void Load_Should_UseTheName_When_NameIsValid(string name)
    {
        // Arrange
        var environments = Environments((name, Dev()));

        // Act
        var settings = SettingsLoader.Load(environments, name, Repository.Root);

        // Assert
        Assert.Equal(name, settings.Name);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"dev\"")]
    [InlineData("null")]
    public void Load_Should_AskForTheContext_When_EnvironmentsIsNotAnObject(string json)
    {
        // Arrange
        var environments = JsonDocument.Parse(json).RootElement;

        // Act
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environments, "dev", Repository.Root));

        // Assert
        Assert.Equal("context \"environments\" is missing or not an object: add it to cdk.json (see docs/configuration.md)", error.Message);
    }

    [Fact]
    public void Load_Should_AskForTheContext_When_EnvironmentsIsMissing()
    {
        // Act
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(default, "dev", Repository.Root));

        // Assert
        Assert.StartsWith("context \"environments\" is missing or not an object", error.Message);
    }

    [Theory]
    [InlineData("5", "5")]
    [InlineData("[]", "(a list)")]
    [InlineData("\"dev\"", "\"dev\"")]
    public void Load_Should_AskForAnObject_When_EnvironmentIsNotAnObject(string json, string received)
    {
        // Arrange
        var environments = Environments(("dev", JsonNode.Parse(json)));

        // Act
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environments, "dev", Repository.Root));

        // Assert
        Assert.Equal($"environments.dev {received} is invalid: use a JSON object", error.Message);
    }
}
