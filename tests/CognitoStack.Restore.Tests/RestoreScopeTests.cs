namespace CognitoStack.Restore.Tests;

/// <summary>The restore's statement of what comes back: one screen, naming what AWS cannot restore.</summary>
public sealed class RestoreScopeTests
{
    [Fact]
    public void Screen_Should_FitOneTerminalScreen()
    {
        var lines = RestoreScope.Screen.Split('\n');

        Assert.InRange(lines.Length, 1, 24);
        Assert.All(lines, l => Assert.InRange(l.Length, 0, 120));
    }

    [Theory]
    [InlineData("passwords")]
    [InlineData("RESET_REQUIRED")]
    [InlineData("sub")]
    [InlineData("TOTP")]
    [InlineData("passkeys")]
    [InlineData("federated")]
    [InlineData("group memberships")]
    [InlineData("disabled")]
    [InlineData("10,000 users")]
    public void Screen_Should_Name(string subject)
    {
        Assert.Contains(subject, RestoreScope.Screen, StringComparison.Ordinal);
    }
}
