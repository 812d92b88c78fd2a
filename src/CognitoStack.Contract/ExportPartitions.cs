using System.Globalization;

namespace CognitoStack.Contract;

/// <summary>
/// How the user export splits a pool and how fast it reads (issue #27), shared by the export function, the
/// state machine that runs it and the restore that checks it.
/// </summary>
/// <remarks>
/// <para><b>Partitions.</b> A user's <c>sub</c> is a UUID Cognito assigns and never changes, written in lower-case hex,
/// and <c>ListUsers</c> may filter on <c>sub</c> with the prefix match <c>^=</c>
/// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html). The 16 filters
/// <c>sub ^= "0"</c> … <c>sub ^= "f"</c> therefore hold every user exactly once: each sub starts with one hex digit, and
/// a user cannot move between partitions while the export runs. Usernames would not do: a pool may let users pick
/// them.</para>
/// <para><b>Rate.</b> Cognito's <c>UserList</c> category (<c>ListUsers</c>, <c>ListUsersInGroup</c>) allows
/// <see cref="UserListQuota"/> requests per second per account and Region, for every pool together, and cannot be
/// raised (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html). The export takes a share of it
/// (<c>backup.quotaShare</c>) and turns it into partitions read at once × each partition's pace: as many partitions
/// at <see cref="PartitionPace"/> as the share allows (at least one, at most <see cref="Count"/>), each paced at
/// share ÷ partitions. One paginator waits for each page before asking for the next, so its rate is bounded by
/// Cognito's latency; several slower ones reach the share whatever the latency.</para>
/// </remarks>
public static class ExportPartitions
{
    /// <summary>Requests per second of the <c>UserList</c> category, per account and Region (not adjustable).</summary>
    public const double UserListQuota = 30;

    /// <summary>The share of <see cref="UserListQuota"/> the export takes unless configured: a third (10 per second).</summary>
    public const double DefaultQuotaShare = 1.0 / 3;

    /// <summary>Requests per second one partition's paginator is paced at, at most.</summary>
    public const double PartitionPace = 2;

    /// <summary>Number of partitions: one per first hex digit of <c>sub</c>.</summary>
    public const int Count = 16;

    /// <summary>The partitions, <c>0</c> … <c>f</c>.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enumerable.Range(0, Count).Select(i => i.ToString("x", CultureInfo.InvariantCulture))];

    /// <summary>Whether <paramref name="value"/> is one of <see cref="All"/>.</summary>
    public static bool IsPartition(string? value) => value is { Length: 1 } && (char.IsAsciiDigit(value[0]) || value[0] is >= 'a' and <= 'f');

    /// <summary>The <c>ListUsers</c> filter of a partition: <c>sub ^= "a"</c>.</summary>
    public static string Filter(string partition) =>
        IsPartition(partition) ? $"sub ^= \"{partition}\"" : throw new ArgumentOutOfRangeException(nameof(partition), partition, "a partition is one lower-case hex digit");

    /// <summary>How a share of the <c>UserList</c> quota is spent: partitions read at once and each one's pace.</summary>
    /// <param name="quotaShare">Share of <see cref="UserListQuota"/>, greater than 0 and at most 1.</param>
    public static ExportRate Rate(double quotaShare)
    {
        if (!(quotaShare is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(quotaShare), quotaShare, "a share is greater than 0 and at most 1");
        }

        // Rounded to a millisecond of spacing, so the pace the function reads is the pace the template shows.
        var budget = UserListQuota * quotaShare;
        var concurrency = (int)Math.Clamp(Math.Floor(budget / PartitionPace + 1e-9), 1, Count);
        var pace = Math.Round(budget / concurrency, 3, MidpointRounding.ToZero);
        return new ExportRate(concurrency, pace, Math.Round(budget, 3, MidpointRounding.ToZero));
    }
}

/// <summary>How fast the export reads.</summary>
/// <param name="Concurrency">Partitions exported at once (the Distributed Map's <c>MaxConcurrency</c>).</param>
/// <param name="PartitionRequestsPerSecond">Each partition's <c>ListUsers</c> pace.</param>
/// <param name="RequestsPerSecond">The whole share: concurrency × pace, and the pace of the group phase, which runs alone.</param>
public sealed record ExportRate(int Concurrency, double PartitionRequestsPerSecond, double RequestsPerSecond);
