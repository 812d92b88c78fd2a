using System.Text.Json.Nodes;

namespace CognitoStack.Restore.Tests;

// The manifest is checked against every byte before anything is written: each case below must end with one
// line naming what is wrong, and no output directory.
public sealed class TamperedExportTests : IDisposable
{
    private readonly FakeExport _export = new();

    public TamperedExportTests() =>
        _export.Add(FakeExport.User("alice", "alice@example.com", "admin"))
            .Add(FakeExport.User("bob", "bob@example.com", "users"), file: 1);

    public void Dispose() => _export.Dispose();

    [Fact]
    public void Restore_Should_Refuse_When_AFileWasChangedAfterTheExport()
    {
        _export.Write();
        var path = Path.Combine(_export.ExportDirectory, "users-00002.jsonl.gz");
        var bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        Assert.StartsWith("users-00002.jsonl.gz has SHA-256 ", _export.Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_Should_Refuse_When_TheManifestsHashWasEdited()
    {
        _export.Write();
        _export.Manifest["files"]![0]!["sha256"] = new string('0', 64);
        _export.WriteManifest();

        Assert.Contains("the manifest says 0000", _export.Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_Should_Refuse_When_AFileIsTruncated()
    {
        _export.Write();
        var path = Path.Combine(_export.ExportDirectory, "users-00001.jsonl.gz");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^3]);

        Assert.Matches("^users-00001.jsonl.gz has [0-9]+ bytes, the manifest says [0-9]+: the file is truncated or was changed$", _export.Refused());
    }

    [Fact]
    public void Restore_Should_Refuse_When_AFilesUserCountDisagrees()
    {
        _export.Write();
        _export.Manifest["files"]![1]!["users"] = 2;
        _export.WriteManifest();

        Assert.Equal("users-00002.jsonl.gz holds 1 users, the manifest says 2", _export.Refused());
    }

    [Fact]
    public void Restore_Should_Refuse_When_TheTotalUserCountDisagrees()
    {
        _export.Write();
        _export.Manifest["userCount"] = 3;
        _export.WriteManifest();

        Assert.Equal("the export holds 2 users, the manifest's userCount says 3", _export.Refused());
    }

    [Fact]
    public void Restore_Should_Refuse_When_AGroupCountDisagrees()
    {
        _export.Write();
        _export.Manifest["groups"]!["admin"] = 5;
        _export.WriteManifest();

        Assert.Equal("group \"admin\" has 1 members in the export, the manifest says 5", _export.Refused());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public void Restore_Should_Refuse_When_TheFormatVersionIsNeitherOneNorTwo(int version)
    {
        _export.Write();
        _export.Manifest["formatVersion"] = version;
        _export.WriteManifest();

        Assert.Equal($"manifest.json formatVersion \"{version}\" is not supported: this tool reads formatVersion 1 and 2", _export.Refused());
    }

    [Fact]
    public void Restore_Should_Refuse_When_TheManifestIsMissing()
    {
        _export.Write();
        File.Delete(Path.Combine(_export.ExportDirectory, "manifest.json"));

        Assert.StartsWith("manifest.json is missing in ", _export.Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_Should_Refuse_When_AListedFileIsMissing()
    {
        _export.Write();
        File.Delete(Path.Combine(_export.ExportDirectory, "users-00002.jsonl.gz"));

        Assert.StartsWith("users-00002.jsonl.gz is listed in manifest.json but missing in ", _export.Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_Should_Refuse_When_AFileIsNotInTheManifest()
    {
        _export.Write();
        var files = (JsonArray)_export.Manifest["files"]!;
        files.RemoveAt(1);
        _export.Manifest["userCount"] = 1;
        _export.Manifest["groups"] = new JsonObject { ["admin"] = 1 };
        _export.WriteManifest();

        Assert.StartsWith("users-00002.jsonl.gz is in ", _export.Refused(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("exports/eu-west-1_Other1/20260102T030405Z/users-00001.jsonl.gz")]
    [InlineData("exports/eu-west-1_AbCdEf123/20260102T030405Z/users-1.jsonl.gz")]
    public void Restore_Should_Refuse_When_AKeyIsNotAUserFileOfThisPool(string key)
    {
        _export.Write();
        _export.Manifest["files"]![0]!["key"] = key;
        _export.WriteManifest();

        Assert.StartsWith($"manifest.json files entry \"{key}\" is invalid", _export.Refused(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"formatVersion\":\"1\"}")]
    [InlineData("{\"formatVersion\":1,\"userPoolId\":\"not a pool\",\"startedAt\":\"x\",\"userCount\":0,\"groups\":{},\"files\":[]}")]
    [InlineData("{\"formatVersion\":1,\"userPoolId\":\"eu-west-1_AbCdEf123\",\"startedAt\":\"x\",\"userCount\":-1,\"groups\":{},\"files\":[]}")]
    public void Restore_Should_Refuse_When_TheManifestIsMalformed(string manifest)
    {
        _export.Write();
        File.WriteAllText(Path.Combine(_export.ExportDirectory, "manifest.json"), manifest);

        Assert.StartsWith("manifest.json ", _export.Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_Should_Refuse_When_TheSameUserIsExportedTwice()
    {
        _export.Add(FakeExport.User("alice", "other@example.com"), file: 1).Write();

        Assert.Equal("users-00002.jsonl.gz line 2: user \"alice\" appears twice in the export", _export.Refused());
    }

    [Fact]
    public void Restore_Should_Refuse_When_TheOutputDirectoryIsNotEmpty()
    {
        _export.Write();
        Directory.CreateDirectory(_export.OutputDirectory);
        File.WriteAllText(Path.Combine(_export.OutputDirectory, "keep.txt"), "x");

        var error = Assert.Throws<RestoreException>(() => Restorer.Run(_export.Options()));

        Assert.StartsWith("output directory ", error.Message, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(Path.Combine(_export.OutputDirectory, "keep.txt")));
    }
}
