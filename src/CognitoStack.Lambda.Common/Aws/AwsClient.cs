using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CognitoStack.Lambda.Common.Signing;

namespace CognitoStack.Lambda.Common.Aws;

/// <summary>
/// The one AWS call layer: takes credentials from an <see cref="IAwsCredentialSource"/> on every attempt (Lambda
/// rotates them; under SnapStart they come from the container endpoint), signs with SigV4, sends, and retries what
/// its <see cref="RetryPolicy"/> allows. <see cref="Send"/> and <see cref="SendAsync"/> never throw for network, HTTP,
/// API or credential errors: the <see cref="AwsResponse"/> says what happened. For AWS JSON 1.1 APIs use
/// <see cref="AwsJsonService"/> on top.
/// </summary>
/// <remarks>
/// SnapStart: constructing it reads no credentials, opens no connection and creates no random generator; all of
/// that happens on the first call, after the restore.
/// </remarks>
public sealed class AwsClient
{
    private readonly HttpClient _http;
    private readonly IAwsCredentialSource _credentials;
    private readonly TimeProvider _clock;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<double> _random;
    private int _retries;

    /// <summary>Creates the client.</summary>
    /// <param name="http">Sends the requests; its timeout bounds each attempt.</param>
    /// <param name="region">The region requests are signed for, e.g. <c>eu-west-1</c> (validated by the caller).</param>
    /// <param name="credentials">Where credentials come from: <see cref="LambdaCredentials"/> in Lambda.</param>
    /// <param name="retry">The retry policy; <see cref="RetryPolicy.None"/> when left out.</param>
    /// <param name="clock">Signing time, budgets and backoff; the system clock when left out.</param>
    /// <param name="delay">Waits between attempts; <c>Task.Delay</c> on <paramref name="clock"/> when left out.</param>
    /// <param name="random">Jitter in [0, 1]; <see cref="RetryPolicy.SystemRandom"/> when left out.</param>
    public AwsClient(HttpClient http, string region, IAwsCredentialSource credentials, RetryPolicy? retry = null, TimeProvider? clock = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentNullException.ThrowIfNull(credentials);
        _http = http;
        Region = region;
        _credentials = credentials;
        Retry = retry ?? RetryPolicy.None;
        _clock = clock ?? TimeProvider.System;
        _delay = delay ?? ((wait, token) => Task.Delay(wait, _clock, token));
        _random = random ?? RetryPolicy.SystemRandom;
    }

    /// <summary>The region requests are signed for.</summary>
    public string Region { get; }

    /// <summary>The retry policy.</summary>
    public RetryPolicy Retry { get; }

    /// <summary>The HTTP client's timeout, for messages.</summary>
    public TimeSpan Timeout => _http.Timeout;

