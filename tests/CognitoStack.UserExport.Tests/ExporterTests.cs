using System.Security.Cryptography;
using CognitoStack.Contract;
using CognitoStack.UserExport.Export;
using CognitoStack.UserExport.Tests.Helpers;

namespace CognitoStack.UserExport.Tests;

public class ExporterTests
{
    private const string Pool = "eu-west-1_AbCdEf123";
    private const string Prefix = "exports/eu-west-1_AbCdEf123/20260102T030405Z/";

    private static readonly Dictionary<string, Func<int, bool>> Groups = new()
    {
        ["admin"] = i => i % 50 == 0,
        ["users"] = i => i % 3 != 0,
        ["empty"] = _ => false,
    };

    private static Exporter Create(FakePool pool, FakeStore store, FakeContinuation continuation, ManualClock clock, TimeSpan? budget = null) =>
        new(pool, store, continuation, clock, new ExportOptions(Pool, "eu-west-1", budget ?? TimeSpan.FromMinutes(13), UsersPerFile: 100));

    [Fact]
    public async Task Export_Should_WriteFilesThenTheManifest_When_ThePoolFitsOneInvocation()
    {
        var (clock, store, continuation) = (new ManualClock(), new FakeStore(), new FakeContinuation());

        var outcome = await Create(new FakePool(250, Groups), store, continuation, clock).RunAsync(null, CancellationToken.None);

        Assert.True(outcome.Completed);
        Assert.Equal(250, outcome.Users);
        Assert.Empty(continuation.Requests);
        // Files end at the first page boundary past 100 users: 120, 120, 10.
        Assert.Equal([Prefix + "users-00001.jsonl.gz", Prefix + "users-00002.jsonl.gz", Prefix + "users-00003.jsonl.gz", Prefix + "manifest.json",
            "exports/eu-west-1_AbCdEf123/latest.json"], store.Puts);
        var manifest = store.Json(Prefix + UserExportFormat.ManifestName);
        Assert.Equal(1, manifest.GetProperty("formatVersion").GetInt32());
        Assert.Equal(Pool, manifest.GetProperty("userPoolId").GetString());
        Assert.Equal("eu-west-1", manifest.GetProperty("region").GetString());
        Assert.Equal("2026-01-02T03:04:05Z", manifest.GetProperty("startedAt").GetString());
        Assert.Equal(250, manifest.GetProperty("userCount").GetInt64());
        Assert.Equal(5, manifest.GetProperty("groups").GetProperty("admin").GetInt64());
        Assert.Equal(166, manifest.GetProperty("groups").GetProperty("users").GetInt64());
        Assert.Equal(0, manifest.GetProperty("groups").GetProperty("empty").GetInt64());
        foreach (var file in manifest.GetProperty("files").EnumerateArray())
        {
            var bytes = store.Objects[file.GetProperty("key").GetString()!];
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.GetProperty("sha256").GetString());
            Assert.Equal(bytes.Length, file.GetProperty("bytes").GetInt64());
            Assert.Equal(store.Lines(file.GetProperty("key").GetString()!).Count, file.GetProperty("users").GetInt64());
        }
    }

    [Fact]
    public async Task Export_Should_WriteEachUserLineInTheContractFormat()
    {
        var store = new FakeStore();

        await Create(new FakePool(60, Groups), store, new FakeContinuation(), new ManualClock()).RunAsync(null, CancellationToken.None);

        var lines = store.Lines(Prefix + "users-00001.jsonl.gz");
        Assert.Equal(60, lines.Count);
        var first = lines[0];
        Assert.Equal(
            """{"username":"user-000000","sub":"sub-0","status":"CONFIRMED","enabled":false,"created":"2026-01-02T03:04:05Z","lastModified":"2026-01-02T03:04:05Z","attributes":{"sub":"sub-0","email":"u0@example.com","email_verified":"true"},"groups":["admin"]}""",
            first.GetRawText());
        Assert.Equal(["users"], lines[1].GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Empty(lines[3].GetProperty("groups").EnumerateArray());
    }

    [Fact]
    public async Task Export_Should_CheckpointAndAskToContinue_When_TheTimeBudgetRunsOut()
    {
        var clock = new ManualClock();
        var (store, continuation) = (new FakeStore(), new FakeContinuation());
        // Every call takes 10 s; a 60 s budget stops after a few pages.
        var pool = new FakePool(600, Groups, clock, TimeSpan.FromSeconds(10));

        var first = await Create(pool, store, continuation, clock, TimeSpan.FromSeconds(60)).RunAsync(null, CancellationToken.None);

        Assert.False(first.Completed);
        Assert.Equal([Prefix], continuation.Requests);
        Assert.True(store.Objects.ContainsKey(Prefix + "state/checkpoint.json"));
        Assert.False(store.Objects.ContainsKey(Prefix + "manifest.json"));
    }

    [Fact]
    public async Task Export_Should_EqualAOneShotExport_When_ResumedFromCheckpointsUntilDone()
    {
        var oneShotStore = new FakeStore();
        await Create(new FakePool(600, Groups), oneShotStore, new FakeContinuation(), new ManualClock()).RunAsync(null, CancellationToken.None);

        var clock = new ManualClock();
        var (store, continuation) = (new FakeStore(), new FakeContinuation());
        var pool = new FakePool(600, Groups, clock, TimeSpan.FromSeconds(10));
        var outcome = await Create(pool, store, continuation, clock, TimeSpan.FromSeconds(60)).RunAsync(null, CancellationToken.None);
        var hops = 0;
        while (!outcome.Completed)
        {
            Assert.True(++hops < 50, "the export makes no progress");
            outcome = await Create(pool, store, continuation, clock, TimeSpan.FromSeconds(60)).RunAsync(continuation.Requests[^1], CancellationToken.None);
        }

        Assert.True(outcome.Invocations > 2);
        Assert.Equal(600, outcome.Users);
        var expected = oneShotStore.Json(Prefix + "manifest.json");
        var actual = store.Json(Prefix + "manifest.json");
        Assert.Equal(expected.GetProperty("groups").GetRawText(), actual.GetProperty("groups").GetRawText());
        var lines = actual.GetProperty("files").EnumerateArray().SelectMany(f => store.Lines(f.GetProperty("key").GetString()!)).Select(l => l.GetRawText()).ToList();
        var oneShotLines = expected.GetProperty("files").EnumerateArray().SelectMany(f => oneShotStore.Lines(f.GetProperty("key").GetString()!)).Select(l => l.GetRawText()).ToList();
        Assert.Equal(oneShotLines, lines);
    }

    [Fact]
    public async Task Export_Should_ReportTheDrop_When_FewerUsersThanLastTime()
    {
        var store = new FakeStore();
        await Create(new FakePool(200, Groups), store, new FakeContinuation(), new ManualClock()).RunAsync(null, CancellationToken.None);
        var clock = new ManualClock();
        clock.Advance(TimeSpan.FromDays(1));

        var outcome = await Create(new FakePool(150, Groups), store, new FakeContinuation(), clock).RunAsync(null, CancellationToken.None);

        Assert.Equal(25, outcome.DropPercent);
        Assert.Equal(150, store.Json("exports/eu-west-1_AbCdEf123/latest.json").GetProperty("userCount").GetInt64());
    }

    [Fact]
    public async Task Export_Should_WriteAManifestWithoutFiles_When_ThePoolIsEmpty()
    {
        var store = new FakeStore();

        var outcome = await Create(new FakePool(0, Groups), store, new FakeContinuation(), new ManualClock()).RunAsync(null, CancellationToken.None);

        Assert.True(outcome.Completed);
        Assert.Empty(store.Json(Prefix + "manifest.json").GetProperty("files").EnumerateArray());
        Assert.Equal(0, outcome.DropPercent);
    }

    [Fact]
    public async Task Resume_Should_Refuse_When_TheCheckpointIsMissingOrOfAnotherPool()
    {
        var store = new FakeStore();
        var exporter = Create(new FakePool(10, Groups), store, new FakeContinuation(), new ManualClock());

        await Assert.ThrowsAsync<InvalidDataException>(() => exporter.RunAsync(Prefix, CancellationToken.None));
        store.Objects[Prefix + "state/checkpoint.json"] = """{"userPoolId":"eu-west-1_Other","startedAt":"2026-01-02T03:04:05+00:00","phase":"users"}"""u8.ToArray();
        await Assert.ThrowsAsync<InvalidDataException>(() => exporter.RunAsync(Prefix, CancellationToken.None));
    }

    [Fact]
    public void GroupIndex_Should_RoundTripThroughBytes()
    {
        var index = new GroupIndex();
        index.Add("ana", 0);
        index.Add("bo", 1);
        index.Add("ana", 1);
        var groups = new List<int>();

        var copy = GroupIndex.FromBytes(index.ToBytes());

        copy.GroupsOf("ana", groups);
        Assert.Equal([0, 1], groups);
        copy.GroupsOf("nobody", groups);
        Assert.Empty(groups);
        Assert.Throws<InvalidDataException>(() => GroupIndex.FromBytes(new byte[7]));
    }
}
