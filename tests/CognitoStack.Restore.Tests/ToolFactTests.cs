using CognitoStack.Tests.Shared;

namespace CognitoStack.Restore.Tests;

// When a test that needs a tool beyond the README's prerequisites runs, is skipped, or must fail.
public sealed class ToolFactTests
{
    private static readonly string Bin = Path.GetDirectoryName(Environment.ProcessPath)!;

    [Fact]
    public void Test_Should_BeSkippedWithTheReason_When_TheToolIsMissingOutsideCi()
    {
        var reason = ToolFactAttribute.SkipReason("no-such-tool-here", "apt-get install it", Variables(ci: null, path: Bin));

        Assert.Equal("no-such-tool-here is not installed (apt-get install it); CI installs it and runs this test", reason);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void Test_Should_Run_When_TheToolIsMissingInCi(string ci)
    {
        Assert.Null(ToolFactAttribute.SkipReason("no-such-tool-here", "apt-get install it", Variables(ci, path: Bin)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void Test_Should_Run_When_TheToolIsOnPath(string? ci)
    {
        var tool = Path.GetFileName(Environment.ProcessPath)!;

        Assert.Null(ToolFactAttribute.SkipReason(tool, "apt-get install it", Variables(ci, path: $"/nonexistent{Path.PathSeparator}{Bin}")));
    }

    [Fact]
    public void Test_Should_BeSkipped_When_CiIsSetToAnythingButTrue()
    {
        Assert.NotNull(ToolFactAttribute.SkipReason("no-such-tool-here", "apt-get install it", Variables("1", path: Bin)));
    }

    private static Func<string, string?> Variables(string? ci, string path) =>
        name => name switch { "CI" => ci, "PATH" => path, _ => null };
}
