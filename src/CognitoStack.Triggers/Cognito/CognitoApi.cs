using System.Text.Json;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.Triggers.Json;

namespace CognitoStack.Triggers.Cognito;

/// <summary>
/// Calls the Cognito user pools API directly: one SigV4-signed AWS JSON 1.1 POST per operation to
/// <c>https://cognito-idp.{region}.amazonaws.com/</c>. No SDK: the AWS SDK packages are not available here,
/// and a few calls do not need one. Never throws for network, HTTP or API errors.
/// </summary>
/// <param name="http">Sends the request; its timeout bounds each call.</param>
/// <param name="region">The user pool's region, e.g. <c>eu-west-1</c> (validated by the caller).</param>
/// <param name="clock">Signing time.</param>
/// <param name="endpoint">Where requests go instead of the regional endpoint (tests: cognito-local); null in Lambda.</param>
internal sealed class CognitoApi(HttpClient http, string region, TimeProvider clock, Uri? endpoint = null)
{
    /// <summary>The signing name of the Cognito user pools API.</summary>
    public const string Service = "cognito-idp";

    /// <summary>The AWS JSON 1.1 media type the API takes.</summary>
    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>The <c>X-Amz-Target</c> prefix of every operation.</summary>
    public const string TargetPrefix = "AWSCognitoIdentityProviderService.";

    /// <summary>The API endpoint host in <see cref="Region"/>.</summary>
    public string Host { get; } = endpoint is null ? $"{Service}.{region}.amazonaws.com" : endpoint.Authority;

    /// <summary>The region the calls go to.</summary>
    public string Region { get; } = region;

    /// <summary>The client's timeout, for messages.</summary>
    public TimeSpan Timeout => http.Timeout;

    /// <summary>
    /// The HTTP client a trigger keeps for its execution environment: connections (and their TLS sessions) are
    /// reused across invocations, <c>PooledConnectionLifetime</c> picks up DNS changes, and
    /// <paramref name="timeout"/> bounds both connecting and the whole call.
    /// </summary>
    public static HttpClient CreateHttpClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = timeout }) { Timeout = timeout };

    /// <summary>Sends <paramref name="body"/> to <paramref name="operation"/>, e.g. <c>AdminGetUser</c>.</summary>
    public ApiResponse Send(string operation, byte[] body, AwsCredentials credentials)
    {
        try
        {
            using var request = CreateSignedRequest(TargetPrefix + operation, body, credentials);
            using var response = http.Send(request);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                using var stream = response.Content.ReadAsStream();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return new ApiResponse(true, status, copy.ToArray(), null, $"{operation} succeeded");
            }

            return new ApiResponse(false, status, [], ErrorType(response), $"{operation} was refused");
        }
        catch (TaskCanceledException)
        {
            return new ApiResponse(false, null, [], "Timeout", $"{operation} timed out after {http.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException or InvalidOperationException or NotSupportedException)
        {
            return new ApiResponse(false, null, [], exception.GetType().Name, $"{operation} could not be sent");
        }
    }

    /// <summary>
    /// Builds and signs one request to <paramref name="operation"/> and throws it away: initialization work
    /// (the signer's first run), so a first call does not pay for it. The credentials are placeholders: no
    /// connection is opened and no real credential or signing time is kept, so nothing of it can go stale
    /// in a SnapStart snapshot.
    /// </summary>
    public void WarmUp(string operation, byte[] body)
    {
        using var request = CreateSignedRequest(TargetPrefix + operation, body, new AwsCredentials("WARMUPACCESSKEY", "warm-up", "warm-up"));
    }

    private HttpRequestMessage CreateSignedRequest(string target, byte[] body, AwsCredentials credentials)
    {
        var now = clock.GetUtcNow();
        var amzDate = SigV4.FormatAmzDate(now);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", ContentType),
            new("Host", Host),
            new("X-Amz-Date", amzDate),
            new("X-Amz-Target", target),
        };
        if (credentials.SessionToken is not null)
        {
            headers.Add(new("X-Amz-Security-Token", credentials.SessionToken));
        }

        var signature = SigV4.Sign(new SigV4Request("POST", "/", headers, body), credentials, Region, Service, now);

        var request = new HttpRequestMessage(HttpMethod.Post, endpoint ?? new Uri($"https://{Host}/"))
        {
            Content = new ByteArrayContent(body),
            Version = System.Net.HttpVersion.Version11,
        };
        // Sent exactly as signed: the typed header would be re-formatted.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        request.Headers.Host = Host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        if (credentials.SessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.SessionToken);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return request;
    }

    // AWS JSON APIs name the error in the body ("__type", sometimes prefixed with a namespace and '#')
    // and in X-Amzn-ErrorType. Only the type is kept: the message may quote the user name.
    private static string? ErrorType(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("X-Amzn-ErrorType", out var values))
        {
            return Shorten(values.FirstOrDefault());
        }

        try
        {
            using var stream = response.Content.ReadAsStream();
            var error = JsonSerializer.Deserialize(stream, TriggersJsonContext.Default.AwsErrorBody);
            return Shorten(error?.Type);
        }
        catch (Exception exception) when (exception is JsonException or IOException or NotSupportedException or InvalidOperationException or HttpRequestException)
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
        return colon < 0 ? name : name[..colon];
    }
}

/// <summary>What came of one API call.</summary>
/// <param name="Succeeded">Whether the API answered 2xx.</param>
/// <param name="Status">The HTTP status, when there was a response.</param>
/// <param name="Body">The response body on success; empty otherwise.</param>
/// <param name="ErrorType">The AWS error type or exception name, when it failed.</param>
/// <param name="Message">What happened, for the log.</param>
internal sealed record ApiResponse(bool Succeeded, int? Status, byte[] Body, string? ErrorType, string Message);