    /// <summary>Retries made so far (throttling, server errors, lost connections), for the log.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>
    /// The HTTP client a function keeps for its execution environment: connections (and their TLS sessions) are
    /// reused across invocations, <c>PooledConnectionLifetime</c> picks up DNS changes, and <paramref name="timeout"/>
    /// bounds both connecting and each attempt. Creating it opens no connection.
    /// </summary>
    public static HttpClient CreateHttpClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = timeout }) { Timeout = timeout };

    /// <summary>Sends <paramref name="request"/>, retrying as the policy allows, and blocks until done.</summary>
    public AwsResponse Send(AwsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _clock.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            using var attemptBudget = AttemptBudget(started);
            AwsResponse response;
            try
            {
                // Within the budget: the SDK retries a failing credentials endpoint for seconds.
                var credentials = attemptBudget is null
                    ? _credentials.GetCredentials()
                    : _credentials.GetCredentialsAsync(attemptBudget.Token).GetAwaiter().GetResult();
                using var message = Sign(request, credentials);
                using var answer = _http.Send(message, attemptBudget?.Token ?? CancellationToken.None);
                using var stream = answer.Content.ReadAsStream(attemptBudget?.Token ?? CancellationToken.None);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                response = Answer(request, answer, copy.ToArray());
            }
            catch (Exception exception) when (Failure(request, exception, CancellationToken.None) is { } failure)
            {
                response = failure;
            }

            if (!ShouldRetry(response, attempt, started, out var wait))
            {
                return response;
            }

            _delay(wait, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>Sends <paramref name="request"/>, retrying as the policy allows.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _clock.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            using var attemptBudget = AttemptBudget(started);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptBudget?.Token ?? CancellationToken.None);
            AwsResponse response;
            try
            {
                var credentials = await _credentials.GetCredentialsAsync(linked.Token).ConfigureAwait(false);
                using var message = Sign(request, credentials);
                using var answer = await _http.SendAsync(message, linked.Token).ConfigureAwait(false);
                var body = await answer.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                response = Answer(request, answer, body);
            }
            catch (Exception exception) when (Failure(request, exception, cancellationToken) is { } failure)
            {
                response = failure;
            }

            if (!ShouldRetry(response, attempt, started, out var wait))
            {
                return response;
            }

            await _delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends <paramref name="request"/>; the body on success, null for 404 when <paramref name="notFoundIsNull"/>.</summary>
    /// <exception cref="AwsApiException">The call failed after the retries the policy allows.</exception>
    public async Task<byte[]?> SendOrThrowAsync(AwsRequest request, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return notFoundIsNull && response.Status == (int)HttpStatusCode.NotFound ? null : response.BodyOrThrow(request.Operation);
    }

    /// <summary>
    /// Builds and signs one request and throws it away: initialization work (the signer's first run, the
    /// serializer's metadata), so a first call does not pay for it. The credentials are placeholders: nothing is
    /// read, no connection is opened and no signing time is kept, so nothing of it can go stale in a SnapStart snapshot.
    /// </summary>
    public void WarmUp(AwsRequest request)
    {
        using var message = Sign(request, new AwsCredentials("WARMUPACCESSKEY", "warm-up", "warm-up"));
    }

    private CancellationTokenSource? AttemptBudget(long started) =>
        Retry.Budget is { } budget ? new CancellationTokenSource(Max(budget - _clock.GetElapsedTime(started), TimeSpan.FromMilliseconds(1)), _clock) : null;

    private bool ShouldRetry(AwsResponse response, int attempt, long started, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (response.Succeeded || attempt >= Retry.MaxAttempts || !RetryPolicy.IsRetryable(response.Status, response.ErrorType))
        {
            return false;
        }

        wait = Retry.Delay(attempt + 1, _random());
        if (Retry.Budget is { } budget && _clock.GetElapsedTime(started) + wait >= budget)
        {
            return false;
        }

        Interlocked.Increment(ref _retries);
        return true;
    }

    private static AwsResponse Answer(AwsRequest request, HttpResponseMessage answer, byte[] body)
    {
        var status = (int)answer.StatusCode;
        return answer.IsSuccessStatusCode
            ? new AwsResponse(true, status, body, null, $"{request.Operation} succeeded")
            : new AwsResponse(false, status, [], ErrorType(answer, body), $"{request.Operation} was refused");
    }

    private AwsResponse? Failure(AwsRequest request, Exception exception, CancellationToken caller) => exception switch
    {
        AwsCredentialsException credentials => new AwsResponse(false, null, [], credentials.ErrorType, $"{request.Operation} not sent: {credentials.Message}"),
        OperationCanceledException when caller.IsCancellationRequested => null,
        OperationCanceledException => new AwsResponse(false, null, [], "Timeout", $"{request.Operation} timed out after {AttemptLimit().TotalSeconds:0.###} s"),
        HttpRequestException or IOException or InvalidOperationException or NotSupportedException =>
            new AwsResponse(false, null, [], exception.GetType().Name, $"{request.Operation} could not be sent"),
        _ => null,
    };

    private TimeSpan AttemptLimit() => Retry.Budget is { } budget && budget < _http.Timeout ? budget : _http.Timeout;

    private HttpRequestMessage Sign(AwsRequest request, AwsCredentials credentials)
    {
        var now = _clock.GetUtcNow();
        var amzDate = SigV4.FormatAmzDate(now);
        var headers = new List<KeyValuePair<string, string>>(request.Headers)
        {
            new("Host", request.Endpoint.Authority),
            new("X-Amz-Date", amzDate),
        };
        if (request.Service == "s3")
        {
            // S3 signs the payload hash and wants it in this header.
            headers.Add(new("X-Amz-Content-Sha256", Convert.ToHexStringLower(SHA256.HashData(request.Body.Span))));
        }

        if (credentials.SessionToken is not null)
        {
            headers.Add(new("X-Amz-Security-Token", credentials.SessionToken));
        }

        var signature = SigV4.Sign(new SigV4Request(request.Method.Method, request.Path, headers, request.Body), credentials, Region, request.Service, now);
        var message = new HttpRequestMessage(request.Method, new Uri(request.Endpoint, SigV4.EncodePath(request.Path)))
        {
            Version = HttpVersion.Version11,
            Content = request.Body.IsEmpty && request.Method == HttpMethod.Get ? null : new ReadOnlyMemoryContent(request.Body),
        };
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                message.Headers.Host = value;
            }
            else if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                // Sent exactly as signed: typed content headers would be re-formatted.
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return message;
    }

    // AWS JSON APIs name the error in X-Amzn-ErrorType or the body's __type (sometimes "namespace#Type" or
    // "Type:message"); S3 in an XML <Code>. Only the type is kept: the message may quote a user name.
    internal static string? ErrorType(HttpResponseMessage response, byte[] body)
    {
        if (response.Headers.TryGetValues("X-Amzn-ErrorType", out var values))
        {
            return Shorten(values.FirstOrDefault());
        }

        var text = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 4096)));
        var code = text.IndexOf("<Code>", StringComparison.Ordinal);
        if (code >= 0)
        {
            var end = text.IndexOf("</Code>", code, StringComparison.Ordinal);
            return end > code ? Shorten(text[(code + 6)..end]) : null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("__type", out var type) && type.ValueKind == JsonValueKind.String
                ? Shorten(type.GetString())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Shorten(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return null;
        }

        var name = type[(type.LastIndexOf('#') + 1)..];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        name = colon < 0 ? name : name[..colon];
        return name.Length is > 0 and <= 100 && name.All(char.IsAsciiLetterOrDigit) ? name : "UnrecognizedError";
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
