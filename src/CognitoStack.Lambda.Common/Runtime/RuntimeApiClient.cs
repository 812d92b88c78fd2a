using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CognitoStack.Lambda.Common.Runtime;

/// <summary>One event Lambda hands the runtime, with the headers of the next-invocation response.</summary>
/// <param name="RequestId"><c>Lambda-Runtime-Aws-Request-Id</c>: names the invocation in the response or error.</param>
/// <param name="DeadlineMs"><c>Lambda-Runtime-Deadline-Ms</c>: when the function times out, Unix milliseconds; 0 when absent.</param>
/// <param name="InvokedFunctionArn"><c>Lambda-Runtime-Invoked-Function-Arn</c>, with the version or alias invoked; null when absent.</param>
/// <param name="TraceId"><c>Lambda-Runtime-Trace-Id</c>, the X-Ray trace header; null when absent.</param>
/// <param name="Event">The event, as Lambda sent it.</param>
public sealed record Invocation(string RequestId, long DeadlineMs, string? InvokedFunctionArn, string? TraceId, byte[] Event);

/// <summary>
/// A call to the Runtime API that Lambda answered with an error status: the runtime cannot go on (for
/// a 500, AWS's page says "Non-recoverable state. Runtime should exit promptly.").
/// </summary>
public sealed class RuntimeApiException : Exception
{
    /// <summary>Creates the exception for <paramref name="statusCode"/> of <paramref name="call"/>.</summary>
    public RuntimeApiException(string call, HttpStatusCode statusCode)
        : base($"Lambda Runtime API {call} answered {(int)statusCode}")
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates the exception.</summary>
    public RuntimeApiException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RuntimeApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The status Lambda answered.</summary>
    public HttpStatusCode StatusCode { get; }
}

/// <summary>
/// A client of the Lambda Runtime API, version 2018-06-01, which a custom runtime (<c>provided.al2023</c>)
/// uses to take events and return results: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
/// (next invocation, invocation response, initialization error, invocation error). Amazon.Lambda.RuntimeSupport
/// is not served by the registry used here, and this is all of it a Stream-in, Stream-out handler needs.
/// </summary>
/// <param name="http">Sends the calls; its timeout must allow the next-invocation call to wait for an event (see <see cref="CreateHttpClient"/>).</param>
/// <param name="endpoint">The value of <c>AWS_LAMBDA_RUNTIME_API</c>: <c>host:port</c>.</param>
public sealed class RuntimeApiClient(HttpClient http, string endpoint)
{
    /// <summary>The variable Lambda sets to the Runtime API's <c>host:port</c>.</summary>
    public const string EndpointVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The header of an error report naming its type (<c>category.reason</c>, e.g. <c>Runtime.NoSuchHandler</c>).</summary>
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private const string Version = "2018-06-01";

    private readonly string _base = $"http://{endpoint}/{Version}/runtime/";

    /// <summary>
    /// An HTTP client for the Runtime API: no timeout (the next-invocation call waits until an event comes,
    /// as long as the environment is frozen in between), no proxy (the API is on the local network).
    /// </summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    /// <summary><c>GET /runtime/invocation/next</c>: waits for the next event.</summary>
    /// <exception cref="RuntimeApiException">Lambda answered anything but 200, or sent no request id.</exception>
    public async Task<Invocation> NextAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(_base + "invocation/next", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException("next invocation", response.StatusCode);
        }

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("next invocation answered without Lambda-Runtime-Aws-Request-Id");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new Invocation(requestId, deadline, Header(response, "Lambda-Runtime-Invoked-Function-Arn"), Header(response, "Lambda-Runtime-Trace-Id"), body);
    }

    /// <summary>
    /// <c>POST /runtime/invocation/{id}/response</c>: the function's result. Returns false when Lambda refused
    /// it as too large (413: more than the 6 MB a synchronous response may carry), so the caller can report
    /// an invocation error instead.
    /// </summary>
    /// <exception cref="RuntimeApiException">Lambda answered anything else but 202.</exception>
    public async Task<bool> RespondAsync(string requestId, Stream result, CancellationToken cancellationToken = default)
    {
        using var content = new StreamContent(result);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(_base + $"invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.RequestEntityTooLarge ? false : Accepted(response, "invocation response");
    }

    /// <summary><c>POST /runtime/invocation/{id}/error</c>: the invocation failed; Lambda returns the error to the caller.</summary>
    /// <exception cref="RuntimeApiException">Lambda answered anything but 202.</exception>
    public Task ReportInvocationErrorAsync(string requestId, string errorType, string message, CancellationToken cancellationToken = default) =>
        PostErrorAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", "invocation error", errorType, message, cancellationToken);

    /// <summary><c>POST /runtime/init/error</c>: the function could not start; the runtime exits after reporting.</summary>
    /// <exception cref="RuntimeApiException">Lambda answered anything but 202.</exception>
    public Task ReportInitErrorAsync(string errorType, string message, CancellationToken cancellationToken = default) =>
        PostErrorAsync("init/error", "initialization error", errorType, message, cancellationToken);

    /// <summary>The error document of both error calls: <c>{"errorMessage":…,"errorType":…,"stackTrace":[]}</c>.</summary>
    public static byte[] ErrorDocument(string errorType, string message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage"u8, message);
            json.WriteString("errorType"u8, errorType);
            json.WriteStartArray("stackTrace"u8);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task PostErrorAsync(string path, string call, string errorType, string message, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(ErrorDocument(errorType, message));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, _base + path) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Accepted(response, call);
    }

    private static bool Accepted(HttpResponseMessage response, string call) =>
        response.StatusCode == HttpStatusCode.Accepted ? true : throw new RuntimeApiException(call, response.StatusCode);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
