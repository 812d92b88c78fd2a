using System.Text.Json;
using CognitoStack.Contract;
using CognitoStack.UserExport.Aws;
using CognitoStack.UserExport.Json;

namespace CognitoStack.UserExport.Export;

/// <summary>What one export reads, how fast, and for how long one invocation may work.</summary>
/// <param name="UserPoolId">The pool.</param>
/// <param name="Region">The pool's region (written to the manifest).</param>
/// <param name="TimeBudget">How long one invocation reads before it checkpoints and hands over.</param>
/// <param name="UsersPerFile">Users per file, at least (a file ends at the first page boundary past it).</param>
internal sealed record ExportOptions(string UserPoolId, string Region, TimeSpan TimeBudget, int UsersPerFile = ExportOptions.DefaultUsersPerFile)
{
    /// <summary>About 1 MB of gzip per file at typical attribute sizes: the buffer the export holds.</summary>
    public const int DefaultUsersPerFile = 10_000;
}

/// <summary>How one invocation ended.</summary>
/// <param name="Completed">True when the manifest was written; false when the export continues in another invocation.</param>
/// <param name="ExportPrefix">The export's folder.</param>
/// <param name="Users">Users written so far (all of them when completed).</param>
/// <param name="Files">User files written so far.</param>
/// <param name="DropPercent">How far the user count fell since the previous export (completed only).</param>
/// <param name="Invocations">Invocations this export has taken, this one included.</param>
internal sealed record ExportOutcome(bool Completed, string ExportPrefix, long Users, int Files, double DropPercent, int Invocations);

/// <summary>
/// Reads every group's members (ListGroups, ListUsersInGroup), then every user (ListUsers), and writes user files and,
/// last, the manifest (<see cref="UserExportFormat"/>). When the time budget runs out it finishes the current file,
/// writes a checkpoint (the next page token, the files so far, the group index) under the export's
/// <c>state/</c> folder and asks <see cref="IContinuation"/> to resume: a pool of any size is exported in as many
/// invocations as it takes, never restarted.
/// </summary>
internal sealed class Exporter(ICognitoUsers cognito, IObjectStore store, IContinuation continuation, TimeProvider clock, ExportOptions options)
{
    private const string JsonType = "application/json";
    private long _started;
    private int _pages;
    private bool _indexChanged;

    /// <summary>Pages read by this invocation (each a request of the UserList category).</summary>
    public int Pages => _pages;

    /// <summary>Runs (or resumes, when <paramref name="resumePrefix"/> is given) the export.</summary>
    public async Task<ExportOutcome> RunAsync(string? resumePrefix, CancellationToken cancellationToken)
    {
        _started = clock.GetTimestamp();
        var (state, index) = resumePrefix is null
            ? (new Checkpoint { UserPoolId = options.UserPoolId, StartedAt = WholeSeconds(clock.GetUtcNow()) }, new GroupIndex())
            : await LoadAsync(resumePrefix, cancellationToken).ConfigureAwait(false);
        state.Invocations++;
        var prefix = UserExportFormat.ExportPrefix(state.UserPoolId, state.StartedAt);

        if (state.Phase == Checkpoint.GroupsPhase)
        {
            if (!await ReadGroupsAsync(state, index, cancellationToken).ConfigureAwait(false))
            {
                return await HandOverAsync(prefix, state, index, cancellationToken).ConfigureAwait(false);
            }

            state.Phase = Checkpoint.UsersPhase;
        }

        if (!await ReadUsersAsync(prefix, state, index, cancellationToken).ConfigureAwait(false))
        {
            return await HandOverAsync(prefix, state, index, cancellationToken).ConfigureAwait(false);
        }

        return await FinishAsync(prefix, state, cancellationToken).ConfigureAwait(false);
    }

    private bool OutOfTime() => _pages > 0 && clock.GetElapsedTime(_started) >= options.TimeBudget;

    private async Task<bool> ReadGroupsAsync(Checkpoint state, GroupIndex index, CancellationToken cancellationToken)
    {
        if (state.GroupNames is null)
        {
            var names = new List<string>();
            string? token = null;
            do
            {
                var page = await cognito.ListGroupsAsync(options.UserPoolId, token, cancellationToken).ConfigureAwait(false);
                names.AddRange(page.Groups);
                token = page.NextToken;
            }
            while (token is not null);
            state.GroupNames = [.. names.Distinct(StringComparer.Ordinal)];
        }

        while (state.GroupCursor < state.GroupNames.Count)
        {
            if (OutOfTime())
            {
                return false;
            }

            var page = await cognito.ListUsersInGroupAsync(options.UserPoolId, state.GroupNames[state.GroupCursor], state.GroupToken, cancellationToken).ConfigureAwait(false);
            _pages++;
            foreach (var user in page.Users)
            {
                index.Add(RequireName(user, "ListUsersInGroup"), state.GroupCursor);
                _indexChanged = true;
            }

            state.GroupToken = page.NextToken;
            if (page.NextToken is null)
            {
                state.GroupCursor++;
            }
        }

        foreach (var name in state.GroupNames)
        {
            state.GroupCounts.TryAdd(name, 0);
        }

        return true;
    }

