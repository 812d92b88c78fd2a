using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CognitoStack.Contract;
using CognitoStack.UserExport.Aws;
using CognitoStack.UserExport.Json;

namespace CognitoStack.UserExport.Export;

/// <summary>What one export reads, and for how long one invocation may work.</summary>
/// <param name="UserPoolId">The pool.</param>
/// <param name="Region">The pool's region (written to the manifest).</param>
/// <param name="TimeBudget">How long one invocation reads before it checkpoints and returns <c>continued</c>.</param>
/// <param name="UsersPerFile">Users per file, at least (a file ends at the first page boundary past it).</param>
internal sealed record ExportOptions(string UserPoolId, string Region, TimeSpan TimeBudget, int UsersPerFile = ExportOptions.DefaultUsersPerFile)
{
    /// <summary>About 1 MB of gzip per file at typical attribute sizes: the buffer the export holds.</summary>
    public const int DefaultUsersPerFile = 10_000;
}

/// <summary>How one step ended.</summary>
/// <param name="Completed">True when the step is done; false when it wrote a checkpoint and must run again.</param>
/// <param name="ExportPrefix">The export's folder.</param>
/// <param name="Users">Users written so far by this step (the whole export's after <see cref="Exporter.FinishAsync"/>).</param>
/// <param name="Files">User files written so far by this step.</param>
/// <param name="Invocations">Invocations this step has taken, this one included.</param>
/// <param name="DropPercent">How far the user count fell since the previous export (finish only).</param>
internal sealed record StepOutcome(bool Completed, string ExportPrefix, long Users, int Files, int Invocations, double DropPercent = 0);

/// <summary>
/// The export in three resumable steps, each run by the state machine until it completes (<see cref="UserExportSteps"/>):
/// <see cref="ReadGroupsAsync"/> reads every group's members once (ListGroups, ListUsersInGroup) into a group index;
/// <see cref="ExportPartitionAsync"/> reads one partition's users (ListUsers with <c>sub ^= "p"</c>) into user files,
/// each line with its groups; <see cref="FinishAsync"/> writes the manifest (<see cref="UserExportFormat"/>) from the
/// partitions' checkpoints. Every step keeps its checkpoint under the export's <c>state/</c> folder and resumes from it,
/// so running a step again (the next loop, or the state machine's retry after a failure) never starts it over, and a
/// finished step returns at once. The export's folder comes from its start time, so every step of one execution
/// finds it.
/// </summary>
internal sealed class Exporter(ICognitoUsers cognito, IObjectStore store, TimeProvider clock, ExportOptions options)
{
    /// <summary>The groups step's checkpoint in the state folder.</summary>
    public const string GroupsCheckpointName = "groups.json";

    /// <summary>The group index's name in the state folder.</summary>
    public const string IndexName = "group-index.bin";

    private const string JsonType = "application/json";
    private long _started;
    private int _pages;

    /// <summary>Pages read by this exporter (each a request of the UserList category).</summary>
    public int Pages => _pages;

    /// <summary>A partition's checkpoint in the state folder: <c>partition-a.json</c>.</summary>
    public static string PartitionCheckpointName(string partition) => $"partition-{partition}.json";

    /// <summary>The folder of the export started at <paramref name="startedAt"/> (whole seconds).</summary>
    public string PrefixOf(DateTimeOffset startedAt) => UserExportFormat.ExportPrefix(options.UserPoolId, startedAt);

    /// <summary>Reads (or goes on reading) every group and its members into the group index.</summary>
    public async Task<StepOutcome> ReadGroupsAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        Start();
        var prefix = PrefixOf(startedAt);
        var state = await ReadAsync(prefix + UserExportFormat.StateFolder + GroupsCheckpointName, ExportJsonContext.Default.GroupsCheckpoint, cancellationToken).ConfigureAwait(false)
            ?? new GroupsCheckpoint { UserPoolId = options.UserPoolId };
        if (state.UserPoolId != options.UserPoolId)
        {
            throw new InvalidDataException($"the checkpoint under {prefix} belongs to another pool");
        }

        if (state.Done)
        {
            return new StepOutcome(true, prefix, 0, 0, state.Invocations);
        }

        state.Invocations++;
        var index = await LoadIndexAsync(prefix, cancellationToken).ConfigureAwait(false);
        var changed = false;
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

        try
        {
            while (state.GroupCursor < state.GroupNames.Count && !OutOfTime())
            {
                var page = await cognito.ListUsersInGroupAsync(options.UserPoolId, state.GroupNames[state.GroupCursor], state.GroupToken, cancellationToken).ConfigureAwait(false);
                _pages++;
                foreach (var user in page.Users)
                {
                    index.Add(RequireName(user, "ListUsersInGroup"), state.GroupCursor);
                    changed = true;
                }

                state.GroupToken = page.NextToken;
                if (page.NextToken is null)
                {
                    state.GroupCursor++;
                }
            }
        }
        catch (AwsApiException exception) when (IsThrottling(exception))
        {
            await SaveGroupsAsync(prefix, state, changed ? index : null, cancellationToken).ConfigureAwait(false);
            throw new UserExportThrottledException(exception);
        }

