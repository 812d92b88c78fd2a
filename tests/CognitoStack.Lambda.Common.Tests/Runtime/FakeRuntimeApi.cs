using System.Collections.Concurrent;
using System.Net;
using CognitoStack.Tests.Loopback;

namespace CognitoStack.Lambda.Common.Tests.Runtime;

/// <summary>
/// A loopback Lambda Runtime API (version 2018-06-01) as https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
/// describes it: serves queued events on <c>/next</c> with Lambda's headers, takes responses (202; 413 above
/// 6 MB), invocation and initialization errors (202), and records every call. With no event left, <c>/next</c>
/// waits, as in Lambda, until the test is done.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    public const int ResponseLimit = 6 * 1024 * 1024;

    private readonly LoopbackListener _listener;
    private readonly ConcurrentQueue<(string RequestId, byte[] Event)> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _posted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _expectedPosts = int.MaxValue;

    public FakeRuntimeApi()
    {
        _listener = new LoopbackListener(AnswerAsync, concurrent: true);
        Endpoint = $"127.0.0.1:{_listener.Port}";
    }

    /// <summary><c>host:port</c>, the value of <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Status the next <c>/next</c> call answers instead of an event (null: serve events).</summary>
    public HttpStatusCode? NextStatus { get; set; }

    /// <summary>Leave out the request id header (a broken API).</summary>
    public bool OmitRequestId { get; set; }

    /// <summary>Every call other than <c>/next</c>: method, path, error-type header, body.</summary>
    public ConcurrentQueue<(string Path, string? ErrorType, byte[] Body)> Posts { get; } = new();

    public void Enqueue(string requestId, byte[] body) => _events.Enqueue((requestId, body));

    public Task WaitForPosts(int count)
    {
        _expectedPosts = count;
        if (Posts.Count >= count)
        {
            _posted.TrySetResult();
        }

        return _posted.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        try
        {
            if (path == "/2018-06-01/runtime/invocation/next" && context.Request.HttpMethod == "GET")
            {
                await NextAsync(context.Response);
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Posts.Enqueue((path, context.Request.Headers["Lambda-Runtime-Function-Error-Type"], body.ToArray()));
            context.Response.StatusCode = path.EndsWith("/response", StringComparison.Ordinal) && body.Length > ResponseLimit
                ? (int)HttpStatusCode.RequestEntityTooLarge
                : (int)HttpStatusCode.Accepted;
            context.Response.Close();
            if (Posts.Count >= _expectedPosts)
            {
                _posted.TrySetResult();
            }
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
        }
    }

    private async Task NextAsync(HttpListenerResponse response)
    {
        if (NextStatus is { } status)
        {
            response.StatusCode = (int)status;
            response.Close();
            return;
        }

        (string RequestId, byte[] Event) next;
        while (!_events.TryDequeue(out next))
        {
            await Task.Delay(10, _stop.Token);
        }

        if (!OmitRequestId)
        {
            response.Headers["Lambda-Runtime-Aws-Request-Id"] = next.RequestId;
        }

        response.Headers["Lambda-Runtime-Deadline-Ms"] = "1542409706888";
        response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime";
        response.Headers["Lambda-Runtime-Trace-Id"] = $"Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1;Request={next.RequestId}";
        response.ContentLength64 = next.Event.Length;
        await response.OutputStream.WriteAsync(next.Event);
        response.Close();
    }
}
