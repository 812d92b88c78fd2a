using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>
/// AWS endpoints on loopback for a process that cannot be given an endpoint: the process's <c>HTTPS_PROXY</c> points
/// here, each <c>CONNECT</c> to one of the given hosts is accepted (any other is refused, 403), TLS is terminated with
/// a self-signed certificate for those hosts (the process trusts it through <c>SSL_CERT_FILE</c>,
/// <see cref="CertificateFile"/>), and every HTTP request is recorded and answered with its host's answer.
/// </summary>
internal sealed class FakeAwsProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly string _directory = Directory.CreateTempSubdirectory("fake-aws-").FullName;
    private readonly IReadOnlyDictionary<string, (int Status, string ContentType, string Body)> _answers;
    private readonly Task _serving;

    /// <param name="answers">Host → the status, content type and body every request to it gets.</param>
    public FakeAwsProxy(IReadOnlyDictionary<string, (int Status, string ContentType, string Body)> answers)
    {
        _answers = answers;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=fake-aws", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in answers.Keys)
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CertificateFile = Path.Combine(_directory, "fake-aws.pem");
        File.WriteAllText(CertificateFile, _certificate.ExportCertificatePem());
        _listener.Start();
        ProxyUri = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The value of <c>HTTPS_PROXY</c>.</summary>
    public string ProxyUri { get; }

    /// <summary>The value of <c>SSL_CERT_FILE</c>: the only certificate the process trusts.</summary>
    public string CertificateFile { get; }

    /// <summary>Every request: the host it was sent to, its request line, headers by lower-case name, and its body.</summary>
    public ConcurrentQueue<(string Host, string RequestLine, Dictionary<string, string> Headers, string Body)> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }

        _certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var connect = (await ReadHeadAsync(stream)).Split(' ');
                var host = connect is ["CONNECT", var target, ..] && target.EndsWith(":443", StringComparison.Ordinal) ? target[..^4] : string.Empty;
                if (!_answers.TryGetValue(host, out var answer))
                {
                    await stream.WriteAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
                    return;
                }

                await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray());
                await using var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(_certificate);
                var head = await ReadHeadAsync(tls);
                var lines = head.Split("\r\n");
                var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
                    .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim().ToLowerInvariant(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                var body = new byte[int.Parse(headers.GetValueOrDefault("content-length", "0"), System.Globalization.CultureInfo.InvariantCulture)];
                await tls.ReadExactlyAsync(body);
                Requests.Enqueue((host, lines[0], headers, Encoding.UTF8.GetString(body)));
                var content = Encoding.UTF8.GetBytes(answer.Body);
                await tls.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {answer.Status} Fake\r\nContent-Type: {answer.ContentType}\r\nx-amzn-RequestId: fake-1\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n"));
                await tls.WriteAsync(content);
            }
            catch (Exception exception) when (exception is IOException or SocketException or System.Security.Authentication.AuthenticationException)
            {
            }
        }
    }

    // The request line and headers, up to the empty line, byte by byte (nothing of the body is read).
    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("connection closed before the end of the headers");
            }

            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. head]);
    }
}
