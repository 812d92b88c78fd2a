using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>userPool.groups and resourceServer.scopes: counts, uniqueness and the entries the app needs.</summary>
public sealed class GroupAndScopeListTests
{
    private const string GroupsRequired =
        "include entries named \"admin\" and \"users\": the admin routes, the admin role and the default group need them";

    private const string ScopesRequired = "include entries named \"read\" and \"write\": GET /items and POST /items require them";

    [Theory]
    [InlineData(1)]
    [InlineData(26)]
    public void Groups_Should_FailNamingCountAndRange_When_OneOutsideACountLimit(int count)
    {
        // Act
        var message = Error(Set("userPool.groups", Groups(count)));

        // Assert
        Assert.Equal(Invalid("userPool.groups", $"(a list of {count})", "use a list of 2 to 25 entries"), message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(25)]
    public void Groups_Should_Load_When_AtACountLimit(int count)
    {
        // Act
        var settings = Load(Set("userPool.groups", Groups(count)));

        // Assert
        Assert.Equal(count, settings.UserPool.Groups.Count);
    }

    [Fact]
    public void Groups_Should_FailNamingTheName_When_TwoEntriesShareAName()
    {
        // Act
        var message = Error(Set("userPool.groups[2]", new { name = "admin", precedence = 20 }));

        // Assert
        Assert.Equal(Invalid("userPool.groups", "(two entries with name \"admin\")", "each name may appear only once"), message);
    }

    [Fact]
    public void Groups_Should_FailNamingThePrecedence_When_TwoEntriesSharePrecedence()
    {
        // Act
        var message = Error(Set("userPool.groups[1].precedence", 0));

        // Assert
        Assert.Equal(Invalid("userPool.groups", "(two entries with precedence \"0\")", "each precedence may appear only once"), message);
    }

    [Theory]
    [InlineData(0, "admin")]
    [InlineData(1, "users")]
    public void Groups_Should_FailNamingTheMissingGroup_When_AdminOrUsersIsMissing(int index, string missing)
    {
        // Act
        var message = Error(Set($"userPool.groups[{index}].name", "editors"));

        // Assert
        Assert.Equal(Invalid("userPool.groups", $"(no entry named \"{missing}\")", GroupsRequired), message);
    }

    [Fact]
    public void Groups_Should_LoadWithoutDescription_When_DescriptionLeftOut()
    {
        // Act
        var settings = Load(Remove("userPool.groups[0].description"));

        // Assert
        Assert.Null(settings.UserPool.Groups[0].Description);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(101)]
    public void Scopes_Should_FailNamingCountAndRange_When_OneOutsideACountLimit(int count)
    {
        // Act
        var message = Error(Set("resourceServer.scopes", Scopes(count)));

        // Assert
        Assert.Equal(Invalid("resourceServer.scopes", $"(a list of {count})", "use a list of 2 to 100 entries"), message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(100)]
    public void Scopes_Should_Load_When_AtACountLimit(int count)
    {
        // Act
        var settings = Load(Set("resourceServer.scopes", Scopes(count)));

        // Assert
        Assert.Equal(count, settings.ResourceServer.Scopes.Count);
    }

    [Fact]
    public void Scopes_Should_FailNamingTheName_When_TwoScopesShareAName()
    {
        // Act
        var message = Error(Set("resourceServer.scopes[2]", new { name = "read", description = "Again" }));

        // Assert
        Assert.Equal(Invalid("resourceServer.scopes", "(two entries with name \"read\")", "each name may appear only once"), message);
    }

    [Theory]
    [InlineData(0, "read")]
    [InlineData(1, "write")]
    public void Scopes_Should_FailNamingTheMissingScope_When_ReadOrWriteIsMissing(int index, string missing)
    {
        // Act
        var message = Error(Set($"resourceServer.scopes[{index}].name", "delete"));

        // Assert
        Assert.Equal(Invalid("resourceServer.scopes", $"(no entry named \"{missing}\")", ScopesRequired), message);
    }

    [Fact]
    public void ResourceServerName_Should_BeTheIdentifier_When_LeftOut()
    {
        // Act
        var settings = Load(Remove("resourceServer.name"));

        // Assert
        Assert.Equal("myapp-api", settings.ResourceServer.Name);
    }

    /// <summary>admin and users, then editors2, editors3, … with distinct precedence.</summary>
    private static object[] Groups(int count) =>
        [.. Many(count, "editors{0}").Select((name, i) => new { name = i switch { 0 => "admin", 1 => "users", _ => name }, precedence = i })];

    /// <summary>read and write, then scope2, scope3, ….</summary>
    private static object[] Scopes(int count) =>
        [.. Many(count, "scope{0}").Select((name, i) => new { name = i switch { 0 => "read", 1 => "write", _ => name }, description = "A scope" })];
}
