using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.UserExport.Json;

namespace CognitoStack.UserExport.Aws;

/// <summary>A request to sign and send: everything but the signature headers.</summary>
/// <param name="Operation">For errors and logs, e.g. <c>ListUsers</c>.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Endpoint">Scheme, host and port; the host is signed.</param>
/// <param name="Path">The unencoded path (each byte outside A-Z a-z 0-9 - _ . ~ / is percent-encoded once, as S3 and these APIs expect).</param>
/// <param name="Service">The signing name, e.g. <c>cognito-idp</c>.</param>
/// <param name="Headers">Extra headers, all signed.</param>
/// <param name="Body">The body.</param>
internal sealed record AwsRequest(string Operation, HttpMethod Method, Uri Endpoint, string Path, string Service,
    IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body);

/// <summary>
/// Signs requests with the shared SigV4 signer (credentials read on every call, as Lambda may rotate them),
/// sends them, and retries what <see cref="RetryPolicy"/> allows. One instance per export.
/// </summary>
internal sealed class SignedSender(HttpClient http, string region, Func<AwsCredentials?> credentials, TimeProvider clock,
    RetryPolicy retry, Func<TimeSpan, CancellationToken, Task> delay, Func<double> random)
{
    /// <summary>Retries made so far (throttling and server errors), for the log.</summary>
    public int Retries { get; private set; }

    /// <summary>Sends <paramref name="request"/> until it succeeds; returns the response body (null for 404 when <paramref name="notFoundIsNull"/>).</summary>
    public async Task<byte[]?> SendAsync(AwsRequest request, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            int? status = null;
            string? errorType;
            Exception? failure = null;
            try
            {
                using var message = Sign(request);
                using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                errorType = ErrorType(response, body);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException
                || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                errorType = exception.GetType().Name;
                failure = exception;
            }

            if (!RetryPolicy.IsRetryable(status, errorType) || attempt >= retry.MaxAttempts)
            {
                throw new AwsApiException(request.Operation, status, errorType, failure);
            }

            Retries++;
            await delay(retry.Delay(attempt + 1, random()), cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage Sign(AwsRequest request)
    {
        var creds = credentials() ?? throw new AwsApiException(request.Operation, null, "MissingCredentials");
        var now = clock.GetUtcNow();
        var amzDate = SigV4.FormatAmzDate(now);
        var host = request.Endpoint.IsDefaultPort ? request.Endpoint.Host : $"{request.Endpoint.Host}:{request.Endpoint.Port}";
        var headers = new List<KeyValuePair<string, string>>(request.Headers)
        {
            new("Host", host),
            new("X-Amz-Date", amzDate),
        };
        if (request.Service == "s3")
        {
            // S3 signs the payload hash and wants it in this header.
            headers.Add(new("X-Amz-Content-Sha256", Convert.ToHexStringLower(SHA256.HashData(request.Body.Span))));
        }

        if (creds.SessionToken is not null)
        {
            headers.Add(new("X-Amz-Security-Token", creds.SessionToken));
        }

        var signature = SigV4.Sign(new SigV4Request(request.Method.Method, request.Path, headers, request.Body), creds, region, request.Service, now);
        var message = new HttpRequestMessage(request.Method, new Uri(request.Endpoint, EncodePath(request.Path)))
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

    // The same encoding the signer's canonical URI uses, so the path sent is the path signed.
    private static string EncodePath(string path)
    {
        var builder = new System.Text.StringBuilder(path.Length);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '/')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    // AWS JSON APIs name the error in X-Amzn-ErrorType or the body's __type; S3 in an XML <Code>.
    private static string? ErrorType(HttpResponseMessage response, byte[] body)
    {
        if (response.Headers.TryGetValues("X-Amzn-ErrorType", out var values))
        {
            return Shorten(values.FirstOrDefault());
        }

        var text = System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 4096)));
        var code = text.IndexOf("<Code>", StringComparison.Ordinal);
        if (code >= 0)
        {
            var end = text.IndexOf("</Code>", code, StringComparison.Ordinal);
            return end > code ? Shorten(text[(code + 6)..end]) : null;
        }

        try
        {
            return Shorten(JsonSerializer.Deserialize(body, ExportJsonContext.Default.AwsErrorBody)?.Type);
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
        return name.Length <= 100 && name.All(char.IsAsciiLetterOrDigit) ? name : "UnrecognizedError";
    }
}
