using CognitoStack.Lambda.Common.Signing;

namespace CognitoStack.Authorizer;

/// <summary>
/// Calls Verified Permissions' <c>IsAuthorizedWithToken</c>: one SigV4-signed AWS JSON 1.0 POST to
/// <c>https://verifiedpermissions.{region}.amazonaws.com/</c> with <c>X-Amz-Target:
/// VerifiedPermissions.IsAuthorizedWithToken</c> (the service model: protocol <c>json</c> 1.0, target prefix
/// and signing name <c>verifiedpermissions</c>; request and response shapes:
/// https://docs.aws.amazon.com/verifiedpermissions/latest/apireference/API_IsAuthorizedWithToken.html).
/// Credentials are the execution role's, from the variables Lambda sets; read per call, so a refreshed
/// session is used as soon as Lambda hands it over.
/// </summary>
/// <param name="http">Sends the request; its timeout bounds each call.</param>
/// <param name="region">The policy store's region.</param>
/// <param name="readVariable">Reads the credential variables.</param>
/// <param name="clock">Signing time.</param>
/// <param name="endpoint">Where requests go instead of the regional endpoint (tests: a loopback fake); null in Lambda.</param>
public sealed class VerifiedPermissionsClient(HttpClient http, string region, Func<string, string?> readVariable, TimeProvider clock, Uri? endpoint = null)
    : IVerifiedPermissions
{
    /// <summary>The signing name and endpoint prefix.</summary>
    public const string Service = "verifiedpermissions";

    /// <summary>The AWS JSON 1.0 media type.</summary>
    public const string ContentType = "application/x-amz-json-1.0";

    /// <summary>The operation's <c>X-Amz-Target</c>.</summary>
    public const string Target = "VerifiedPermissions.IsAuthorizedWithToken";

    private readonly string _host = endpoint is null ? $"{Service}.{region}.amazonaws.com" : endpoint.Authority;

    /// <summary>A client whose connections (and TLS sessions) are reused across invocations.</summary>
    public static HttpClient CreateHttpClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = timeout }) { Timeout = timeout };

    /// <inheritdoc/>
    public VerifiedPermissionsAnswer IsAuthorizedWithToken(byte[] requestJson)
    {
        ArgumentNullException.ThrowIfNull(requestJson);
        if (AwsCredentials.FromVariables(readVariable) is not { } credentials)
        {
            return new VerifiedPermissionsAnswer(false, [], "no credentials: AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY is not set");
        }

        try
        {
            using var request = CreateSignedRequest(requestJson, credentials);
            using var response = http.Send(request);
            using var stream = response.Content.ReadAsStream();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (response.IsSuccessStatusCode)
            {
                return new VerifiedPermissionsAnswer(true, copy.ToArray(), null);
            }

            var type = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            return new VerifiedPermissionsAnswer(false, [], $"HTTP {(int)response.StatusCode} {type?.Split(':')[0] ?? "(no error type)"}");
        }
        catch (TaskCanceledException)
        {
            return new VerifiedPermissionsAnswer(false, [], $"timed out after {http.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException or InvalidOperationException or NotSupportedException)
        {
            return new VerifiedPermissionsAnswer(false, [], $"could not be sent: {exception.GetType().Name}");
        }
    }

    private HttpRequestMessage CreateSignedRequest(byte[] body, AwsCredentials credentials)
    {
        var now = clock.GetUtcNow();
        var amzDate = SigV4.FormatAmzDate(now);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", ContentType),
            new("Host", _host),
            new("X-Amz-Date", amzDate),
            new("X-Amz-Target", Target),
        };
        if (credentials.SessionToken is not null)
        {
            headers.Add(new("X-Amz-Security-Token", credentials.SessionToken));
        }

        var signature = SigV4.Sign(new SigV4Request("POST", "/", headers, body), credentials, region, Service, now);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint ?? new Uri($"https://{_host}/"))
        {
            Content = new ByteArrayContent(body),
            Version = System.Net.HttpVersion.Version11,
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        request.Headers.Host = _host;
        foreach (var (name, value) in headers.Skip(2))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return request;
    }
}
