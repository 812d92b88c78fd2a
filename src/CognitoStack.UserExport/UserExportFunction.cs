using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;
using CognitoStack.UserExport.Aws;
using CognitoStack.UserExport.Export;
using CognitoStack.UserExport.Json;

namespace CognitoStack.UserExport;

/// <summary>
/// The user export's steps, handler <see cref="LambdaHandlers.UserExport"/>, run by the export's state machine
/// (<see cref="UserExportSteps"/>): the groups step, one step per partition, the finish. Each invocation works for at most
/// its time budget, saves a checkpoint and returns <c>continued</c>; the state machine runs the step again until it
/// returns <c>completed</c>. The function invokes nothing itself: AWS advises against functions that invoke themselves
/// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html). A failure is logged (error type and
/// operation only) and thrown, so the state machine retries it or fails the execution; throttling that outlasts a
/// call's retries is thrown as <see cref="UserExportThrottledException"/> after the checkpoint is saved.
/// </summary>
public sealed partial class UserExportFunction
{
    /// <summary>Lambda's region variable.</summary>
    public const string RegionVariable = "AWS_REGION";

    /// <summary>
    /// <c>ListGroups</c> rate: its category (<c>UserPoolResourceRead</c>, 20 per second) allows at most 5 per second per
    /// operation and pool.
    /// </summary>
    public const double GroupReadRequestsPerSecond = 2;

    private static readonly HttpClient SharedHttpClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly JsonLog _log;
    private readonly Stream _output;
    private readonly string? _configurationError;
    private readonly Func<double, Exporter>? _createExporter;
    private readonly string _userPoolId = string.Empty;
    private readonly string _metricNamespace = string.Empty;
    private readonly double _partitionRate;
    private readonly double _exportRate;

    /// <summary>Reads its configuration from the environment (the Lambda entry point).</summary>
    public UserExportFunction()
        : this(Environment.GetEnvironmentVariable, SharedHttpClient)
    {
    }

    /// <summary>
    /// Reads the configuration through <paramref name="readVariable"/> and calls AWS through <paramref name="http"/>, with
    /// credentials from <paramref name="credentials"/> (<see cref="LambdaCredentials"/>, resolved at the first call, when left out).
    /// </summary>
    public UserExportFunction(Func<string, string?> readVariable, HttpClient http, Stream? logOutput = null, TimeProvider? clock = null,
        IAwsCredentialSource? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        ArgumentNullException.ThrowIfNull(http);
        _output = logOutput ?? Console.OpenStandardOutput();
        _log = new JsonLog(_output);
        var time = clock ?? TimeProvider.System;

        var region = readVariable(RegionVariable);
        var pool = readVariable(EnvironmentVariables.UserPoolId);
        var bucket = readVariable(EnvironmentVariables.ExportBucket);
        var metricNamespace = readVariable(EnvironmentVariables.MetricNamespace);
        var budget = readVariable(EnvironmentVariables.TimeBudgetSeconds);
        var partitionRate = readVariable(EnvironmentVariables.PartitionRequestsPerSecond);
        var exportRate = readVariable(EnvironmentVariables.ExportRequestsPerSecond);
        _configurationError =
            Check(RegionVariable, region, RegionPattern()) ?? Check(EnvironmentVariables.UserPoolId, pool, PoolPattern())
            ?? Check(EnvironmentVariables.ExportBucket, bucket, BucketPattern()) ?? Check(EnvironmentVariables.MetricNamespace, metricNamespace, NamespacePattern())
            ?? Check(EnvironmentVariables.TimeBudgetSeconds, budget, BudgetPattern())
            ?? CheckRate(EnvironmentVariables.PartitionRequestsPerSecond, partitionRate, out _partitionRate)
            ?? CheckRate(EnvironmentVariables.ExportRequestsPerSecond, exportRate, out _exportRate);
        if (_configurationError is null && int.Parse(budget!, CultureInfo.InvariantCulture) is < 60 or > 880)
        {
            _configurationError = $"{EnvironmentVariables.TimeBudgetSeconds} must be 60-880 seconds";
        }

        if (_configurationError is not null)
        {
            _log.Write("error", $"invalid configuration: {_configurationError}", new ExportFields());
            return;
        }

        _userPoolId = pool!;
        _metricNamespace = metricNamespace!;
        var source = credentials ?? new LambdaCredentials();
        var options = new ExportOptions(pool!, region!, TimeSpan.FromSeconds(int.Parse(budget!, CultureInfo.InvariantCulture)));
        _createExporter = userListRate =>
        {
            var client = new AwsClient(http, region!, source, RetryPolicy.Default, time);
            return new Exporter(
                new CognitoUsers(client, CognitoUsers.Endpoint(region!),
                    new RequestPacer(userListRate, time, (d, t) => Task.Delay(d, time, t)),
                    new RequestPacer(GroupReadRequestsPerSecond, time, (d, t) => Task.Delay(d, time, t))),
                new S3Objects(client, S3Objects.Endpoint(region!, bucket!), bucket!, pathStyle: false),
                time, options);
        };
        Clock = time;
    }

    private TimeProvider Clock { get; } = TimeProvider.System;

