using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>Settings that are text with a pattern: account, region, names, identifiers, descriptions.</summary>
public sealed class TextSettingsTests
{
    private const string DomainPrefixRule =
        "use 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, not containing \"aws\", \"amazon\" or \"cognito\"";

    private const string RegionRule = "use a region of the aws partition such as eu-west-1 (aws-cn and aws-us-gov are not supported)";
    private const string GroupNameRule = "use 1-128 letters, digits, punctuation or symbols, without spaces";
    private const string IdentifierRule = "use 1-256 printable characters without spaces, quotes or backslashes";
    private const string ResourceServerNameRule = "use 1-256 letters, digits, spaces and _ + = , . @ -";
    private const string ScopeNameRule = "use 1-256 printable characters without spaces, quotes, slashes or backslashes";

    [Theory]
    [InlineData("account", "12345678901", "use a 12-digit AWS account id")]
    [InlineData("account", "1234567890123", "use a 12-digit AWS account id")]
    [InlineData("account", "12345678901a", "use a 12-digit AWS account id")]
    [InlineData("account", "", "use a 12-digit AWS account id")]
    [InlineData("region", "EU-WEST-1", RegionRule)]
    [InlineData("region", "eu-west", RegionRule)]
    [InlineData("region", "eu-west-1a", RegionRule)]
    [InlineData("region", "cn-north-1", RegionRule)]
    [InlineData("region", "cn-northwest-1", RegionRule)]
    [InlineData("region", "us-gov-west-1", RegionRule)]
    [InlineData("domain.prefix", "", DomainPrefixRule)]
    [InlineData("domain.prefix", "my-aws-app", DomainPrefixRule)]
    [InlineData("domain.prefix", "amazon", DomainPrefixRule)]
    [InlineData("domain.prefix", "mycognitoapp", DomainPrefixRule)]
    [InlineData("domain.prefix", "appaws", DomainPrefixRule)]
    [InlineData("domain.prefix", "MyApp", DomainPrefixRule)]
    [InlineData("domain.prefix", "-myapp", DomainPrefixRule)]
    [InlineData("domain.prefix", "myapp-", DomainPrefixRule)]
    [InlineData("domain.prefix", "-", DomainPrefixRule)]
    [InlineData("domain.prefix", "my_app", DomainPrefixRule)]
    [InlineData("domain.prefix", "my.app", DomainPrefixRule)]
    [InlineData("userPool.groups[0].name", "", GroupNameRule)]
    [InlineData("userPool.groups[0].name", "site admins", GroupNameRule)]
    [InlineData("resourceServer.identifier", "", IdentifierRule)]
    [InlineData("resourceServer.identifier", "my api", IdentifierRule)]
    [InlineData("resourceServer.identifier", "my\"api", IdentifierRule)]
    [InlineData("resourceServer.identifier", "my\\api", IdentifierRule)]
    [InlineData("resourceServer.name", "", ResourceServerNameRule)]
    [InlineData("resourceServer.name", "MyApp API!", ResourceServerNameRule)]
    [InlineData("resourceServer.scopes[0].name", "", ScopeNameRule)]
    [InlineData("resourceServer.scopes[0].name", "items/read", ScopeNameRule)]
    [InlineData("resourceServer.scopes[0].name", "re ad", ScopeNameRule)]
    [InlineData("resourceServer.scopes[0].description", "", "use 1-256 characters")]
    [InlineData("resourceServer.scopes[0].description", "Read\titems", "use 1-256 characters")]
    public void TextSetting_Should_FailNamingKeyValueAndRule_When_OutsidePattern(string path, string value, string allowed)
    {
        // Act
        var message = Error(Set(path, value));

        // Assert
        Assert.Equal(Invalid(path, Received(value), allowed), message);
    }

