using System.Diagnostics;
using System.Globalization;
using CognitoStack.Contract;
using CognitoStack.Fakes;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.UserExport.Aws;
using CognitoStack.UserExport.Export;

// Usage: CognitoStack.UserExport.Bench [users=100000] [throttleEvery=0]
// Runs every step of the partitioned export (groups, 16 partitions, finish) in this process against the loopback fake
// Cognito and S3 (tests/Fakes/LoopbackCognito.cs: pages of 60, the sub ^= filter), unpaced, with every
// throttleEvery-th Cognito request answered TooManyRequestsException/ThrottlingException (0: none) and retried with the
// export's own backoff. Prints one line: users, files, pages, seconds, the longest step (the largest chunk one
// invocation would work through, here without a time budget), peak working set and GC heap (fake included), throttles,
// and the time the same pages take at the default share of the UserList quota.
var users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var throttleEvery = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
const string Pool = "eu-west-1_Bench00001";

var setup = Stopwatch.GetTimestamp();
using var fake = new LoopbackCognito(users, keepUserFiles: false) { ThrottleEvery = throttleEvery };
var setupSeconds = Stopwatch.GetElapsedTime(setup).TotalSeconds;
GC.Collect();

var peakHeap = 0L;
using var sampler = new Timer(_ => peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false)), null, 0, 10);
var clock = TimeProvider.System;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4 });
var sender = new AwsClient(http, "eu-west-1", new BenchCredentials(), RetryPolicy.Default, clock, (d, t) => Task.Delay(d, t));
var exporter = new Exporter(
    new CognitoUsers(sender, fake.Endpoint, new RequestPacer(0, clock, Task.Delay), new RequestPacer(0, clock, Task.Delay)),
    new S3Objects(sender, fake.Endpoint, "bench-bucket", pathStyle: true),
    clock, new ExportOptions(Pool, "eu-west-1", TimeSpan.FromHours(1)));

var startedAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
var started = Stopwatch.GetTimestamp();
var pages = 0;
var longest = (Name: string.Empty, Seconds: 0.0);
async Task<StepOutcome> Step(string name, Func<Task<StepOutcome>> run)
{
    var at = Stopwatch.GetTimestamp();
    var outcome = await run();
    var seconds = Stopwatch.GetElapsedTime(at).TotalSeconds;
    pages += exporter.Pages;
    longest = seconds > longest.Seconds ? (name, seconds) : longest;
    return outcome.Completed ? outcome : throw new InvalidOperationException($"{name} did not complete in one hour");
}

await Step(UserExportSteps.Groups, () => exporter.ReadGroupsAsync(startedAt, CancellationToken.None));
foreach (var partition in ExportPartitions.All)
{
    await Step($"partition-{partition}", () => exporter.ExportPartitionAsync(startedAt, partition, CancellationToken.None));
}

var finish = await exporter.FinishAsync(startedAt, CancellationToken.None);
var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));

var rate = ExportPartitions.Rate(ExportPartitions.DefaultQuotaShare);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"users={finish.Users} files={finish.Files} pages={pages} seconds={seconds:0.00} longestStep={longest.Name} longestStepSeconds={longest.Seconds:0.00} peakWorkingSetMB={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0} peakGcHeapMB={peakHeap / 1048576.0:0.0} throttled={fake.Throttled} retries={sender.Retries} secondsAt10rps={pages / rate.RequestsPerSecond:0} gzipBytes={fake.UserFileBytes} fakeSetupSeconds={setupSeconds:0.0} completed={finish.Completed}"));
return finish.Completed && finish.Users == users ? 0 : 1;

/// <summary>Fixed credentials: the bench measures the export, not credential resolution.</summary>
internal sealed class BenchCredentials : IAwsCredentialSource
{
    private readonly AwsCredentials _credentials = new("AKIDEXAMPLE", "bench-secret");

    public AwsCredentials GetCredentials() => _credentials;

    public Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(_credentials);
}
