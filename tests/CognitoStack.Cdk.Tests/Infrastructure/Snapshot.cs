using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>
/// Committed template snapshots under tests/CognitoStack.Cdk.Tests/Snapshots/ENV/STACK.template.json.
/// Asset hashes are scrubbed so that a backend change alone does not touch them, and so is the hash in a
/// SnapStart function's version logical ID (<c>…CurrentVersion&lt;8 hex&gt;&lt;32 hex&gt;</c>), which the CDK derives
/// from the function's properties, its code's asset hash included. Run the tests with
/// <c>UPDATE_SNAPSHOTS=1</c> to accept the current templates.
/// </summary>
internal static partial class Snapshot
{
    public const string UpdateVariable = "UPDATE_SNAPSHOTS";

    public static string Directory => Path.Combine(Repository.Root, "tests", "CognitoStack.Cdk.Tests", "Snapshots");

    public static string PathOf(string environment, string stackId) =>
        Path.Combine(Directory, environment, $"{stackId}.template.json");

    /// <summary>The template as committed: indented JSON with asset hashes replaced.</summary>
    public static string Normalize(string templateJson)
    {
        var node = JsonNode.Parse(templateJson)!;
        var text = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n");
        text = VersionHash().Replace(text, "$1VERSION_HASH");
        return AssetHash().Replace(text, "ASSET_HASH") + "\n";
    }

    /// <summary>Compares with the committed snapshot, or writes it when <c>UPDATE_SNAPSHOTS=1</c>.</summary>
    public static void Verify(string environment, string stackId, string templateJson)
    {
        var actual = Normalize(templateJson);
        var path = PathOf(environment, stackId);
        if (System.Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path),
            $"No snapshot {Path.GetRelativePath(Repository.Root, path)}: run the tests with {UpdateVariable}=1 to create it, then review and commit it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"{environment}/{stackId} template differs from {Path.GetRelativePath(Repository.Root, path)}:\n"
                + Diff(expected, actual)
                + $"\nIf the change is intended, run the tests with {UpdateVariable}=1 and commit the snapshot with an explanation.");
        }
    }

    /// <summary>A short line diff: each differing line with its number, at most 40 lines.</summary>
    public static string Diff(string expected, string actual)
    {
        var before = expected.Split('\n');
        var after = actual.Split('\n');
        var lcs = LongestCommonSubsequence(before, after);
        var output = new StringBuilder();
        int i = 0, j = 0, shown = 0;
        while ((i < before.Length || j < after.Length) && shown < 40)
        {
            if (i < before.Length && j < after.Length && before[i] == after[j])
            {
                i++;
                j++;
            }
            else if (j < after.Length && (i == before.Length || lcs[i, j + 1] >= lcs[i + 1, j]))
            {
                output.Append(System.Globalization.CultureInfo.InvariantCulture, $"+ {j + 1,5}: {after[j]}\n");
                j++;
                shown++;
            }
            else
            {
                output.Append(System.Globalization.CultureInfo.InvariantCulture, $"- {i + 1,5}: {before[i]}\n");
                i++;
                shown++;
            }
        }

        return shown == 40 ? output.Append("… (more differences)\n").ToString() : output.ToString();
    }

    private static int[,] LongestCommonSubsequence(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                table[i, j] = a[i] == b[j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
            }
        }

        return table;
    }

    /// <summary>The configuration hash the CDK appends to a function's current version logical ID.</summary>
    [GeneratedRegex("(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}")]
    private static partial Regex VersionHash();

    /// <summary>64 hex characters: the asset hashes in S3 keys and asset paths.</summary>
    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex AssetHash();
}
