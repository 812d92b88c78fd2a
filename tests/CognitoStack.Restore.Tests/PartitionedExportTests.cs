using System.Text.Json.Nodes;

namespace CognitoStack.Restore.Tests;

// Format 2 (issue #27): 16 sub-prefix partitions, each file in one. The restore checks the partitions cover every
// user exactly once and that each holds what the manifest says; format 1 (every other test here) still restores.
public sealed class PartitionedExportTests : IDisposable
{
    private readonly FakeExport _export = new() { Partitioned = true };

    public void Dispose() => _export.Dispose();

    private static JsonObject User(string name, string sub, params string[] groups)
    {
        var user = FakeExport.User(name, $"{name}@example.com", groups);
        user["sub"] = sub;
        user["attributes"]!["sub"] = sub;
        return user;
    }

    private FakeExport ThreeUsers() => _export
        .Add(User("ana", "0a1b2c3d-0000-4000-8000-000000000001", "admin"))
        .Add(User("bo", "0f1b2c3d-0000-4000-8000-000000000002"))
        .Add(User("cy", "f01b2c3d-0000-4000-8000-000000000003", "admin"));

    [Fact]
    public void Restore_Should_ReadEveryPartition_When_TheExportIsIntact()
    {
        ThreeUsers().Write();

        var summary = Restorer.Run(_export.Options());

        Assert.Equal(3, summary.Users);
        Assert.True(File.Exists(Path.Combine(_export.ExportDirectory, "users-0-00001.jsonl.gz")));
        Assert.True(File.Exists(Path.Combine(_export.ExportDirectory, "users-f-00001.jsonl.gz")));
    }

    [Fact]
    public void Restore_Should_Refuse_When_APartitionIsMissing()
    {
        ThreeUsers().Write();
        ((JsonArray)_export.Manifest["partitions"]!).RemoveAt(7);
        _export.WriteManifest();

        Assert.StartsWith("manifest.json partitions are invalid: expected each of the 16 sub prefixes 0 1 2 3 4 5 6 7 8 9 a b c d e f once", _export.Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_Should_Refuse_When_APartitionIsListedTwice()
    {
        ThreeUsers().Write();
        _export.Manifest["partitions"]![7]!["subPrefix"] = "6";
        _export.WriteManifest();

        Assert.StartsWith("manifest.json partitions are invalid", _export.Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_Should_Refuse_When_APartitionsCountDisagrees()
    {
        ThreeUsers().Write();
        _export.Manifest["partitions"]![15]!["users"] = 2;
        _export.WriteManifest();

        Assert.Equal("partition f holds 1 users in the export, the manifest says 2", _export.Refused());
    }

    [Fact]
    public void Restore_Should_Refuse_When_AUserIsOutsideItsFilesPartition()
    {
        _export.Add(User("ana", "0a1b2c3d-0000-4000-8000-000000000001")).Write();
        var line = _export.Files[0][0].Replace("\"sub\":\"0a1b", "\"sub\":\"1a1b", StringComparison.Ordinal);
        _export.Files[0][0] = line;
        _export.Partitioned = false;
        RewriteFile("users-0-00001.jsonl.gz", line);

        Assert.StartsWith("users-0-00001.jsonl.gz line 1: user \"ana\" has sub \"1a1b", _export.Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_Should_Refuse_When_AFilesPartitionDisagreesWithItsName()
    {
        ThreeUsers().Write();
        _export.Manifest["files"]![0]!["partition"] = "1";
        _export.WriteManifest();

        Assert.Contains("has partition \"1\": the partition its name says", _export.Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_Should_Refuse_When_AnUnpartitionedManifestListsPartitions()
    {
        ThreeUsers().Write();
        _export.Manifest["formatVersion"] = 1;
        _export.WriteManifest();

        Assert.Contains("formatVersion 1 has partitions", _export.Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_Should_StillReadAFormatOneExport_When_ItWasWrittenBeforeThePartitions()
    {
        // A committed export of format 1 (issue #19): users-00001.jsonl.gz, no partitions.
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "export-format-1")))
        {
            File.Copy(file, Path.Combine(_export.ExportDirectory, Path.GetFileName(file)));
        }

        var summary = Restorer.Run(_export.Options());

        Assert.Equal(2, summary.Users);
        Assert.Equal(["ana", "bo"], File.ReadAllLines(Path.Combine(_export.OutputDirectory, "users-001.csv")).Skip(1).Select(l => l.Split(',')[^1]));
    }

    // Rewrites a user file and its manifest entry, so only the content is wrong.
    private void RewriteFile(string name, string line)
    {
        var path = Path.Combine(_export.ExportDirectory, name);
        using (var stream = File.Create(path))
        using (var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.Optimal))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        }

        var bytes = File.ReadAllBytes(path);
        _export.Manifest["files"]![0]!["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        _export.Manifest["files"]![0]!["bytes"] = bytes.Length;
        _export.WriteManifest();
    }
}
