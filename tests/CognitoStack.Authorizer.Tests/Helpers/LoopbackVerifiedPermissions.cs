using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CognitoStack.Tests.Loopback;

namespace CognitoStack.Authorizer.Tests.Helpers;

/// <summary>One request as the loopback endpoint received it.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    public string? KeyId => Header("Authorization")?.Split("Credential=")[1].Split('/')[0];
}

/// <summary>
/// Verified Permissions on 127.0.0.1, answering as its API reference describes
/// (https://docs.aws.amazon.com/verifiedpermissions/latest/apireference/API_IsAuthorizedWithToken.html,
/// https://docs.aws.amazon.com/verifiedpermissions/latest/apireference/CommonErrors.html): 200 with the decision, or an
/// error status with the type in <c>X-Amzn-ErrorType</c> and the body's <c>__type</c>. Answers are scripted in order
/// (the last repeats); <see cref="Hang"/> keeps every request waiting until the endpoint is disposed.
/// </summary>
internal sealed class LoopbackVerifiedPermissions : IDisposable
{
    public const string AllowBody = """{"decision":"ALLOW","determiningPolicies":[{"policyId":"SPEXAMPLEabcdefg111111"}],"errors":[]}""";

    private readonly LoopbackListener _listener;
    private readonly (int Status, string Body, string? ErrorType)[] _answers;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ManualResetEventSlim _closed = new();

    public LoopbackVerifiedPermissions(params (int Status, string Body, string? ErrorType)[] answers)
    {
        _answers = answers.Length > 0 ? answers : [(200, AllowBody, null)];
        _listener = new LoopbackListener(Answer);
    }

    public static (int, string, string?) Error(int status, string type) => (status, $$"""{"__type":"{{type}}","message":"for alice@example.com"}""", type);

    public Uri Endpoint => _listener.Url;

    public bool Hang { get; init; }

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public void Dispose()
    {
        _closed.Set();
        _listener.Dispose();
        _closed.Dispose();
    }

    private void Answer(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => context.Request.Headers[k]!);
        _requests.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, reader.ReadToEnd()));
        if (Hang)
        {
            var waiting = context;
            ThreadPool.QueueUserWorkItem(_ => Abandon(waiting));
            return;
        }

        var (status, body, errorType) = _answers[Math.Min(_requests.Count, _answers.Length) - 1];
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.0";
        if (errorType is not null)
        {
            context.Response.Headers.Add("X-Amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazonaws.verifiedpermissions/");
        }

        context.Response.OutputStream.Write(Encoding.UTF8.GetBytes(body));
        context.Response.Close();
    }

    private void Abandon(HttpListenerContext context)
    {
        try
        {
            _closed.Wait();
        }
        catch (ObjectDisposedException)
        {
        }

        context.Response.Abort();
    }
}
