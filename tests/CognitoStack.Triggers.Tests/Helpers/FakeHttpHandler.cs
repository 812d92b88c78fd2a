using System.Net;
using System.Text;

namespace CognitoStack.Triggers.Tests.Helpers;

/// A request as the fake handler saw it.
internal sealed record SentRequest(HttpMethod Method, Uri? Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// Records every request and answers with what the test set up; never touches the network.
internal sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly Func<CancellationToken, HttpResponseMessage> _answer;

    public FakeHttpHandler(Func<CancellationToken, HttpResponseMessage> answer) => _answer = answer;

    public List<SentRequest> Requests { get; } = [];

    public static FakeHttpHandler Answering(HttpStatusCode status, string body = "{}", string? errorType = null) =>
        new(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
            if (errorType is not null)
            {
                response.Headers.TryAddWithoutValidation("X-Amzn-ErrorType", errorType);
            }

            return response;
        });

    public static FakeHttpHandler Throwing(Exception exception) => new(_ => throw exception);

    // Blocks until the client's timeout cancels the request, as a silent endpoint would.
    public static FakeHttpHandler Hanging() => new(token =>
    {
        token.WaitHandle.WaitOne();
        token.ThrowIfCancellationRequested();
        throw new InvalidOperationException("unreachable");
    });

    public HttpClient Client(TimeSpan? timeout = null) => new(this, disposeHandler: false) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Record(request);
        return _answer(cancellationToken);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));

    private void Record(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            headers[name.ToLowerInvariant()] = string.Join(",", values);
        }

        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
            {
                headers[name.ToLowerInvariant()] = string.Join(",", values);
            }
        }

        var body = request.Content is null ? [] : request.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        lock (Requests)
        {
            // The migration trigger sends its two calls at once.
            Requests.Add(new SentRequest(request.Method, request.RequestUri, headers, body));
        }
    }
}
