namespace CognitoStack.Contract;

/// <summary>
/// The seam between the export's state machine and the export function (issue #27): the event each task sends, the
/// result the function returns, and the error the state machine retries. The state machine loops a step while it
/// returns <see cref="Continued"/>.
/// </summary>
/// <remarks>
/// Event: <c>{"step":"groups"|"partition"|"finish","startedAt":"2026-01-02T03:04:05.678Z","partition":"a"}</c>
/// (<c>startedAt</c>, the execution's start, names the export; <c>partition</c> only for the partition step).
/// Result: <c>{"step":…,"status":"continued"|"completed","exportPrefix":…,"partition":…,"users":N,"partitions":[…]}</c>
/// (<c>partitions</c> lists what the map runs once the groups step completed, and is empty otherwise).
/// </remarks>
public static class UserExportSteps
{
    /// <summary>Event and result property: which step.</summary>
    public const string Step = "step";

    /// <summary>Event property: when the export started (ISO 8601); it names the export's folder.</summary>
    public const string StartedAt = "startedAt";

    /// <summary>Event and result property: the partition of the partition step.</summary>
    public const string Partition = "partition";

    /// <summary>Result property: <see cref="Continued"/> or <see cref="Completed"/>.</summary>
    public const string Status = "status";

    /// <summary>Result property: the partitions to export, once the groups step completed.</summary>
    public const string Partitions = "partitions";

    /// <summary>Reads every group and its members into the group index (once per export, not per partition).</summary>
    public const string Groups = "groups";

    /// <summary>Exports the users of one partition.</summary>
    public const string PartitionStep = "partition";

    /// <summary>Writes the manifest once every partition completed.</summary>
    public const string Finish = "finish";

    /// <summary>The step ran out of its time budget and wrote a checkpoint: run it again.</summary>
    public const string Continued = "continued";

    /// <summary>The step is done.</summary>
    public const string Completed = "completed";

    /// <summary>
    /// The error type the function fails with when Cognito or S3 still throttles after the call's own retries; it has
    /// saved a checkpoint first, so the state machine retries the step later with backoff. Lambda reports a .NET
    /// exception's type name as the error (https://docs.aws.amazon.com/lambda/latest/dg/csharp-exceptions.html).
    /// </summary>
    public const string ThrottledError = "UserExportThrottledException";
}
