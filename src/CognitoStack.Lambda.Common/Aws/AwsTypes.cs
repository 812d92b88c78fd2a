using System.Security.Cryptography;

namespace CognitoStack.Lambda.Common.Aws;

/// <summary>A request to sign and send: everything but the signature headers.</summary>
/// <param name="Operation">For results, errors and logs, e.g. <c>ListUsers</c>.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Endpoint">Scheme, host and port; the host (with a non-default port) is signed.</param>
/// <param name="Path">The unencoded path (each byte outside A-Z a-z 0-9 - _ . ~ / is percent-encoded once, as S3 and the JSON APIs expect).</param>
/// <param name="Service">The signing name, e.g. <c>cognito-idp</c>; <c>s3</c> also signs the payload hash.</param>
/// <param name="Headers">Extra headers, all signed.</param>
/// <param name="Body">The body.</param>
public sealed record AwsRequest(string Operation, HttpMethod Method, Uri Endpoint, string Path, string Service,
    IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body);

/// <summary>What came of one call (after any retries).</summary>
/// <param name="Succeeded">Whether the API answered 2xx.</param>
/// <param name="Status">The HTTP status, when there was a response.</param>
/// <param name="Body">The response body on success; empty otherwise.</param>
/// <param name="ErrorType">The AWS error type (<c>X-Amzn-ErrorType</c>, <c>__type</c> or S3's <c>Code</c>, without
/// namespace or message), <c>Timeout</c>, an exception name, or a credentials error type; null on success.</param>
/// <param name="Message">What happened, for the log: operation and outcome, never the API's error message (it may quote a user name).</param>
public sealed record AwsResponse(bool Succeeded, int? Status, byte[] Body, string? ErrorType, string Message)
{
    /// <summary>The body on success; otherwise throws.</summary>
    /// <exception cref="AwsApiException">The call failed.</exception>
    public byte[] BodyOrThrow(string operation) =>
        Succeeded ? Body : throw new AwsApiException(operation, Status, ErrorType);
}

/// <summary>
/// How calls are retried: AWS's throttling errors, HTTP 429 and 5XX and lost connections, with capped exponential
/// backoff and full jitter, as AWS's retry guidance describes
/// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html); anything else fails at once.
/// </summary>
/// <param name="MaxAttempts">Attempts per call, the first included.</param>
/// <param name="BaseDelay">The first backoff's upper bound; doubles with each attempt.</param>
/// <param name="MaxDelay">No backoff waits longer.</param>
/// <param name="Budget">The longest one call may take, retries and backoff included (each attempt is cut at what is
/// left); null for no overall bound (the HTTP client's timeout still bounds each attempt).</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan? Budget = null)
{
    /// <summary>8 attempts, 200 ms doubling up to 20 s: about a minute of throttling before a batch job gives up.</summary>
    public static RetryPolicy Default { get; } = new(8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20));

    /// <summary>One attempt, no retry.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>
    /// For a Cognito trigger: 3 attempts, 50 ms doubling up to 200 ms, all inside <paramref name="budget"/> (the
    /// trigger's share of the 5 seconds Cognito waits), so a retry never makes a call slower than a single timeout.
    /// </summary>
    public static RetryPolicy Trigger(TimeSpan budget) => new(3, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), budget);

    /// <summary>
    /// <see cref="Trigger(TimeSpan)"/> bounded by <paramref name="client"/>'s timeout, the documented bound of each of a
    /// trigger's calls (retries included); <paramref name="fallback"/> when the client has no timeout.
    /// </summary>
    public static RetryPolicy Trigger(HttpClient client, TimeSpan fallback) =>
        Trigger(client.Timeout > TimeSpan.Zero ? client.Timeout : fallback);

    /// <summary>The error types worth another attempt.</summary>
    public static bool IsRetryable(int? status, string? errorType) =>
        errorType is not ("MissingCredentials" or "InvalidCredentialsEndpoint" or "CredentialsUnavailable")
        && (status is null or 429 or >= 500
            || errorType is "TooManyRequestsException" or "ThrottlingException" or "Throttling" or "RequestLimitExceeded"
                or "InternalErrorException" or "SlowDown" or "RequestTimeout");

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 for the first retry): random in [0, min(max, base × 2^(attempt-2))].</summary>
    public TimeSpan Delay(int attempt, double random)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 2)));
        return TimeSpan.FromMilliseconds(ceiling * Math.Clamp(random, 0, 1));
    }

    /// <summary>
    /// The default jitter source: a fresh value from the operating system's generator on each call. No seeded
    /// generator exists, so none can be frozen in a SnapStart snapshot and repeat in every restored environment.
    /// </summary>
    public static double SystemRandom() => RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
}

/// <summary>An AWS API call that failed for good: its operation, HTTP status and error type (never the message, which may quote a user).</summary>
public sealed class AwsApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsApiException(string operation, int? status, string? errorType, Exception? inner = null)
        : base($"{operation} failed: {(status is null ? "no response" : $"HTTP {status}")}{(errorType is null ? string.Empty : $" {errorType}")}", inner)
    {
        Operation = operation;
        Status = status;
        ErrorType = errorType;
    }

    /// <summary>Creates an exception without details (for serializers and analyzers).</summary>
    public AwsApiException()
        : this("request", null, null)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public AwsApiException(string message)
        : base(message)
    {
        Operation = "request";
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public AwsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "request";
    }

    /// <summary>The operation, e.g. <c>ListUsers</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status, when there was a response.</summary>
    public int? Status { get; }

    /// <summary>The AWS error type, e.g. <c>ResourceNotFoundException</c>.</summary>
    public string? ErrorType { get; }
}
