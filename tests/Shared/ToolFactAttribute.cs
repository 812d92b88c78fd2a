namespace CognitoStack.Tests.Shared;

/// <summary>
/// A fact that runs a command-line tool beyond the README's prerequisites (.NET SDK, Node.js and npm). Where the
/// tool is not on PATH the test is reported skipped, with the reason and the install command, so a newcomer's
/// <c>dotnet test CognitoStack.sln</c> passes. In CI (<c>CI=true</c>, which CI services set and <c>.ci/run</c>
/// installs the tools under) it always runs, and fails when the tool is missing: CI never skips it silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>Skips the test outside CI when <paramref name="tool"/> is not on PATH.</summary>
    /// <param name="tool">The command, e.g. <c>shellcheck</c>.</param>
    /// <param name="install">How to install it, for the skip reason, e.g. <c>apt-get install shellcheck</c>.</param>
    public ToolFactAttribute(string tool, string install)
    {
        Skip = SkipReason(tool, install, Environment.GetEnvironmentVariable);
    }

    /// <summary>Why the test is skipped, or null when it runs (the tool is there, or this is CI).</summary>
    public static string? SkipReason(string tool, string install, Func<string, string?> readVariable)
    {
        if (string.Equals(readVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) || IsOnPath(tool, readVariable("PATH")))
        {
            return null;
        }

        return $"{tool} is not installed ({install}); CI installs it and runs this test";
    }

    private static bool IsOnPath(string tool, string? path) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)) || (OperatingSystem.IsWindows() && File.Exists(Path.Combine(directory, tool + ".exe"))));
}

/// <summary>A theory that runs a command-line tool beyond the README's prerequisites; skipped as <see cref="ToolFactAttribute"/> is.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ToolTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips the theory outside CI when <paramref name="tool"/> is not on PATH.</summary>
    /// <param name="tool">The command, e.g. <c>aarch64-linux-gnu-gcc</c>.</param>
    /// <param name="install">How to install it, for the skip reason.</param>
    public ToolTheoryAttribute(string tool, string install)
    {
        Skip = ToolFactAttribute.SkipReason(tool, install, Environment.GetEnvironmentVariable);
    }
}
