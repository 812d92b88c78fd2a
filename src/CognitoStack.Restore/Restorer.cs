using System.Globalization;
using System.Text;
using CognitoStack.Restore.Export;
using CognitoStack.Restore.Import;

namespace CognitoStack.Restore;

/// <summary>What a restore run is given.</summary>
internal sealed record RestoreOptions
{
    /// <summary>The export's objects, copied with <c>aws s3 cp --recursive</c>.</summary>
    public required string ExportDirectory { get; init; }

    /// <summary>The target pool's <c>get-csv-header</c> output (JSON) or a CSV whose first line is the header.</summary>
    public required string HeaderFile { get; init; }

    /// <summary>Where the import files go; must not exist yet, or be empty.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The target pool's MFA configuration.</summary>
    public required PoolMfa Mfa { get; init; }

    /// <summary>Import values starting with = + - @ as they are. Default false: refused.</summary>
    public bool AllowFormulaLikeValues { get; init; }

    /// <summary>Attributes the target pool lacks, left out on purpose. Default none.</summary>
    public IReadOnlySet<string> DropAttributes { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Users per CSV file: an import job takes at most 500,000 rows.</summary>
    public int MaxUsersPerFile { get; init; } = 500_000;

    /// <summary>Bytes per CSV file: an import job takes at most 100 MB (counted as 10^8 bytes, the smaller reading).</summary>
    public long MaxBytesPerFile { get; init; } = 100_000_000;
}

/// <summary>What a restore run wrote.</summary>
internal sealed record RestoreSummary(
    string UserPoolId,
    string StartedAt,
    long Users,
    IReadOnlyList<string> CsvFiles,
    long Memberships,
    long Federated,
    long Unverified,
    long Disabled);

/// <summary>
/// Verifies an export completely, then writes the import CSV files (split at an import job's limits), the
/// group memberships and the scripts that replay them and the disabled flags. Files go to a temporary
/// directory beside the output first and are moved into place only when all are written.
/// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool.html
/// </summary>
internal static class Restorer
{
    /// <summary>Runs the restore.</summary>
    /// <exception cref="RestoreException">The first problem; nothing is left in the output directory then.</exception>
    public static RestoreSummary Run(RestoreOptions options)
    {
        var header = CsvHeader.Read(options.HeaderFile);
        var rows = new ImportRows(header, options.Mfa, options.AllowFormulaLikeValues, options.DropAttributes);
        CheckOutputDirectory(options.OutputDirectory);

        // Every check, on every user, before a byte is written.
        var export = VerifiedExport.Open(options.ExportDirectory, line => rows.Build(line, out _));

        var full = Path.GetFullPath(options.OutputDirectory);
        var staging = $"{full.TrimEnd(Path.DirectorySeparatorChar)}.partial-{Environment.ProcessId}";
        Directory.CreateDirectory(staging);
        try
        {
            var summary = Write(export, rows, options, staging);
            if (Directory.Exists(full))
            {
                Directory.Delete(full);
            }

            Directory.Move(staging, full);
            return summary;
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static void CheckOutputDirectory(string path)
    {
        if (File.Exists(path) || Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new RestoreException($"output directory \"{path}\" exists and is not empty: choose a new one");
        }
    }

    private static RestoreSummary Write(VerifiedExport export, ImportRows rows, RestoreOptions options, string directory)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var csvFiles = new List<string>();
        var headerBytes = utf8.GetByteCount(rows.HeaderLine) + 1;
        StreamWriter? csv = null;
        long inFile = 0, bytesInFile = 0, users = 0, memberships = 0;
        var federated = new List<string>();
        var unverified = new List<string>();
        var disabled = new List<string>();

        using var groups = new StreamWriter(Path.Combine(directory, "group-memberships.tsv"), false, utf8) { NewLine = "\n" };
        groups.WriteLine("username\tgroup");
        using var replay = new StreamWriter(Path.Combine(directory, "replay-groups.sh"), false, utf8) { NewLine = "\n" };
        WriteReplayStart(replay, export);

        try
        {
            foreach (var line in export.Users())
            {
                foreach (var group in line.User.Groups!)
                {
                    groups.WriteLine($"{line.User.Username}\t{group}");
                    replay.WriteLine($"add {ShellQuote(line.User.Username!)} {ShellQuote(group)}");
                    memberships++;
                }

                var row = rows.Build(line, out var verified);
                if (row is null)
                {
                    federated.Add(line.User.Username!);
                    continue;
                }

                var rowBytes = utf8.GetByteCount(row) + 1;
                if (csv is null || inFile == options.MaxUsersPerFile || bytesInFile + rowBytes > options.MaxBytesPerFile)
                {
                    csv?.Dispose();
                    var name = $"users-{csvFiles.Count + 1:000}.csv";
                    csvFiles.Add(name);
                    csv = new StreamWriter(Path.Combine(directory, name), false, utf8) { NewLine = "\n" };
                    csv.WriteLine(rows.HeaderLine);
                    inFile = 0;
                    bytesInFile = headerBytes;
                }

                csv.WriteLine(row);
                inFile++;
                bytesInFile += rowBytes;
                users++;
                if (!verified)
                {
                    unverified.Add(line.User.Username!);
                }

                if (line.User.Enabled == false)
                {
                    disabled.Add(line.User.Username!);
                }
            }
        }
        finally
        {
            csv?.Dispose();
        }

        replay.WriteLine($"echo \"replayed $((TOTAL - failed)) of $TOTAL memberships; $failed failed\"");
        replay.WriteLine("[ \"$failed\" -eq 0 ]");
        replay.Flush();
        ReplaceTotal(Path.Combine(directory, "replay-groups.sh"), memberships);
        WriteDisableScript(directory, export, disabled, utf8);
        WriteList(directory, "federated-users.txt", federated, utf8);
        WriteList(directory, "unverified-users.txt", unverified, utf8);
        WriteList(directory, "disabled-users.txt", disabled, utf8);
        return new RestoreSummary(export.UserPoolId, export.StartedAt, users, csvFiles, memberships, federated.Count, unverified.Count, disabled.Count);
    }

    private static void WriteReplayStart(StreamWriter replay, VerifiedExport export)
    {
        replay.WriteLine("#!/usr/bin/env bash");
        replay.WriteLine($"# Generated by CognitoStack.Restore from the export of {export.UserPoolId} started {export.StartedAt}.");
        replay.WriteLine("# Replays every group membership into the target pool; run it after the import job has finished.");
        replay.WriteLine("# Usage: bash replay-groups.sh <target user pool id>   (region: AWS_REGION or the CLI's configuration)");
        replay.WriteLine("set -uo pipefail");
        replay.WriteLine("POOL=\"${1:?usage: replay-groups.sh <target user pool id>}\"");
        replay.WriteLine("TOTAL=__TOTAL__");
        replay.WriteLine("failed=0");
        foreach (var group in export.Manifest.Groups!.Keys.Order(StringComparer.Ordinal))
        {
            replay.WriteLine($"aws cognito-idp get-group --user-pool-id \"$POOL\" --group-name {ShellQuote(group)} >/dev/null ||");
            replay.WriteLine($"  {{ echo \"group {group} does not exist in $POOL: declare it in cdk.json (userPool.groups) and deploy first\" >&2; exit 1; }}");
        }

        replay.WriteLine("add() {");
        replay.WriteLine("  aws cognito-idp admin-add-user-to-group --user-pool-id \"$POOL\" --username \"$1\" --group-name \"$2\" >/dev/null ||");
        replay.WriteLine("    { failed=$((failed + 1)); echo \"FAILED: $1 -> $2\" >&2; }");
        replay.WriteLine("}");
    }

    private static void ReplaceTotal(string path, long memberships)
    {
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("TOTAL=__TOTAL__", $"TOTAL={memberships.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal), new UTF8Encoding(false));
    }

    private static void WriteDisableScript(string directory, VerifiedExport export, List<string> disabled, Encoding encoding)
    {
        if (disabled.Count == 0)
        {
            return;
        }

        using var script = new StreamWriter(Path.Combine(directory, "disable-users.sh"), false, encoding) { NewLine = "\n" };
        script.WriteLine("#!/usr/bin/env bash");
        script.WriteLine($"# Generated by CognitoStack.Restore from the export of {export.UserPoolId} started {export.StartedAt}.");
        script.WriteLine("# Disables again the users that were disabled in the exported pool (an import creates every user enabled).");
        script.WriteLine("# Usage: bash disable-users.sh <target user pool id>");
        script.WriteLine("set -euo pipefail");
        script.WriteLine("POOL=\"${1:?usage: disable-users.sh <target user pool id>}\"");
        foreach (var username in disabled)
        {
            script.WriteLine($"aws cognito-idp admin-disable-user --user-pool-id \"$POOL\" --username {ShellQuote(username)}");
        }

        script.WriteLine($"echo \"disabled {disabled.Count} users\"");
    }

    private static void WriteList(string directory, string name, List<string> usernames, Encoding encoding)
    {
        if (usernames.Count > 0)
        {
            File.WriteAllLines(Path.Combine(directory, name), usernames, encoding);
        }
    }

    /// <summary>Single-quoted for bash: nothing inside is expanded; a quote is closed, escaped and reopened.</summary>
    internal static string ShellQuote(string value) => $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
