using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CognitoStack.Restore.Tests;

/// <summary>
/// Writes an export directory in the exporter's format (gzip JSON Lines user files, manifest.json last),
/// as <c>aws s3 cp --recursive</c> leaves it, plus a scratch directory for the output. Tests change what
/// they need before or after <see cref="Write"/>.
/// </summary>
internal sealed class FakeExport : IDisposable
{
    public const string PoolId = "eu-west-1_AbCdEf123";
    public const string StartedAt = "20260102T030405Z";

    private readonly Dictionary<string, long> _groups = new(StringComparer.Ordinal);

    public FakeExport()
    {
        Root = Directory.CreateTempSubdirectory("restore-tests-").FullName;
        ExportDirectory = Path.Combine(Root, "export");
        Directory.CreateDirectory(ExportDirectory);
        OutputDirectory = Path.Combine(Root, "out");
        HeaderFile = Path.Combine(Root, "header.json");
        File.WriteAllText(HeaderFile, new JsonObject { ["CSVHeader"] = new JsonArray([.. DocumentedHeader.Select(c => (JsonNode)c)]), ["UserPoolId"] = "eu-west-1_New" }.ToJsonString());
    }

    /// <summary>The header of AWS's sample get-csv-header response, in its order
    /// (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool-csv-header.html).</summary>
    public static readonly string[] DocumentedHeader =
    [
        "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website",
        "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified",
        "address", "updated_at", "cognito:mfa_enabled", "cognito:username",
    ];

    public string Root { get; }

    public string ExportDirectory { get; }

    public string OutputDirectory { get; }

    public string HeaderFile { get; }

    /// <summary>User files: each a list of JSON lines (raw text, so a test can break one).</summary>
    public List<List<string>> Files { get; } = [[]];

    /// <summary>The manifest written by <see cref="Write"/>; change it afterwards with <see cref="WriteManifest"/>.</summary>
    public JsonObject Manifest { get; private set; } = [];

    public static JsonObject User(string username, string email, params string[] groups) => new()
    {
        ["username"] = username,
        ["sub"] = Guid.NewGuid().ToString(),
        ["status"] = "CONFIRMED",
        ["enabled"] = true,
        ["created"] = "2026-01-02T03:04:05Z",
        ["lastModified"] = "2026-01-02T03:04:05Z",
        ["attributes"] = new JsonObject { ["email"] = email, ["email_verified"] = "true" },
        ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)g)]),
    };

    public FakeExport Add(JsonObject user, int file = 0)
    {
        while (Files.Count <= file)
        {
            Files.Add([]);
        }

        Files[file].Add(user.ToJsonString());
        foreach (var group in (JsonArray)user["groups"]!)
        {
            _groups[(string)group!] = _groups.GetValueOrDefault((string)group!) + 1;
        }

        return this;
    }

    /// <summary>Writes format 2 (issue #27): one file per sub prefix that has users, every partition in the manifest.</summary>
    public bool Partitioned { get; set; }

    /// <summary>Writes the user files and a manifest that matches them.</summary>
    public FakeExport Write()
    {
        var files = new JsonArray();
        long users = 0;
        var partitionOf = new List<string?>();
        if (Partitioned)
        {
            var lines = Files.SelectMany(f => f).GroupBy(l => ((string)JsonNode.Parse(l)!["sub"]!)[..1]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            Files.Clear();
            Files.AddRange(lines.Select(g => g.ToList()));
            partitionOf.AddRange(lines.Select(g => g.Key));
        }

        for (var i = 0; i < Files.Count; i++)
        {
            var name = Partitioned ? $"users-{partitionOf[i]}-00001.jsonl.gz" : $"users-{i + 1:00000}.jsonl.gz";
            var path = Path.Combine(ExportDirectory, name);
            using (var stream = File.Create(path))
            using (var gzip = new GZipStream(stream, CompressionLevel.Optimal))
            {
                foreach (var line in Files[i])
                {
                    gzip.Write(Encoding.UTF8.GetBytes(line + "\n"));
                }
            }

            var bytes = File.ReadAllBytes(path);
            files.Add(new JsonObject
            {
                ["key"] = $"exports/{PoolId}/{StartedAt}/{name}",
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                ["bytes"] = bytes.Length,
                ["users"] = Files[i].Count,
            });
            if (Partitioned)
            {
                files[^1]!["partition"] = partitionOf[i];
            }

            users += Files[i].Count;
        }

        Manifest = new JsonObject
        {
            ["formatVersion"] = 1,
            ["userPoolId"] = PoolId,
            ["region"] = "eu-west-1",
            ["startedAt"] = StartedAt,
            ["finishedAt"] = "20260102T030500Z",
            ["userCount"] = users,
            ["groups"] = new JsonObject([.. _groups.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Value))]),
            ["files"] = files,
        };
        if (Partitioned)
        {
            Manifest["formatVersion"] = 2;
            Manifest["partitions"] = new JsonArray([.. Enumerable.Range(0, 16).Select(p => p.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Select(p => (JsonNode)new JsonObject
            {
                ["subPrefix"] = p,
                ["users"] = partitionOf.IndexOf(p) is var at and >= 0 ? Files[at].Count : 0,
            })]);
        }

        WriteManifest();
        return this;
    }

    public void WriteManifest() => File.WriteAllText(Path.Combine(ExportDirectory, "manifest.json"), Manifest.ToJsonString());

    public RestoreOptions Options(Import.PoolMfa mfa = Import.PoolMfa.Optional) => new()
    {
        ExportDirectory = ExportDirectory,
        HeaderFile = HeaderFile,
        OutputDirectory = OutputDirectory,
        Mfa = mfa,
    };

    /// <summary>Runs the restore and returns the one-line error, asserting nothing was written.</summary>
    public string Refused(RestoreOptions? options = null)
    {
        var error = Assert.Throws<RestoreException>(() => Restorer.Run(options ?? Options()));
        Assert.False(Directory.Exists(OutputDirectory), "the output directory was created");
        Assert.Empty(Directory.GetDirectories(Root, "out.partial-*"));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
