using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.Restore.Import;
using CognitoStack.Tests.Credentials;
using CognitoStack.Tests.Emulators;
using CognitoStack.UserExport;

namespace CognitoStack.Restore.Tests;

/// <summary>
/// The restore, rehearsed end to end (issue #27): a pool on cognito-local is seeded (users with standard and custom
/// attributes, groups, disabled users), exported by the real export function (<see cref="UserExportFunction"/>, its
/// Lambda entry point, given the events its state machine sends: groups, each of the 16 partitions, finish; its AWS
/// calls go to cognito-local, which applies the partitions' <c>sub ^=</c> filter, and to a loopback S3), downloaded as
/// an operator would (ListObjectsV2 + GetObject), its manifest checked (format 2, each partition's count), verified and
/// turned into import files by the restore, replayed into a second pool, and the two pools compared user by user.
/// An export of format 1 (issue #19) is restored the same way.
/// AWS restores with a user import job (CreateUserImportJob, the CSV uploaded to its pre-signed URL, StartUserImportJob:
/// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool.html); cognito-local
/// has no import jobs, so the rehearsal replays each CSV row with AdminCreateUser, which sets the same attributes.
/// What differs, and is stated by the restore's summary: the new pool assigns new <c>sub</c> values and users come back
/// without passwords (RESET_REQUIRED after an import; FORCE_CHANGE_PASSWORD after AdminCreateUser here).
/// </summary>
public sealed class RestoreRehearsalTests(RestoreRehearsalTests.Emulator emulator) : IClassFixture<RestoreRehearsalTests.Emulator>, IDisposable
{
    private const int UserCount = 100;
    private const string Region = "eu-west-1";
    private const string BucketName = "rehearsal-exports";
    private static readonly string[] Groups = ["admin", "editors", "readers"];

    // Compared across pools: everything but what a new pool assigns itself.
    private static readonly HashSet<string> AssignedByThePool = new(StringComparer.Ordinal) { "sub", "updated_at" };

    private readonly string _root = Directory.CreateTempSubdirectory("restore-rehearsal-").FullName;
    private readonly LoopbackS3 _s3 = new(BucketName);
    private readonly CognitoLocal _cognito = emulator.Cognito;

