using System.Net;
using System.Net.Sockets;

namespace CognitoStack.Tests.Loopback;

/// <summary>
/// An <see cref="HttpListener"/> on a free port of 127.0.0.1 that hands every request to one answer, the piece every
/// loopback fake of an AWS endpoint shares. Requests are answered one after another, or each on its own task when
/// <c>concurrent</c> (as a service under load answers). Disposing stops listening; a request in flight
/// then ends with the listener.
/// </summary>
internal sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _answer;
    private readonly bool _concurrent;

    public LoopbackListener(Func<HttpListenerContext, Task> answer, bool concurrent = false)
    {
        _answer = answer;
        _concurrent = concurrent;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        Url = new Uri($"http://127.0.0.1:{Port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>A listener whose answer is synchronous.</summary>
    public LoopbackListener(Action<HttpListenerContext> answer)
        : this(context =>
        {
            answer(context);
            return Task.CompletedTask;
        })
    {
    }

    /// <summary>The port chosen.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{Port}/</c>.</summary>
    public Uri Url { get; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            if (_concurrent)
            {
                _ = Task.Run(() => _answer(context));
            }
            else
            {
                await _answer(context);
            }
        }
    }
}
