using CognitoStack.Contract;
using CognitoStack.Fakes;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.Tests.Credentials;
using CognitoStack.UserExport.Aws;
using CognitoStack.UserExport.Export;
using CognitoStack.UserExport.Tests.Helpers;

namespace CognitoStack.UserExport.Tests;

/// <summary>
/// The partitioned export over HTTP against <see cref="LoopbackCognito"/>: real pages of 60, the <c>sub ^=</c> filter,
/// and throttling injected as Cognito sends it (HTTP 400 <c>TooManyRequestsException</c> or <c>ThrottlingException</c>).
/// </summary>
public sealed class LoopbackExportTests : IDisposable
{
    private const string Pool = "eu-west-1_Loop00001";
    private static readonly DateTimeOffset StartedAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private Exporter Create(LoopbackCognito fake, ManualClock clock, RetryPolicy retry)
    {
        var sender = new AwsClient(_http, "eu-west-1", new TestCredentials(new AwsCredentials("AKIDEXAMPLE", "secret")), retry, clock, clock.Delay, () => 0.5);
        return new Exporter(
            new CognitoUsers(sender, fake.Endpoint, new RequestPacer(0, clock, clock.Delay), new RequestPacer(0, clock, clock.Delay)),
            new S3Objects(sender, fake.Endpoint, "export-bucket", pathStyle: true), clock, new ExportOptions(Pool, "eu-west-1", TimeSpan.FromMinutes(13)));
    }

    [Fact]
    public async Task Partitions_Should_CoverEveryUserExactlyOnce_When_CognitoThrottlesOnTheWay()
    {
        using var fake = new LoopbackCognito(5_000) { ThrottleEvery = 7, ThrottleBurst = 2 };

        var outcome = await Create(fake, new ManualClock(), RetryPolicy.Default).RunToCompletionAsync(StartedAt, CancellationToken.None);

        Assert.Equal(5_000, outcome.Users);
        Assert.True(fake.Throttled > 10, "throttling was injected and absorbed");
        Assert.Equal(ExportPartitions.All.Select(ExportPartitions.Filter).Order(StringComparer.Ordinal), fake.Filters.Order(StringComparer.Ordinal));
        var prefix = UserExportFormat.ExportPrefix(Pool, StartedAt);
        var lines = fake.Objects.Keys.Where(k => k.Contains("/users-", StringComparison.Ordinal)).SelectMany(fake.Lines).ToList();
        Assert.Equal(Enumerable.Range(0, 5_000).Select(LoopbackCognito.Name), lines.Select(l => l.GetProperty("username").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(50, lines.Count(l => l.GetProperty("groups").EnumerateArray().Any(g => g.GetString() == "admin")));
        Assert.Contains(prefix + UserExportFormat.ManifestName, fake.Objects.Keys);
    }

    [Fact]
    public async Task Partition_Should_ResumeAfterTheStateMachinesRetry_When_ThrottlingOutlastsTheCallsRetries()
    {
        using var fake = new LoopbackCognito(3_000);
        var clock = new ManualClock();
        var retry = new RetryPolicy(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        Assert.True((await Create(fake, clock, retry).ReadGroupsAsync(StartedAt, CancellationToken.None)).Completed);
        fake.ThrottleEvery = 5;
        fake.ThrottleBurst = 3;

        var retries = 0;
        foreach (var partition in ExportPartitions.All)
        {
            while (true)
            {
                try
                {
                    if ((await Create(fake, clock, retry).ExportPartitionAsync(StartedAt, partition, CancellationToken.None)).Completed)
                    {
                        break;
                    }
                }
                catch (UserExportThrottledException)
                {
                    Assert.True(++retries < 500, "the partitions make no progress");
                }
            }
        }

        var outcome = await Create(fake, clock, retry).FinishAsync(StartedAt, CancellationToken.None);

        Assert.True(retries > 0, "some step failed with the retryable error");
        Assert.Equal(3_000, outcome.Users);
        var lines = fake.Objects.Keys.Where(k => k.Contains("/users-", StringComparison.Ordinal)).SelectMany(fake.Lines).ToList();
        Assert.Equal(3_000, lines.Select(l => l.GetProperty("username").GetString()).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(3_000, lines.Count);
    }
}