    /// <summary>Runs one step (<see cref="UserExportSteps"/>) for at most the time budget.</summary>
    /// <returns>The step's result: <c>{"step":…,"status":"completed"|"continued","exportPrefix":…,"users":N,"partitions":[…]}</c>.</returns>
    public Stream Handle(Stream input)
    {
        var started = Clock.GetTimestamp();
        if (_configurationError is not null || _createExporter is null)
        {
            throw new InvalidOperationException($"invalid configuration: {_configurationError}");
        }

        var (step, startedAt, partition) = ReadStep(input);
        var exporter = _createExporter(step == UserExportSteps.PartitionStep ? _partitionRate : _exportRate);
        var fields = new ExportFields(exporter.PrefixOf(startedAt), Step: step, Partition: partition);
        try
        {
            var outcome = step switch
            {
                UserExportSteps.Groups => exporter.ReadGroupsAsync(startedAt, CancellationToken.None),
                UserExportSteps.PartitionStep => exporter.ExportPartitionAsync(startedAt, partition!, CancellationToken.None),
                _ => exporter.FinishAsync(startedAt, CancellationToken.None),
            };
            var done = outcome.GetAwaiter().GetResult();
            _log.Write("info", done.Completed ? $"{step} step complete" : "time budget used: checkpoint written, the state machine runs the step again",
                fields with { Users = done.Users, Files = done.Files, Invocation = done.Invocations, DurationMs = Clock.GetElapsedTime(started).TotalMilliseconds });
            if (step == UserExportSteps.Finish)
            {
                ExportMetrics.Write(_output, _metricNamespace, _userPoolId, done, Clock.GetUtcNow());
            }

            var partitions = step == UserExportSteps.Groups && done.Completed ? ExportPartitions.All : [];
            return new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(
                new StepResult(step, done.Completed ? UserExportSteps.Completed : UserExportSteps.Continued, done.ExportPrefix, partition, done.Users, partitions),
                ExportJsonContext.Default.StepResult));
        }
        catch (UserExportThrottledException exception) when (exception.InnerException is AwsApiException cause)
        {
            _log.Write("warn", "throttled: checkpoint written, the state machine retries the step", fields with { ErrorType = cause.ErrorType ?? $"HTTP {cause.Status}", Operation = cause.Operation });
            throw;
        }
        catch (AwsApiException exception)
        {
            _log.Write("error", "export step failed", fields with { ErrorType = exception.ErrorType ?? $"HTTP {exception.Status}", Operation = exception.Operation });
            throw;
        }
        catch (Exception exception) when (exception is InvalidDataException or JsonException or IOException or HttpRequestException)
        {
            _log.Write("error", "export step failed", fields with { ErrorType = exception.GetType().Name });
            throw;
        }
    }

    // The state machine's event; an event without a step (a test invoke, another shape) is a groups step started now.
    private (string Step, DateTimeOffset StartedAt, string? Partition) ReadStep(Stream input)
    {
        var bytes = EventInput.Read(input);
        if (bytes.Problem is not null)
        {
            throw new InvalidDataException($"malformed event: {bytes.Problem}");
        }

        StepEvent? e;
        try
        {
            e = bytes.Bytes.IsEmpty ? null : JsonSerializer.Deserialize(bytes.Bytes.Span, ExportJsonContext.Default.StepEvent);
        }
        catch (JsonException)
        {
            e = null;
        }

        var step = e?.Step ?? UserExportSteps.Groups;
        if (step is not (UserExportSteps.Groups or UserExportSteps.PartitionStep or UserExportSteps.Finish))
        {
            throw new InvalidDataException($"malformed event: step is not {UserExportSteps.Groups}, {UserExportSteps.PartitionStep} or {UserExportSteps.Finish}");
        }

        if (step == UserExportSteps.PartitionStep && !ExportPartitions.IsPartition(e?.Partition))
        {
            throw new InvalidDataException("malformed event: partition is not one lower-case hex digit");
        }

        DateTimeOffset startedAt;
        if (e?.StartedAt is { } text)
        {
            if (!StartedAtPattern().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out startedAt))
            {
                throw new InvalidDataException("malformed event: startedAt is not an ISO 8601 UTC time");
            }
        }
        else if (step == UserExportSteps.Groups)
        {
            startedAt = Clock.GetUtcNow();
        }
        else
        {
            throw new InvalidDataException($"malformed event: the {step} step needs startedAt");
        }

        return (step, DateTimeOffset.FromUnixTimeSeconds(startedAt.ToUnixTimeSeconds()), step == UserExportSteps.PartitionStep ? e!.Partition : null);
    }

    private static string? CheckRate(string name, string? value, out double rate)
    {
        rate = 0;
        return value is null ? $"{name} is not set"
            : RatePattern().IsMatch(value) && double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rate) && rate is > 0 and <= ExportPartitions.UserListQuota ? null
            : $"{name} is invalid";
    }

    private static string? Check(string name, string? value, Regex pattern) =>
        value is null ? $"{name} is not set" : pattern.IsMatch(value) ? null : $"{name} is invalid";

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d\z")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^[\w-]+_[0-9a-zA-Z]+\z")]
    private static partial Regex PoolPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\z")]
    private static partial Regex BucketPattern();

    [GeneratedRegex(@"^[A-Za-z0-9/_.#:-]{1,255}\z")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"^\d{2,3}\z")]
    private static partial Regex BudgetPattern();

    [GeneratedRegex(@"^\d{1,2}(\.\d{1,3})?\z")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z\z")]
    private static partial Regex StartedAtPattern();
}