        state.Done = state.GroupCursor >= state.GroupNames.Count;
        await SaveGroupsAsync(prefix, state, changed || state.Done ? index : null, cancellationToken).ConfigureAwait(false);
        return new StepOutcome(state.Done, prefix, 0, 0, state.Invocations);
    }

    /// <summary>Exports (or goes on exporting) the users of <paramref name="partition"/>; the groups step must have completed.</summary>
    public async Task<StepOutcome> ExportPartitionAsync(DateTimeOffset startedAt, string partition, CancellationToken cancellationToken)
    {
        Start();
        var prefix = PrefixOf(startedAt);
        var filter = ExportPartitions.Filter(partition);
        var stateKey = prefix + UserExportFormat.StateFolder + PartitionCheckpointName(partition);
        var state = await ReadAsync(stateKey, ExportJsonContext.Default.PartitionCheckpoint, cancellationToken).ConfigureAwait(false)
            ?? new PartitionCheckpoint { Partition = partition };
        if (state.Done)
        {
            return new StepOutcome(true, prefix, state.UserCount, state.Files.Count, state.Invocations);
        }

        var groups = await RequireGroupsAsync(prefix, cancellationToken).ConfigureAwait(false);
        var index = await LoadIndexAsync(prefix, cancellationToken).ConfigureAwait(false);
        state.Invocations++;
        using var writer = new UserFileWriter();
        var numbers = new List<int>();
        var names = new List<string>();
        try
        {
            while (!OutOfTime())
            {
                var page = await cognito.ListUsersAsync(options.UserPoolId, filter, state.UsersToken, cancellationToken).ConfigureAwait(false);
                _pages++;
                foreach (var user in page.Users)
                {
                    index.GroupsOf(RequireName(user, "ListUsers"), numbers);
                    names.Clear();
                    foreach (var number in numbers)
                    {
                        var name = groups[number];
                        names.Add(name);
                        state.GroupCounts[name] = state.GroupCounts.GetValueOrDefault(name) + 1;
                    }

                    writer.Write(user, names, partition);
                }

                state.UsersToken = page.NextToken;
                if (page.NextToken is null)
                {
                    state.Done = true;
                    break;
                }

                if (writer.Users >= options.UsersPerFile)
                {
                    await FlushAsync(prefix, state, writer, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (AwsApiException exception) when (IsThrottling(exception))
        {
            await FlushAsync(prefix, state, writer, cancellationToken).ConfigureAwait(false);
            await WriteJsonAsync(stateKey, state, ExportJsonContext.Default.PartitionCheckpoint, cancellationToken).ConfigureAwait(false);
            throw new UserExportThrottledException(exception);
        }

        await FlushAsync(prefix, state, writer, cancellationToken).ConfigureAwait(false);
        await WriteJsonAsync(stateKey, state, ExportJsonContext.Default.PartitionCheckpoint, cancellationToken).ConfigureAwait(false);
        return new StepOutcome(state.Done, prefix, state.UserCount, state.Files.Count, state.Invocations);
    }

    /// <summary>Writes the manifest and the pool's <c>latest.json</c>; every partition must have completed.</summary>
    public async Task<StepOutcome> FinishAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var prefix = PrefixOf(startedAt);
        var groupNames = await RequireGroupsAsync(prefix, cancellationToken).ConfigureAwait(false);
        var groupCounts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in groupNames)
        {
            groupCounts[name] = 0;
        }

        var partitions = new List<ExportPartition>();
        var files = new List<ExportFile>();
        var invocations = 0;
        foreach (var partition in ExportPartitions.All)
        {
            var state = await ReadAsync(prefix + UserExportFormat.StateFolder + PartitionCheckpointName(partition), ExportJsonContext.Default.PartitionCheckpoint, cancellationToken).ConfigureAwait(false);
            if (state is not { Done: true } || state.Partition != partition)
            {
                throw new InvalidDataException($"partition {partition} of {prefix} has not completed: the manifest is written after every partition");
            }

            partitions.Add(new ExportPartition { SubPrefix = partition, Users = state.UserCount });
            files.AddRange(state.Files);
            invocations += state.Invocations;
            foreach (var (name, count) in state.GroupCounts)
            {
                groupCounts[name] = groupCounts.GetValueOrDefault(name) + count;
            }
        }

        var users = partitions.Sum(p => p.Users);
        var manifest = new ExportManifest
        {
            UserPoolId = options.UserPoolId,
            Region = options.Region,
            StartedAt = UserExportFormat.Timestamp(startedAt),
            FinishedAt = UserExportFormat.Timestamp(clock.GetUtcNow()),
            UserCount = users,
            Groups = groupCounts,
            Partitions = partitions,
            Files = files,
        };
        var manifestKey = prefix + UserExportFormat.ManifestName;
        await WriteJsonAsync(manifestKey, manifest, ExportJsonContext.Default.ExportManifest, cancellationToken).ConfigureAwait(false);

        // A retried finish finds latest.json already pointing here: it reports no drop rather than comparing the export with itself.
        var latestKey = UserExportFormat.PoolPrefix(options.UserPoolId) + UserExportFormat.LatestName;
        var previous = await ReadAsync(latestKey, ExportJsonContext.Default.LatestExport, cancellationToken).ConfigureAwait(false);
        var drop = previous is { UserCount: > 0 } && previous.ManifestKey != manifestKey && previous.UserCount > users
            ? Math.Round((previous.UserCount - users) * 100.0 / previous.UserCount, 2)
            : 0;
        await WriteJsonAsync(latestKey, new LatestExport { ManifestKey = manifestKey, UserCount = users }, ExportJsonContext.Default.LatestExport, cancellationToken).ConfigureAwait(false);
        return new StepOutcome(true, prefix, users, files.Count, invocations, drop);
    }

    /// <summary>
    /// Runs every step until it completes, in this process: the groups, each partition in turn, the finish. What the
    /// state machine does, without it: for tests, the benchmark and rehearsals against an emulator.
    /// </summary>
    public async Task<StepOutcome> RunToCompletionAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        while (!(await ReadGroupsAsync(startedAt, cancellationToken).ConfigureAwait(false)).Completed)
        {
        }

        foreach (var partition in ExportPartitions.All)
        {
            while (!(await ExportPartitionAsync(startedAt, partition, cancellationToken).ConfigureAwait(false)).Completed)
            {
            }
        }

        return await FinishAsync(startedAt, cancellationToken).ConfigureAwait(false);
    }

    private void Start()
    {
        _started = clock.GetTimestamp();
        _pages = 0;
    }

    private bool OutOfTime() => _pages > 0 && clock.GetElapsedTime(_started) >= options.TimeBudget;

    private async Task<List<string>> RequireGroupsAsync(string prefix, CancellationToken cancellationToken)
    {
        var groups = await ReadAsync(prefix + UserExportFormat.StateFolder + GroupsCheckpointName, ExportJsonContext.Default.GroupsCheckpoint, cancellationToken).ConfigureAwait(false);
        return groups is { Done: true, GroupNames: { } names } && groups.UserPoolId == options.UserPoolId
            ? names
            : throw new InvalidDataException($"the groups step of {prefix} has not completed: partitions need the group index");
    }

    private async Task<GroupIndex> LoadIndexAsync(string prefix, CancellationToken cancellationToken)
    {
        var bytes = await store.GetAsync(prefix + UserExportFormat.StateFolder + IndexName, cancellationToken).ConfigureAwait(false);
        return bytes is null ? new GroupIndex() : GroupIndex.FromBytes(bytes);
    }

    private async Task SaveGroupsAsync(string prefix, GroupsCheckpoint state, GroupIndex? index, CancellationToken cancellationToken)
    {
        if (index is not null)
        {
            await store.PutAsync(prefix + UserExportFormat.StateFolder + IndexName, index.ToBytes(), "application/octet-stream", null, cancellationToken).ConfigureAwait(false);
        }

        await WriteJsonAsync(prefix + UserExportFormat.StateFolder + GroupsCheckpointName, state, ExportJsonContext.Default.GroupsCheckpoint, cancellationToken).ConfigureAwait(false);
    }

    private async Task FlushAsync(string prefix, PartitionCheckpoint state, UserFileWriter writer, CancellationToken cancellationToken)
    {
        if (writer.Users == 0)
        {
            return;
        }

        var (bytes, sha256, users) = writer.Finish();
        var key = prefix + UserExportFormat.UsersFileName(state.Partition, state.Files.Count + 1);
        await store.PutAsync(key, bytes, UserExportFormat.UsersContentType, null, cancellationToken).ConfigureAwait(false);
        state.Files.Add(new ExportFile { Key = key, Partition = state.Partition, Sha256 = sha256, Bytes = bytes.Length, Users = users });
        state.UserCount += users;
        writer.Restart();
    }

    private Task WriteJsonAsync<T>(string key, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        store.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, type), JsonType, null, cancellationToken);

    private async Task<T?> ReadAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{key} is not readable", exception);
        }
    }

    // What is still throttled after the call's own retries: the state machine retries the step later.
    private static bool IsThrottling(AwsApiException exception) =>
        exception.Status == 429 || exception.ErrorType is "TooManyRequestsException" or "ThrottlingException" or "SlowDown";

    private static string RequireName(UserType user, string operation) =>
        string.IsNullOrEmpty(user.Username) ? throw new AwsApiException(operation, 200, "UserWithoutName") : user.Username;
}

/// <summary>
/// Cognito or S3 still throttled after the call's retries; the step saved its checkpoint first. The type's name is the
/// error the state machine retries with backoff (<see cref="UserExportSteps.ThrottledError"/>).
/// </summary>
public sealed class UserExportThrottledException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UserExportThrottledException()
        : base("throttled: checkpoint saved, retry the step later")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public UserExportThrottledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public UserExportThrottledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal UserExportThrottledException(AwsApiException cause)
        : base($"{cause.Operation} throttled ({cause.ErrorType ?? "HTTP 429"}): checkpoint saved, retry the step later", cause)
    {
    }
}
