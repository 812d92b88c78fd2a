namespace CognitoStack.UserExport.Aws;

/// <summary>
/// How calls are paced and retried. Cognito's <c>TooManyRequestsException</c>, S3's <c>SlowDown</c>, HTTP 429 and
/// 5XX and lost connections are retried with capped exponential backoff and full jitter, as AWS's retry guidance
/// describes (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html); anything else fails at once.
/// </summary>
/// <param name="MaxAttempts">Attempts per call, the first included.</param>
/// <param name="BaseDelay">The first backoff's upper bound; doubles with each attempt.</param>
/// <param name="MaxDelay">No backoff waits longer.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>8 attempts, 200 ms doubling up to 20 s: about a minute of throttling before an export gives up.</summary>
    public static RetryPolicy Default { get; } = new(8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20));

    /// <summary>The error types worth another attempt.</summary>
    public static bool IsRetryable(int? status, string? errorType) =>
        status is null or 429 or >= 500
        || errorType is "TooManyRequestsException" or "ThrottlingException" or "InternalErrorException" or "SlowDown" or "RequestTimeout";

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 for the first retry): random in [0, min(max, base × 2^(attempt-2))].</summary>
    public TimeSpan Delay(int attempt, double random)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 2)));
        return TimeSpan.FromMilliseconds(ceiling * Math.Clamp(random, 0, 1));
    }
}
