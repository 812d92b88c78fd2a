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
/// The scheduled user export, handler <see cref="LambdaHandlers.UserExport"/>. Any event (the schedule's) starts an
/// export; <c>{"resume":"exports/&lt;pool&gt;/&lt;startedAt&gt;/"}</c>, which the export sends itself when it runs out of
/// time, resumes one. A failure is logged (error type and operation only) and thrown, so that Lambda counts an
/// error and the export-failed alarm fires; the next scheduled run starts a new export.
/// </summary>
public sealed partial class UserExportFunction
{
    /// <summary>Lambda's region variable.</summary>
    public const string RegionVariable = "AWS_REGION";

    /// <summary>Lambda's function-name variable (the continuation invokes this function).</summary>
    public const string FunctionNameVariable = "AWS_LAMBDA_FUNCTION_NAME";

    /// <summary>Share of Cognito's <c>UserList</c> quota (30 requests per second per account and region) one export uses.</summary>
    public const double UserListRequestsPerSecond = 10;

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
    private readonly Func<Exporter>? _createExporter;
    private readonly string _userPoolId = string.Empty;
    private readonly string _metricNamespace = string.Empty;

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
        var functionName = readVariable(FunctionNameVariable);
        _configurationError =
            Check(RegionVariable, region, RegionPattern()) ?? Check(EnvironmentVariables.UserPoolId, pool, PoolPattern())
            ?? Check(EnvironmentVariables.ExportBucket, bucket, BucketPattern()) ?? Check(EnvironmentVariables.MetricNamespace, metricNamespace, NamespacePattern())
            ?? Check(EnvironmentVariables.TimeBudgetSeconds, budget, BudgetPattern()) ?? Check(FunctionNameVariable, functionName, FunctionPattern());
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
        _createExporter = () =>
        {
            var client = new AwsClient(http, region!, source, RetryPolicy.Default, time);
            return new Exporter(
                new CognitoUsers(client, CognitoUsers.Endpoint(region!),
                    new RequestPacer(UserListRequestsPerSecond, time, (d, t) => Task.Delay(d, time, t)),
                    new RequestPacer(GroupReadRequestsPerSecond, time, (d, t) => Task.Delay(d, time, t))),
                new S3Objects(client, S3Objects.Endpoint(region!, bucket!), bucket!, pathStyle: false),
                new LambdaContinuation(client, LambdaContinuation.Endpoint(region!), functionName!),
                time, options);
        };
        Clock = time;
    }

    private TimeProvider Clock { get; } = TimeProvider.System;

    /// <summary>Runs (or resumes) an export.</summary>
    /// <returns><c>{"status":"completed"|"continued","exportPrefix":…,"users":N}</c>.</returns>
    public Stream Handle(Stream input)
    {
        var started = Clock.GetTimestamp();
        if (_configurationError is not null || _createExporter is null)
        {
            throw new InvalidOperationException($"invalid configuration: {_configurationError}");
        }

        var resume = ReadResume(input);
        var exporter = _createExporter();
        try
        {
            var outcome = exporter.RunAsync(resume, CancellationToken.None).GetAwaiter().GetResult();
            var fields = new ExportFields(outcome.ExportPrefix, outcome.Users, outcome.Files, outcome.Invocations, DurationMs: Clock.GetElapsedTime(started).TotalMilliseconds);
            if (outcome.Completed)
            {
                _log.Write("info", "export complete: manifest written", fields);
                ExportMetrics.Write(_output, _metricNamespace, _userPoolId, outcome, Clock.GetUtcNow());
            }
            else
            {
                _log.Write("info", "time budget used: checkpoint written, export continues in a new invocation", fields);
            }

            return new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(
                new ExportResult(outcome.Completed ? "completed" : "continued", outcome.ExportPrefix, outcome.Users), ExportJsonContext.Default.ExportResult));
        }
        catch (AwsApiException exception)
        {
            _log.Write("error", "export failed", new ExportFields(resume, ErrorType: exception.ErrorType ?? $"HTTP {exception.Status}", Operation: exception.Operation));
            throw;
        }
        catch (Exception exception) when (exception is InvalidDataException or JsonException or IOException or HttpRequestException)
        {
            _log.Write("error", "export failed", new ExportFields(resume, ErrorType: exception.GetType().Name));
            throw;
        }
    }

    // A resume request names an export folder of this pool; anything else (the schedule's event) starts an export.
    private string? ReadResume(Stream input)
    {
        var bytes = EventInput.Read(input);
        if (bytes.Problem is not null)
        {
            throw new InvalidDataException($"malformed event: {bytes.Problem}");
        }

        ResumeEvent? e;
        try
        {
            e = bytes.Bytes.IsEmpty ? null : JsonSerializer.Deserialize(bytes.Bytes.Span, ExportJsonContext.Default.ResumeEvent);
        }
        catch (JsonException)
        {
            // Not ours to read (the schedule's event has other shapes): a new export.
            return null;
        }

        if (e?.Resume is not { } resume)
        {
            return null;
        }

        var poolPrefix = UserExportFormat.PoolPrefix(_userPoolId);
        return resume.StartsWith(poolPrefix, StringComparison.Ordinal) && StampPattern().IsMatch(resume[poolPrefix.Length..])
            ? resume
            : throw new InvalidDataException("malformed event: resume is not an export folder of this pool");
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

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex FunctionPattern();

    [GeneratedRegex(@"^\d{8}T\d{6}Z/\z")]
    private static partial Regex StampPattern();
}