    [Theory]
    [InlineData("account", "123456789012")]
    [InlineData("account", "000000000000")]
    [InlineData("region", "eu-west-1")]
    [InlineData("region", "us-west-1")]
    [InlineData("region", "ca-central-1")]
    [InlineData("region", "ap-southeast-2")]
    [InlineData("domain.prefix", "a")]
    [InlineData("domain.prefix", "7")]
    [InlineData("domain.prefix", "my-app-2")]
    [InlineData("resourceServer.identifier", "https://api.example.com/v1")]
    [InlineData("resourceServer.name", "MyApp API_v1+=,.@-")]
    public void TextSetting_Should_Load_When_MatchingPattern(string path, string value)
    {
        // Act
        var settings = Load(Set(path, value));

        // Assert
        Assert.Equal(value, Get(settings, path));
    }

    [Theory]
    [InlineData("domain.prefix", 63)]
    [InlineData("resourceServer.identifier", 256)]
    [InlineData("resourceServer.name", 256)]
    public void TextSetting_Should_Load_When_AtMaximumLength(string path, int length)
    {
        // Arrange
        var value = new string('a', length);

        // Act
        var settings = Load(Set(path, value));

        // Assert
        Assert.Equal(value, Get(settings, path));
    }

    [Theory]
    [InlineData("domain.prefix", 64, DomainPrefixRule)]
    [InlineData("userPool.groups[0].name", 129, GroupNameRule)]
    [InlineData("userPool.groups[0].description", 2049, "use at most 2048 characters")]
    [InlineData("resourceServer.identifier", 257, IdentifierRule)]
    [InlineData("resourceServer.name", 257, ResourceServerNameRule)]
    [InlineData("resourceServer.scopes[0].name", 257, ScopeNameRule)]
    [InlineData("resourceServer.scopes[0].description", 257, "use 1-256 characters")]
    public void TextSetting_Should_Fail_When_OneOverMaximumLength(string path, int length, string allowed)
    {
        // Arrange
        var value = new string('a', length);

        // Act
        var message = Error(Set(path, value));

        // Assert
        Assert.Equal(Invalid(path, Received(value), allowed), message);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Editors_+=,.@-")]
    [InlineData("Ünïcødé-группа")]
    public void GroupName_Should_Load_When_MatchingPattern(string name)
    {
        // Act
        var settings = Load(Set("userPool.groups[2]", new { name, precedence = 20 }));

        // Assert
        Assert.Equal(name, settings.UserPool.Groups[2].Name);
    }

    [Fact]
    public void GroupName_Should_Load_When_128Characters()
    {
        // Arrange
        var name = new string('g', 128);

        // Act
        var settings = Load(Set("userPool.groups[2]", new { name, precedence = 20 }));

        // Assert
        Assert.Equal(name, settings.UserPool.Groups[2].Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2048)]
    public void GroupDescription_Should_Load_When_WithinMaximumLength(int length)
    {
        // Arrange
        var description = new string('d', length);

        // Act
        var settings = Load(Set("userPool.groups[0].description", description));

        // Assert
        Assert.Equal(description, settings.UserPool.Groups[0].Description);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("items.admin-all")]
    [InlineData("https:example")]
    public void ScopeName_Should_Load_When_MatchingPattern(string name)
    {
        // Act
        var settings = Load(Set("resourceServer.scopes[2]", new { name, description = "Extra" }));

        // Assert
        Assert.Equal(name, settings.ResourceServer.Scopes[2].Name);
    }

    [Fact]
    public void ScopeName_Should_Load_When_256Characters()
    {
        // Arrange
        var name = new string('s', 256);

        // Act
        var settings = Load(Set("resourceServer.scopes[2]", new { name, description = "Extra" }));

        // Assert
        Assert.Equal(name, settings.ResourceServer.Scopes[2].Name);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(256)]
    public void ScopeDescription_Should_Load_When_AtALengthLimit(int length)
    {
        // Arrange
        var description = new string('d', length);

        // Act
        var settings = Load(Set("resourceServer.scopes[0].description", description));

        // Assert
        Assert.Equal(description, settings.ResourceServer.Scopes[0].Description);
    }

    [Theory]
    [InlineData("account", "123456789012")]
    [InlineData("domain.prefix", "42")]
    [InlineData("resourceServer.identifier", "true")]
    public void TextSetting_Should_Fail_When_NotAJsonString(string path, string json)
    {
        // Act
        var message = Error(SetJson(path, json));

        // Assert
        Assert.StartsWith($"{Key(path)} {json} is invalid: use ", message);
    }
}