    private async Task<bool> ReadUsersAsync(string prefix, Checkpoint state, GroupIndex index, CancellationToken cancellationToken)
    {
        using var writer = new UserFileWriter();
        var numbers = new List<int>();
        var names = new List<string>();
        var groupNames = state.GroupNames ?? [];
        while (true)
        {
            if (OutOfTime())
            {
                await FlushAsync(prefix, state, writer, cancellationToken).ConfigureAwait(false);
                return false;
            }

            var page = await cognito.ListUsersAsync(options.UserPoolId, state.UsersToken, cancellationToken).ConfigureAwait(false);
            _pages++;
            foreach (var user in page.Users)
            {
                index.GroupsOf(RequireName(user, "ListUsers"), numbers);
                names.Clear();
                foreach (var number in numbers)
                {
                    var name = groupNames[number];
                    names.Add(name);
                    state.GroupCounts[name] = state.GroupCounts.GetValueOrDefault(name) + 1;
                }

                writer.Write(user, names);
            }

            state.UsersToken = page.NextToken;
            if (page.NextToken is null)
            {
                await FlushAsync(prefix, state, writer, cancellationToken).ConfigureAwait(false);
                return true;
            }

            if (writer.Users >= options.UsersPerFile)
            {
                await FlushAsync(prefix, state, writer, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task FlushAsync(string prefix, Checkpoint state, UserFileWriter writer, CancellationToken cancellationToken)
    {
        if (writer.Users == 0)
        {
            return;
        }

        var (bytes, sha256, users) = writer.Finish();
        var key = prefix + UserExportFormat.UsersFileName(state.Files.Count + 1);
        await store.PutAsync(key, bytes, UserExportFormat.UsersContentType, null, cancellationToken).ConfigureAwait(false);
        state.Files.Add(new ExportFile { Key = key, Sha256 = sha256, Bytes = bytes.Length, Users = users });
        state.UserCount += users;
        writer.Restart();
    }

    private async Task<ExportOutcome> HandOverAsync(string prefix, Checkpoint state, GroupIndex index, CancellationToken cancellationToken)
    {
        if (_indexChanged)
        {
            await store.PutAsync(prefix + UserExportFormat.StateFolder + IndexName, index.ToBytes(), "application/octet-stream", null, cancellationToken).ConfigureAwait(false);
        }

        await store.PutAsync(prefix + UserExportFormat.StateFolder + CheckpointName,
            JsonSerializer.SerializeToUtf8Bytes(state, ExportJsonContext.Default.Checkpoint), JsonType, null, cancellationToken).ConfigureAwait(false);
        await continuation.ContinueAsync(prefix, cancellationToken).ConfigureAwait(false);
        return new ExportOutcome(false, prefix, state.UserCount, state.Files.Count, 0, state.Invocations);
    }

    private async Task<ExportOutcome> FinishAsync(string prefix, Checkpoint state, CancellationToken cancellationToken)
    {
        var manifest = new ExportManifest
        {
            UserPoolId = state.UserPoolId,
            Region = options.Region,
            StartedAt = UserExportFormat.Timestamp(state.StartedAt),
            FinishedAt = UserExportFormat.Timestamp(clock.GetUtcNow()),
            UserCount = state.UserCount,
            Groups = new SortedDictionary<string, long>(state.GroupCounts, StringComparer.Ordinal),
            Files = state.Files,
        };
        var manifestKey = prefix + UserExportFormat.ManifestName;
        await store.PutAsync(manifestKey, JsonSerializer.SerializeToUtf8Bytes(manifest, ExportJsonContext.Default.ExportManifest), JsonType, null, cancellationToken).ConfigureAwait(false);

        var latestKey = UserExportFormat.PoolPrefix(state.UserPoolId) + UserExportFormat.LatestName;
        var previous = Read(await store.GetAsync(latestKey, cancellationToken).ConfigureAwait(false), ExportJsonContext.Default.LatestExport);
        var drop = previous is { UserCount: > 0 } && previous.UserCount > state.UserCount
            ? Math.Round((previous.UserCount - state.UserCount) * 100.0 / previous.UserCount, 2)
            : 0;
        await store.PutAsync(latestKey, JsonSerializer.SerializeToUtf8Bytes(new LatestExport { ManifestKey = manifestKey, UserCount = state.UserCount },
            ExportJsonContext.Default.LatestExport), JsonType, null, cancellationToken).ConfigureAwait(false);
        return new ExportOutcome(true, prefix, state.UserCount, state.Files.Count, drop, state.Invocations);
    }

    private async Task<(Checkpoint State, GroupIndex Index)> LoadAsync(string prefix, CancellationToken cancellationToken)
    {
        var state = Read(await store.GetAsync(prefix + UserExportFormat.StateFolder + CheckpointName, cancellationToken).ConfigureAwait(false), ExportJsonContext.Default.Checkpoint)
            ?? throw new InvalidDataException($"no readable checkpoint under {prefix}{UserExportFormat.StateFolder}");
        if (state.UserPoolId != options.UserPoolId || UserExportFormat.ExportPrefix(state.UserPoolId, state.StartedAt) != prefix
            || state.Phase is not (Checkpoint.GroupsPhase or Checkpoint.UsersPhase))
        {
            throw new InvalidDataException($"the checkpoint under {prefix} belongs to another export");
        }

        var bytes = await store.GetAsync(prefix + UserExportFormat.StateFolder + IndexName, cancellationToken).ConfigureAwait(false);
        return (state, bytes is null ? new GroupIndex() : GroupIndex.FromBytes(bytes));
    }

    /// <summary>The checkpoint's name in the state folder.</summary>
    public const string CheckpointName = "checkpoint.json";

    /// <summary>The group index's name in the state folder.</summary>
    public const string IndexName = "group-index.bin";

    private static T? Read<T>(byte[]? bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string RequireName(UserType user, string operation) =>
        string.IsNullOrEmpty(user.Username) ? throw new AwsApiException(operation, 200, "UserWithoutName") : user.Username;

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
