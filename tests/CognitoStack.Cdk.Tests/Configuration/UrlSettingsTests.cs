using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>webOrigins (CORS origins) and the app clients' callback and logout URLs.</summary>
public sealed class UrlSettingsTests
{
    private const string OriginRule =
        "use an origin such as https://app.example.com (scheme, host and optional port; no path, no wildcard; http only for localhost)";

    private const string RedirectUrlRule =
        "use an absolute https URL without a fragment (http only for localhost), at most 1024 characters";

    [Theory]
    [InlineData("http://app.example.com")]
    [InlineData("https://app.example.com/path")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://*.example.com")]
    [InlineData("*")]
    [InlineData("app.example.com")]
    [InlineData("ftp://app.example.com")]
    [InlineData("https://app.example.com?x=1")]
    public void WebOrigin_Should_FailNamingIndexValueAndRule_When_NotAnHttpsOrLocalhostOrigin(string origin)
    {
        // Act
        var message = Error(Set("webOrigins[1]", origin));

        // Assert
        Assert.Equal(Invalid("webOrigins[1]", Received(origin), OriginRule), message);
    }

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("https://app.example.com:8443")]
    [InlineData("http://localhost")]
    [InlineData("http://localhost:4200")]
    public void WebOrigin_Should_Load_When_AnHttpsOrLocalhostOrigin(string origin)
    {
        // Act
        var settings = Load(Set("webOrigins", new[] { origin }));

        // Assert
        Assert.Equal([origin], settings.WebOrigins);
    }

    [Fact]
    public void WebOrigins_Should_FailNamingTheSecondEntry_When_AnOriginAppearsTwice()
    {
        // Act
        var message = Error(Set("webOrigins", new[] { "https://app.example.com", "https://app.example.com" }));

        // Assert
        Assert.Equal(Invalid("webOrigins[1]", "\"https://app.example.com\"", "each value may appear only once"), message);
    }

    [Theory]
    [InlineData("clients.callbackUrls")]
    [InlineData("clients.logoutUrls")]
    public void RedirectUrls_Should_FailNamingTheSecondEntry_When_AUrlAppearsTwice(string path)
    {
        // Act
        var message = Error(Set(path, new[] { "https://app.example.com/a", "https://app.example.com/a" }));

        // Assert
        Assert.Equal(Invalid($"{path}[1]", "\"https://app.example.com/a\"", "each value may appear only once"), message);
    }

    [Theory]
    [InlineData("clients.callbackUrls", "http://example.com/callback")]
    [InlineData("clients.callbackUrls", "https://app.example.com/callback#done")]
    [InlineData("clients.callbackUrls", "https://app.example.com/callback#")]
    [InlineData("clients.callbackUrls", "/callback")]
    [InlineData("clients.callbackUrls", "callback")]
    [InlineData("clients.callbackUrls", "file:///callback")]
    [InlineData("clients.callbackUrls", "myapp://callback")]
    [InlineData("clients.logoutUrls", "http://example.com/")]
    [InlineData("clients.logoutUrls", "https://app.example.com/#signed-out")]
    [InlineData("clients.logoutUrls", "/signed-out")]
    public void RedirectUrl_Should_FailNamingIndexValueAndRule_When_NotAnAbsoluteHttpsUrlWithoutFragment(string path, string url)
    {
        // Act
        var message = Error(Set($"{path}[0]", url));

        // Assert
        Assert.Equal(Invalid($"{path}[0]", Received(url), RedirectUrlRule), message);
    }

    [Theory]
    [InlineData("clients.callbackUrls", "https://app.example.com/callback")]
    [InlineData("clients.callbackUrls", "http://localhost:3000/callback")]
    [InlineData("clients.logoutUrls", "https://app.example.com/")]
    [InlineData("clients.logoutUrls", "http://localhost/")]
    public void RedirectUrl_Should_Load_When_AnAbsoluteHttpsOrLocalhostUrl(string path, string url)
    {
        // Act
        var settings = Load(Set(path, new[] { url }));

        // Assert
        Assert.Equal([url], Get<IReadOnlyList<string>>(settings, path));
    }

    [Theory]
    [InlineData("clients.callbackUrls")]
    [InlineData("clients.logoutUrls")]
    public void RedirectUrl_Should_Load_When_1024Characters(string path)
    {
        // Arrange
        var url = LongUrl(1024);

        // Act
        var settings = Load(Set(path, new[] { url }));

        // Assert
        Assert.Equal([url], Get<IReadOnlyList<string>>(settings, path));
    }

    [Theory]
    [InlineData("clients.callbackUrls")]
    [InlineData("clients.logoutUrls")]
    public void RedirectUrl_Should_Fail_When_1025Characters(string path)
    {
        // Arrange
        var url = LongUrl(1025);

        // Act
        var message = Error(Set(path, new[] { url }));

        // Assert
        Assert.Equal(Invalid($"{path}[0]", Received(url), RedirectUrlRule), message);
    }

    [Theory]
    [InlineData("webOrigins", 0, "use a list of 1 to 20 entries")]
    [InlineData("webOrigins", 21, "use a list of 1 to 20 entries")]
    [InlineData("clients.callbackUrls", 0, "use a list of 1 to 100 entries")]
    [InlineData("clients.callbackUrls", 101, "use a list of 1 to 100 entries")]
    [InlineData("clients.logoutUrls", 0, "use a list of 1 to 100 entries")]
    [InlineData("clients.logoutUrls", 101, "use a list of 1 to 100 entries")]
    public void UrlList_Should_FailNamingCountAndRange_When_OneOutsideACountLimit(string path, int count, string allowed)
    {
        // Act
        var message = Error(Set(path, Many(count, "https://app{0}.example.com")));

        // Assert
        Assert.Equal(Invalid(path, $"(a list of {count})", allowed), message);
    }

    [Theory]
    [InlineData("webOrigins", 1)]
    [InlineData("webOrigins", 20)]
    [InlineData("clients.callbackUrls", 1)]
    [InlineData("clients.callbackUrls", 100)]
    [InlineData("clients.logoutUrls", 1)]
    [InlineData("clients.logoutUrls", 100)]
    public void UrlList_Should_Load_When_AtACountLimit(string path, int count)
    {
        // Arrange
        var urls = Many(count, "https://app{0}.example.com");

        // Act
        var settings = Load(Set(path, urls));

        // Assert
        Assert.Equal(urls, Get<IReadOnlyList<string>>(settings, path));
    }

    [Theory]
    [InlineData("webOrigins", OriginRule)]
    [InlineData("clients.callbackUrls", RedirectUrlRule)]
    public void UrlList_Should_Fail_When_AnEntryIsNotAString(string path, string allowed)
    {
        // Act
        var message = Error(Set(path, new object[] { 42 }));

        // Assert
        Assert.Equal(Invalid($"{path}[0]", "42", allowed), message);
    }

    private static string LongUrl(int length)
    {
        const string Start = "https://app.example.com/";
        return Start + new string('a', length - Start.Length);
    }
}
