using System.Diagnostics;
using CognitoStack.Restore.Import;
using CognitoStack.Tests.Shared;

namespace CognitoStack.Restore.Tests;

// The generated scripts run against a stand-in `aws` that records its arguments: each membership is
// replayed with the user and group exactly as exported, whatever characters the user name holds.
public sealed class ReplayScriptTests : IDisposable
{
    private readonly FakeExport _export = new();

    public void Dispose() => _export.Dispose();

    [Fact]
    public void ReplayGroups_Should_AddEveryMembershipWithTheNamesAsExported()
    {
        // A federated user: the CSV would refuse the quote, but memberships are replayed for every user.
        var hostile = "o'brien$(touch${IFS}pwned)`id`;\"x\"";
        var federated = FakeExport.User(hostile, "ob@example.com", "users");
        federated["status"] = "EXTERNAL_PROVIDER";
        _export.Add(FakeExport.User("alice", "alice@example.com", "admin", "users")).Add(federated).Write();
        var summary = Restorer.Run(_export.Options());

        var (status, calls) = RunScript("replay-groups.sh", "eu-west-1_Target1");

        Assert.Equal(3, summary.Memberships);
        Assert.Equal(0, status);
        Assert.Contains("cognito-idp get-group --user-pool-id eu-west-1_Target1 --group-name admin", calls);
        Assert.Contains("cognito-idp admin-add-user-to-group --user-pool-id eu-west-1_Target1 --username alice --group-name admin", calls);
        Assert.Contains($"cognito-idp admin-add-user-to-group --user-pool-id eu-west-1_Target1 --username {hostile} --group-name users", calls);
        Assert.False(File.Exists(Path.Combine(_export.OutputDirectory, "pwned")));
        Assert.Equal(["username\tgroup", "alice\tadmin", "alice\tusers", $"{hostile}\tusers"],
            File.ReadAllLines(Path.Combine(_export.OutputDirectory, "group-memberships.tsv")));
    }

    [Fact]
    public void DisableUsers_Should_DisableExactlyTheUsersThatWereDisabled()
    {
        var bob = FakeExport.User("bob", "bob@example.com");
        bob["enabled"] = false;
        _export.Add(FakeExport.User("alice", "alice@example.com")).Add(bob).Write();
        var summary = Restorer.Run(_export.Options(PoolMfa.On));

        var (status, calls) = RunScript("disable-users.sh", "eu-west-1_Target1");

        Assert.Equal(1, summary.Disabled);
        Assert.Equal(0, status);
        Assert.Equal(["cognito-idp admin-disable-user --user-pool-id eu-west-1_Target1 --username bob"], calls);
    }

    // Like scripts/tests/run.sh: shellcheck is part of CI (.ci/run installs it). Elsewhere, without it, the test
    // is reported skipped with the reason; in CI a missing shellcheck fails it.
    [ToolFact("shellcheck", "apt-get install shellcheck, brew install shellcheck")]
    public void GeneratedScripts_Should_BeShellcheckClean()
    {
        var bob = FakeExport.User("bob", "bob@example.com", "admin", "users");
        bob["enabled"] = false;
        _export.Add(bob).Add(FakeExport.User("o'brien", "ob@example.com", "users")).Write();
        Restorer.Run(_export.Options());

        var start = new ProcessStartInfo("shellcheck", ["replay-groups.sh", "disable-users.sh"])
        {
            WorkingDirectory = _export.OutputDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            process = null;
        }

        Assert.True(process is not null, "shellcheck is not installed (apt-get install shellcheck): CI must run this test");
        using (process)
        {
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output);
        }
    }

    private (int Status, List<string> Calls) RunScript(string script, string pool)
    {
        var bin = Path.Combine(_export.Root, "bin");
        Directory.CreateDirectory(bin);
        var log = Path.Combine(_export.Root, "calls.log");
        var fake = Path.Combine(bin, "aws");
        File.WriteAllText(fake, "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >>\"$FAKE_AWS_LOG\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(_export.OutputDirectory, script), pool])
        {
            WorkingDirectory = _export.OutputDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["FAKE_AWS_LOG"] = log;
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, File.Exists(log) ? [.. File.ReadAllLines(log)] : []);
    }
}
