using System.Security.Cryptography;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.UserExport.Export;
using CognitoStack.UserExport.Tests.Helpers;

namespace CognitoStack.UserExport.Tests;

public class ExporterTests
{
    private const string Pool = "eu-west-1_AbCdEf123";
    private const string Prefix = "exports/eu-west-1_AbCdEf123/20260102T030405Z/";
    private static readonly DateTimeOffset StartedAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly Dictionary<string, Func<int, bool>> Groups = new()
    {
        ["admin"] = i => i % 50 == 0,
        ["users"] = i => i % 3 != 0,
        ["empty"] = _ => false,
    };

    private static Exporter Create(FakePool pool, FakeStore store, ManualClock clock, TimeSpan? budget = null, int usersPerFile = 100) =>
        new(pool, store, clock, new ExportOptions(Pool, "eu-west-1", budget ?? TimeSpan.FromMinutes(13), UsersPerFile: usersPerFile));

    private static List<string> AllLines(FakeStore store) =>
        [.. store.Json(Prefix + UserExportFormat.ManifestName).GetProperty("files").EnumerateArray()
            .SelectMany(f => store.Lines(f.GetProperty("key").GetString()!)).Select(l => l.GetRawText()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Export_Should_WriteEveryUserOnceInItsPartitionThenTheManifest()
    {
        var store = new FakeStore();

        var outcome = await Create(new FakePool(2_000, Groups), store, new ManualClock()).RunToCompletionAsync(StartedAt, CancellationToken.None);

        Assert.Equal(2_000, outcome.Users);
        var manifest = store.Json(Prefix + UserExportFormat.ManifestName);
        Assert.Equal(2, manifest.GetProperty("formatVersion").GetInt32());
        Assert.Equal("2026-01-02T03:04:05Z", manifest.GetProperty("startedAt").GetString());
        Assert.Equal(2_000, manifest.GetProperty("userCount").GetInt64());
        Assert.Equal(40, manifest.GetProperty("groups").GetProperty("admin").GetInt64());
        Assert.Equal(1_333, manifest.GetProperty("groups").GetProperty("users").GetInt64());
        Assert.Equal(0, manifest.GetProperty("groups").GetProperty("empty").GetInt64());
        var partitions = manifest.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(ExportPartitions.All, partitions.Select(p => p.GetProperty("subPrefix").GetString()));
        Assert.Equal(2_000, partitions.Sum(p => p.GetProperty("users").GetInt64()));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.GetProperty("files").EnumerateArray())
        {
            var key = file.GetProperty("key").GetString()!;
            var partition = file.GetProperty("partition").GetString()!;
            Assert.StartsWith($"{Prefix}users-{partition}-", key, StringComparison.Ordinal);
            var bytes = store.Objects[key];
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.GetProperty("sha256").GetString());
            Assert.Equal(bytes.Length, file.GetProperty("bytes").GetInt64());
            var lines = store.Lines(key);
            Assert.Equal(lines.Count, file.GetProperty("users").GetInt64());
            Assert.All(lines, l => Assert.StartsWith(partition, l.GetProperty("sub").GetString(), StringComparison.Ordinal));
            Assert.All(lines, l => Assert.True(seen.Add(l.GetProperty("username").GetString()!)));
        }

        Assert.Equal(2_000, seen.Count);
    }

    [Fact]
    public async Task Export_Should_WriteEachUserLineInTheContractFormat()
    {
        var store = new FakeStore();

        await Create(new FakePool(60, Groups), store, new ManualClock()).RunToCompletionAsync(StartedAt, CancellationToken.None);

        var sub = FakePool.Sub(0);
        var line = Assert.Single(AllLines(store), l => l.Contains("\"user-000000\"", StringComparison.Ordinal));
        Assert.Equal(
            $$"""{"username":"user-000000","sub":"{{sub}}","status":"CONFIRMED","enabled":false,"created":"2026-01-02T03:04:05Z","lastModified":"2026-01-02T03:04:05Z","attributes":{"sub":"{{sub}}","email":"u0@example.com","email_verified":"true"},"groups":["admin"]}""",
            line);
    }

    [Fact]
    public async Task Steps_Should_ContinueFromTheirCheckpoints_When_TheTimeBudgetRunsOut()
    {
        var oneShot = new FakeStore();
        await Create(new FakePool(3_000, Groups), oneShot, new ManualClock()).RunToCompletionAsync(StartedAt, CancellationToken.None);
        var clock = new ManualClock();
        var store = new FakeStore();
        // Every call takes 10 s; a 30 s budget stops each invocation after 3 pages.
        var pool = new FakePool(3_000, Groups, clock, TimeSpan.FromSeconds(10));
        var invocations = 0;

        var first = await Create(pool, store, clock, TimeSpan.FromSeconds(30)).ReadGroupsAsync(StartedAt, CancellationToken.None);
        Assert.False(first.Completed);
        while (!(await Create(pool, store, clock, TimeSpan.FromSeconds(30)).ReadGroupsAsync(StartedAt, CancellationToken.None)).Completed)
        {
            Assert.True(++invocations < 100, "the groups step makes no progress");
        }

        foreach (var partition in ExportPartitions.All)
        {
            while (!(await Create(pool, store, clock, TimeSpan.FromSeconds(30)).ExportPartitionAsync(StartedAt, partition, CancellationToken.None)).Completed)
            {
                Assert.True(++invocations < 200, "the partition step makes no progress");
            }
        }

        var outcome = await Create(pool, store, clock, TimeSpan.FromSeconds(30)).FinishAsync(StartedAt, CancellationToken.None);

        Assert.Equal(3_000, outcome.Users);
        Assert.True(outcome.Invocations > ExportPartitions.Count, "some partition took more than one invocation");
        Assert.Equal(oneShot.Json(Prefix + "manifest.json").GetProperty("groups").GetRawText(), store.Json(Prefix + "manifest.json").GetProperty("groups").GetRawText());
        Assert.Equal(AllLines(oneShot), AllLines(store));
    }