    public void Dispose()
    {
        _s3.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Restore_Should_BringBackEveryUserAttributeGroupAndDisabledFlag_When_RehearsedOnCognitoLocal()
    {
        // Arrange: the pool that is lost.
        var source = await _cognito.CreatePoolAsync("rehearsal-source", Schema());
        await SeedAsync(source);
        var before = await UsersAsync(source);

        // Act: export, download, verify and convert, replay.
        var exportPrefix = Export(source);
        var exportDirectory = await DownloadAsync(exportPrefix);
        var target = await _cognito.CreatePoolAsync("rehearsal-target", Schema());
        var summary = await RestoreAsync(exportDirectory, target);

        // Assert: the manifest holds every partition and what it counted, the restore counted what was seeded, and
        // the pools hold the same users.
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(exportDirectory, UserExportFormat.ManifestName)))!;
        Assert.Equal(UserExportFormat.FormatVersion, manifest[UserExportFormat.Manifest.FormatVersion]!.GetValue<int>());
        Assert.Equal(
            ExportPartitions.All.Select(p => $"{p}={before.Values.Count(u => u.Sub.StartsWith(p, StringComparison.Ordinal))}"),
            manifest[UserExportFormat.Manifest.Partitions]!.AsArray()
                .Select(p => $"{p![UserExportFormat.Manifest.PartitionPrefix]}={p[UserExportFormat.Manifest.PartitionUsers]}"));
        Assert.Equal((UserCount, 74L, 10L, 0L, 0L), (summary.Users, summary.Memberships, summary.Disabled, summary.Federated, summary.Unverified));
        var after = await UsersAsync(target);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (username, user) in before)
        {
            var restored = after[username];
            Assert.Equal(user.Attributes, restored.Attributes);
            Assert.Equal(user.Enabled, restored.Enabled);
            Assert.Equal(user.Groups, restored.Groups);
            Assert.NotEqual(user.Sub, restored.Sub);
        }
    }

    [Fact]
    public async Task Restore_Should_BringBackAFormatOneExport_When_ItWasWrittenBeforeThePartitions()
    {
        // Arrange: a committed export of format 1 (issue #19: users-00001.jsonl.gz, no partitions), as downloaded.
        var exportDirectory = Directory.CreateDirectory(Path.Combine(_root, "export-format-1")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "export-format-1")))
        {
            File.Copy(file, Path.Combine(exportDirectory, Path.GetFileName(file)));
        }

        var target = await _cognito.CreatePoolAsync("rehearsal-format-1", Schema());

        // Act
        var summary = await RestoreAsync(exportDirectory, target);

        // Assert: the pool holds each exported user with its attributes, groups and enabled flag.
        Assert.Equal((2, 1L), (summary.Users, summary.Disabled));
        var restored = await UsersAsync(target);
        Assert.Equal(["ana", "bo"], restored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new PoolUser("email=ana@example.com\nemail_verified=true", true, "admin,users", restored["ana"].Sub), restored["ana"]);
        Assert.Equal(new PoolUser("email=bo@example.com", false, "users", restored["bo"].Sub), restored["bo"]);
    }

    // What an operator runs: the restore tool over the downloaded export, then the import (replayed here).
    private async Task<RestoreSummary> RestoreAsync(string exportDirectory, string pool)
    {
        var output = Path.Combine(_root, "import-" + pool);
        var summary = Restorer.Run(new RestoreOptions
        {
            ExportDirectory = exportDirectory,
            HeaderFile = await CsvHeaderAsync(pool),
            OutputDirectory = output,
            Mfa = PoolMfa.Off,
        });
        var groups = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(exportDirectory, UserExportFormat.ManifestName)))![UserExportFormat.Manifest.Groups]!
            .AsObject().Select(g => g.Key);
        await ReplayAsync(pool, summary, output, groups);
        return summary;
    }

    private static JsonObject Schema() => new()
    {
        ["Schema"] = new JsonArray(new JsonObject { ["Name"] = "tenant", ["AttributeDataType"] = "String", ["Mutable"] = true }),
    };

    // 100 users; readers: every second, editors: every fifth, admin: every 25th (74 memberships); every tenth from the
    // fourth on disabled (10).
    private async Task SeedAsync(string pool)
    {
        foreach (var group in Groups)
        {
            await _cognito.CallAsync("CreateGroup", new JsonObject { ["UserPoolId"] = pool, ["GroupName"] = group });
        }

        for (var i = 0; i < UserCount; i++)
        {
            var username = Username(i);
            var attributes = new JsonArray(
                Attribute("email", $"{username}@example.com"),
                Attribute("email_verified", "true"),
                Attribute("given_name", $"Given {i}"),
                Attribute("family_name", $"O'Family, {i}"),
                Attribute("custom:tenant", $"tenant-{i % 5}"));
            if (i % 3 == 0)
            {
                attributes.Add(Attribute("phone_number", $"+1555010{i:00}"));
                attributes.Add(Attribute("phone_number_verified", i % 2 == 0 ? "true" : "false"));
            }

            await CreateUserAsync(pool, username, attributes);
            foreach (var (group, every) in new[] { ("readers", 2), ("editors", 5), ("admin", 25) })
            {
                if (i % every == 0)
                {
                    await _cognito.CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = pool, ["Username"] = username, ["GroupName"] = group });
                }
            }

            if (i % 10 == 3)
            {
                await _cognito.CallAsync("AdminDisableUser", new JsonObject { ["UserPoolId"] = pool, ["Username"] = username });
            }
        }
    }

    private static string Username(int i) => $"user{i.ToString("000", CultureInfo.InvariantCulture)}";

    private static JsonObject Attribute(string name, string value) => new() { ["Name"] = name, ["Value"] = value };

    private Task<JsonElement> CreateUserAsync(string pool, string username, JsonArray attributes) =>
        _cognito.CallAsync("AdminCreateUser", new JsonObject
        {
            ["UserPoolId"] = pool,
            ["Username"] = username,
            ["MessageAction"] = "SUPPRESS",
            ["UserAttributes"] = attributes,
        });

    // The Lambda entry point, configured as the Backup stack configures it, run as its state machine runs it
    // (UserExportStateMachine): the groups step until it completes, each partition it lists until that completes,
    // the finish; every event carries the execution's start time. Every AWS call goes to the emulators.
    private string Export(string pool)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [UserExportFunction.RegionVariable] = Region,
            [EnvironmentVariables.UserPoolId] = pool,
            [EnvironmentVariables.ExportBucket] = BucketName,
            [EnvironmentVariables.MetricNamespace] = "CognitoStack/rehearsal",
            [EnvironmentVariables.TimeBudgetSeconds] = "780",
            [EnvironmentVariables.PartitionRequestsPerSecond] = "30",
            [EnvironmentVariables.ExportRequestsPerSecond] = "30",
        };
        using var http = new HttpClient(new ToEmulators(_cognito.Endpoint, _s3.Endpoint));
        using var log = new MemoryStream();
        var function = new UserExportFunction(name => variables.GetValueOrDefault(name), http, log,
            credentials: new TestCredentials(new AwsCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
        var startedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        var groups = RunStep(function, new JsonObject { [UserExportSteps.Step] = UserExportSteps.Groups, [UserExportSteps.StartedAt] = startedAt });
        var partitions = groups.GetProperty(UserExportSteps.Partitions).EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(ExportPartitions.All, partitions);
        foreach (var partition in partitions)
        {
            RunStep(function, new JsonObject
            {
                [UserExportSteps.Step] = UserExportSteps.PartitionStep,
                [UserExportSteps.StartedAt] = startedAt,
                [UserExportSteps.Partition] = partition,
            });
        }

        var finish = RunStep(function, new JsonObject { [UserExportSteps.Step] = UserExportSteps.Finish, [UserExportSteps.StartedAt] = startedAt });
        Assert.Equal(UserCount, finish.GetProperty("users").GetInt64());
        return finish.GetProperty("exportPrefix").GetString()!;
    }

    // One task of the state machine and its Choice: invoke again while the step returns "continued".
    private static JsonElement RunStep(UserExportFunction function, JsonObject step)
    {
        while (true)
        {
            using var output = function.Handle(new MemoryStream(Encoding.UTF8.GetBytes(step.ToJsonString())));
            var result = JsonDocument.Parse(output).RootElement.Clone();
            if (result.GetProperty(UserExportSteps.Status).GetString() == UserExportSteps.Completed)
            {
                return result;
            }

            Assert.Equal(UserExportSteps.Continued, result.GetProperty(UserExportSteps.Status).GetString());
        }
    }

    // What "aws s3 cp --recursive s3://bucket/<export prefix> <dir>" does: ListObjectsV2 pages, then GetObject each key.
    private async Task<string> DownloadAsync(string prefix)
    {
        var directory = Path.Combine(_root, "export");
        using var http = new HttpClient();
        string? token = null;
        XNamespace s3 = "http://s3.amazonaws.com/doc/2006-03-01/";
        do
        {
            var query = $"list-type=2&max-keys=2&prefix={Uri.EscapeDataString(prefix)}" + (token is null ? "" : $"&continuation-token={Uri.EscapeDataString(token)}");
            var page = XDocument.Parse(await http.GetStringAsync(new Uri(_s3.Endpoint, $"{BucketName}?{query}"))).Root!;
            foreach (var key in page.Elements(s3 + "Contents").Select(c => c.Element(s3 + "Key")!.Value))
            {
                var path = Path.Combine(directory, key[prefix.Length..]);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, await http.GetByteArrayAsync(new Uri(_s3.Endpoint, $"{BucketName}/{key}")));
            }

            token = page.Element(s3 + "NextContinuationToken")?.Value;
        }
        while (token is not null);

        Assert.True(File.Exists(Path.Combine(directory, UserExportFormat.ManifestName)));
        return directory;
    }

    // cognito-local has no GetCSVHeader: the documented header (FakeExport) plus the pool's custom attribute, in the
    // shape get-csv-header prints.
    private async Task<string> CsvHeaderAsync(string pool)
    {
        var path = Path.Combine(_root, $"header-{pool}.json");
        var header = new JsonArray([.. FakeExport.DocumentedHeader.Append("custom:tenant").Select(c => (JsonNode)c)]);
        await File.WriteAllTextAsync(path, new JsonObject { ["UserPoolId"] = pool, ["CSVHeader"] = header }.ToJsonString());
        return path;
    }

    // The import job's part (each CSV row a user with its non-empty columns as attributes), then the restore's own
    // files: the groups the manifest lists (created first, as the Identity stack declares them), the memberships and the
    // disabled users.
    private async Task ReplayAsync(string pool, RestoreSummary summary, string directory, IEnumerable<string> groups)
    {
        foreach (var file in summary.CsvFiles)
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(directory, file));
            foreach (var row in lines.Skip(1).Select(l => RoundTripTests.Parse(lines[0], l)))
            {
                var attributes = new JsonArray([.. row
                    .Where(c => c.Value.Length > 0 && !c.Key.StartsWith("cognito:", StringComparison.Ordinal) && !AssignedByThePool.Contains(c.Key))
                    .Select(c => (JsonNode)Attribute(c.Key, c.Value))]);
                await CreateUserAsync(pool, row["cognito:username"], attributes);
            }
        }

        foreach (var group in groups)
        {
            await _cognito.CallAsync("CreateGroup", new JsonObject { ["UserPoolId"] = pool, ["GroupName"] = group });
        }

        foreach (var line in (await File.ReadAllLinesAsync(Path.Combine(directory, "group-memberships.tsv"))).Skip(1))
        {
            var (username, group) = (line.Split('\t')[0], line.Split('\t')[1]);
            await _cognito.CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = pool, ["Username"] = username, ["GroupName"] = group });
        }

        foreach (var username in await File.ReadAllLinesAsync(Path.Combine(directory, "disabled-users.txt")))
        {
            await _cognito.CallAsync("AdminDisableUser", new JsonObject { ["UserPoolId"] = pool, ["Username"] = username });
        }
    }

    private async Task<Dictionary<string, PoolUser>> UsersAsync(string pool)
    {
        var users = new Dictionary<string, PoolUser>(StringComparer.Ordinal);
        var listed = await _cognito.CallAsync("ListUsers", new JsonObject { ["UserPoolId"] = pool });
        foreach (var user in listed.GetProperty("Users").EnumerateArray())
        {
            var username = user.GetProperty("Username").GetString()!;
            var attributes = user.GetProperty("Attributes").EnumerateArray()
                .ToDictionary(a => a.GetProperty("Name").GetString()!, a => a.GetProperty("Value").GetString()!, StringComparer.Ordinal);
            // The import CSV has a true/false value in each *_verified column for every user, so a flag the source
            // never set comes back "false": the same meaning.
            foreach (var flag in new[] { "email_verified", "phone_number_verified" })
            {
                if (attributes.GetValueOrDefault(flag) == "false")
                {
                    attributes.Remove(flag);
                }
            }

            var groups = (await _cognito.CallAsync("AdminListGroupsForUser", new JsonObject { ["UserPoolId"] = pool, ["Username"] = username }))
                .GetProperty("Groups").EnumerateArray().Select(g => g.GetProperty("GroupName").GetString()!).Order(StringComparer.Ordinal);
            users[username] = new PoolUser(
                string.Join('\n', attributes.Where(a => !AssignedByThePool.Contains(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")),
                user.GetProperty("Enabled").GetBoolean(),
                string.Join(',', groups),
                attributes["sub"]);
        }

        return users;
    }

    private sealed record PoolUser(string Attributes, bool Enabled, string Groups, string Sub);

    /// <summary>
    /// Sends what the export function addresses to AWS to the emulators: <c>cognito-idp.REGION.amazonaws.com</c> to
    /// cognito-local, <c>BUCKET.s3.REGION.amazonaws.com/KEY</c> to the loopback S3 (path-style). Anything else fails.
    /// </summary>
    private sealed class ToEmulators(Uri cognito, Uri s3) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.Host == $"cognito-idp.{Region}.amazonaws.com")
            {
                request.RequestUri = new Uri(cognito, uri.PathAndQuery);
            }
            else if (uri.Host == $"{BucketName}.s3.{Region}.amazonaws.com")
            {
                request.RequestUri = new Uri(s3, $"{BucketName}{uri.PathAndQuery}");
            }
            else
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden)
                {
                    Content = new StringContent($"the rehearsal sends nothing to {uri.Host}", Encoding.UTF8),
                });
            }

            request.Headers.Host = null;
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>One cognito-local for the class: each test creates pools of its own.</summary>
    public sealed class Emulator : IAsyncLifetime
    {
        public CognitoLocal Cognito { get; private set; } = null!;

        // cognito-local gives every new pool email usernames (its UserPoolDefaults) unless its configuration says otherwise.
        public async Task InitializeAsync() =>
            Cognito = await CognitoLocal.StartAsync(new JsonObject { ["UserPoolDefaults"] = new JsonObject { ["UsernameAttributes"] = new JsonArray() } });

        public async Task DisposeAsync() => await Cognito.DisposeAsync();
    }
}
