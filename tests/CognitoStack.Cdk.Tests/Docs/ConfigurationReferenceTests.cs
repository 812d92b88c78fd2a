using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Docs;

/// <summary>
/// docs/configuration.md is the reference generated from the settings model (run the tests with
/// <c>UPDATE_DOCS=1</c> to regenerate it), and every key the model reads has its one-line description.
/// </summary>
public sealed class ConfigurationReferenceTests
{
    [Fact]
    public void EveryKeyTheModelReads_Should_HaveADescription()
    {
        var undescribed = ConfigurationReference.Keys().Select(k => k.Key).Where(k => !SettingDescriptions.ByKey.ContainsKey(k)).ToList();

        Assert.True(undescribed.Count == 0,
            $"Describe these keys in tests/CognitoStack.Cdk.Tests/Docs/SettingDescriptions.cs: {string.Join(", ", undescribed)}");
    }

    [Fact]
    public void EveryDescription_Should_NameAKeyTheModelStillReads()
    {
        var read = ConfigurationReference.Keys().Select(k => k.Key).ToHashSet(StringComparer.Ordinal);

        var stale = SettingDescriptions.ByKey.Keys.Where(k => !read.Contains(k)).ToList();

        Assert.True(stale.Count == 0,
            $"No environment reads these described keys (removed, renamed, or only under an optional object no environment sets; "
            + $"add it to a test-only environment in Fixtures/test-environments.json): {string.Join(", ", stale)}");
    }

    [Fact]
    public void ConfigurationDoc_Should_BeTheGeneratedReference()
    {
        var committed = File.ReadAllText(ConfigurationReference.FilePath).ReplaceLineEndings("\n");
        var generated = ConfigurationReference.Generate(committed);
        if (System.Environment.GetEnvironmentVariable(ConfigurationReference.UpdateVariable) == "1")
        {
            File.WriteAllText(ConfigurationReference.FilePath, generated);
            return;
        }

        if (committed != generated)
        {
            Assert.Fail("docs/configuration.md differs from the reference generated from the settings model:\n"
                + Snapshot.Diff(committed, generated)
                + $"\nRun the tests with {ConfigurationReference.UpdateVariable}=1 to regenerate it, then review and commit it.");
        }
    }

    [Fact]
    public void Reference_Should_ShowTheRuleAndDefaultTheReaderChecks()
    {
        var table = ConfigurationReference.Table();

        Assert.Contains("| `backend.timeoutSeconds` | timeout of the backend function (API Gateway waits at most 29 s) | a whole number from 1 to 29 | 10 | `10` | `10` |", table, StringComparison.Ordinal);
        Assert.Contains("| `userPool.mfa` |", table, StringComparison.Ordinal);
        Assert.DoesNotContain("**undescribed**", table, StringComparison.Ordinal);
    }
}