    [Fact]
    public async Task Partition_Should_SaveItsCheckpointAndThrowTheRetryableError_When_StillThrottled()
    {
        var oneShot = new FakeStore();
        await Create(new FakePool(3_000, Groups), oneShot, new ManualClock()).RunToCompletionAsync(StartedAt, CancellationToken.None);
        var (store, clock) = (new FakeStore(), new ManualClock());
        var pool = new FakePool(3_000, Groups);
        await Create(pool, store, clock).ReadGroupsAsync(StartedAt, CancellationToken.None);
        pool.ThrottledCalls.Add(pool.Calls + 3);

        await Assert.ThrowsAsync<UserExportThrottledException>(() => Create(pool, store, clock, usersPerFile: 60).ExportPartitionAsync(StartedAt, "0", CancellationToken.None));

        // Two pages were read and written before the throttle; the retry goes on from there.
        Assert.Contains(Prefix + "state/partition-0.json", store.Objects.Keys);
        Assert.Equal(2, store.Json(Prefix + "state/partition-0.json").GetProperty("files").GetArrayLength());
        Assert.Equal(UserExportSteps.ThrottledError, nameof(UserExportThrottledException));
        foreach (var partition in ExportPartitions.All)
        {
            Assert.True((await Create(pool, store, clock).ExportPartitionAsync(StartedAt, partition, CancellationToken.None)).Completed);
        }

        await Create(pool, store, clock).FinishAsync(StartedAt, CancellationToken.None);
        Assert.Equal(AllLines(oneShot), AllLines(store));
    }

    [Fact]
    public async Task Partition_Should_Fail_When_CognitoReturnsAUserOfAnotherPartition()
    {
        var (store, clock) = (new FakeStore(), new ManualClock());
        var pool = new FakePool(100, Groups);
        await Create(pool, store, clock).ReadGroupsAsync(StartedAt, CancellationToken.None);
        pool.IgnoreFilter = true;

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Create(pool, store, clock).ExportPartitionAsync(StartedAt, "0", CancellationToken.None));

        Assert.Equal("UserOutsidePartition", error.ErrorType);
    }

    [Fact]
    public async Task Steps_Should_Refuse_When_TheStepBeforeHasNotCompleted()
    {
        var (store, clock, pool) = (new FakeStore(), new ManualClock(), new FakePool(100, Groups));

        await Assert.ThrowsAsync<InvalidDataException>(() => Create(pool, store, clock).ExportPartitionAsync(StartedAt, "a", CancellationToken.None));
        await Create(pool, store, clock).ReadGroupsAsync(StartedAt, CancellationToken.None);
        await Create(pool, store, clock).ExportPartitionAsync(StartedAt, "0", CancellationToken.None);
        var finish = await Assert.ThrowsAsync<InvalidDataException>(() => Create(pool, store, clock).FinishAsync(StartedAt, CancellationToken.None));
        Assert.Contains("partition 1", finish.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompletedStep_Should_ReturnAtOnceWithoutReading_When_RunAgain()
    {
        var (store, clock, pool) = (new FakeStore(), new ManualClock(), new FakePool(100, Groups));
        await Create(pool, store, clock).ReadGroupsAsync(StartedAt, CancellationToken.None);
        await Create(pool, store, clock).ExportPartitionAsync(StartedAt, "3", CancellationToken.None);
        var calls = pool.Calls;

        Assert.True((await Create(pool, store, clock).ReadGroupsAsync(StartedAt, CancellationToken.None)).Completed);
        Assert.True((await Create(pool, store, clock).ExportPartitionAsync(StartedAt, "3", CancellationToken.None)).Completed);
        Assert.Equal(calls, pool.Calls);
    }

    [Fact]
    public async Task Export_Should_ReportTheDrop_When_FewerUsersThanLastTime()
    {
        var store = new FakeStore();
        await Create(new FakePool(200, Groups), store, new ManualClock()).RunToCompletionAsync(StartedAt, CancellationToken.None);

        var outcome = await Create(new FakePool(150, Groups), store, new ManualClock()).RunToCompletionAsync(StartedAt.AddDays(1), CancellationToken.None);

        Assert.Equal(25, outcome.DropPercent);
        Assert.Equal(150, store.Json("exports/eu-west-1_AbCdEf123/latest.json").GetProperty("userCount").GetInt64());
    }

    [Fact]
    public async Task Export_Should_WriteAManifestWithEveryPartitionAndNoFiles_When_ThePoolIsEmpty()
    {
        var store = new FakeStore();

        var outcome = await Create(new FakePool(0, Groups), store, new ManualClock()).RunToCompletionAsync(StartedAt, CancellationToken.None);

        Assert.Equal(0, outcome.Users);
        var manifest = store.Json(Prefix + "manifest.json");
        Assert.Empty(manifest.GetProperty("files").EnumerateArray());
        Assert.Equal(ExportPartitions.Count, manifest.GetProperty("partitions").GetArrayLength());
        Assert.Equal(0, outcome.DropPercent);
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
