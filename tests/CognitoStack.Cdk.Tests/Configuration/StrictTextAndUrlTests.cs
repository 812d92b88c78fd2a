using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>
/// Inputs that slipped through earlier versions of the validator: a trailing newline (".NET's $ matches
/// before a final \n"), http on loopback addresses other than localhost, and origins with user info.
/// </summary>
public sealed class StrictTextAndUrlTests
{
    [Theory]
    [InlineData("account", "123456789012\n")]
    [InlineData("region", "eu-west-1\n")]
    [InlineData("domain.prefix", "myapp\n")]
    [InlineData("resourceServer.identifier", "myapp-api\n")]
    [InlineData("resourceServer.scopes[0].description", "Read items\n")]
    public void TextSetting_Should_Fail_When_EndingInANewline(string path, string value)
    {
        // Act
        var message = Error(Set(path, value));

        // Assert
        Assert.StartsWith(Invalid(path, Received(value), "use "), message);
    }

    [Fact]
    public void DomainPrefix_Should_Fail_When_64CharactersEndingInANewline()
    {
        // Arrange
        var prefix = new string('a', 63) + "\n";

        // Act
        var message = Error(Set("domain.prefix", prefix));

        // Assert
        Assert.StartsWith(Invalid("domain.prefix", Received(prefix), "use 1-63 lowercase letters"), message);
    }

    [Fact]
    public void Load_Should_Fail_When_EnvironmentNameEndsInANewline()
    {
        // Arrange
        var environments = Environments(("dev\n", Dev()));

        // Act
        var error = Record.Exception(() => SettingsLoader.Load(environments, "dev\n", Repository.Root));

        // Assert
        Assert.IsType<ConfigurationException>(error);
    }

    [Theory]
    [InlineData("clients.callbackUrls[0]", "http://127.0.0.1:3000/callback")]
    [InlineData("clients.logoutUrls[0]", "http://[::1]:3000/")]
    public void RedirectUrl_Should_Fail_When_HttpToALoopbackAddressOtherThanLocalhost(string path, string url)
    {
        // Act
        var message = Error(Set(path, url));

        // Assert
        Assert.StartsWith(Invalid(path, Received(url), "use an absolute https URL"), message);
    }

    [Fact]
    public void WebOrigin_Should_Fail_When_ItHasUserInfo()
    {
        // Act
        var message = Error(Set("webOrigins[0]", "https://user:secret@app.example.com"));

        // Assert
        Assert.StartsWith(Invalid("webOrigins[0]", "\"https://user:secret@app.example.com\"", "use an origin"), message);
    }
}
