using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.UserExport;
using CognitoStack.UserExport.Aws;
using CognitoStack.UserExport.Export;

// Usage: CognitoStack.UserExport.Bench [users=100000]
// Prints one line: users, files, pages, seconds, peak working set, peak GC heap, and the time at 10 requests/s.
var users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
const string Pool = "eu-west-1_Bench00001";
const string Bucket = "bench-bucket";

using var listener = new HttpListener();
var port = FreePort();
listener.Prefixes.Add($"http://127.0.0.1:{port}/");
listener.Start();
var server = Task.Run(() => Serve(listener, users));

var peakHeap = 0L;
using var sampler = new Timer(_ => peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false)), null, 0, 10);
var clock = TimeProvider.System;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4 });
var endpoint = new Uri($"http://127.0.0.1:{port}/");
var sender = new AwsClient(http, "eu-west-1", new BenchCredentials(), RetryPolicy.Default, clock, (d, t) => Task.Delay(d, t));
var continuation = new NoContinuation();
var exporter = new Exporter(
    new CognitoUsers(sender, endpoint, new RequestPacer(0, clock, Task.Delay), new RequestPacer(0, clock, Task.Delay)),
    new S3Objects(sender, endpoint, Bucket, pathStyle: true),
    continuation, clock, new ExportOptions(Pool, "eu-west-1", TimeSpan.FromHours(1)));

var started = Stopwatch.GetTimestamp();
var outcome = await exporter.RunAsync(null, CancellationToken.None);
var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
listener.Stop();

var atQuota = exporter.Pages / UserExportFunction.UserListRequestsPerSecond;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"users={outcome.Users} files={outcome.Files} pages={exporter.Pages} seconds={seconds:0.00} peakWorkingSetMB={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0} peakGcHeapMB={peakHeap / 1048576.0:0.0} secondsAt10rps={atQuota:0} gzipBytes={FakeS3.Bytes} completed={outcome.Completed}"));
return outcome.Completed && outcome.Users == users ? 0 : 1;

static int FreePort()
{
    using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
    socket.Start();
    return ((IPEndPoint)socket.LocalEndpoint).Port;
}

// Fake Cognito (X-Amz-Target) and fake S3 (PUT and GET on /bucket/key). Users are made up page by page: the
// server holds nothing per user. Every user is in "users"; every 100th also in "admin".
static async Task Serve(HttpListener listener, int users)
{
    while (listener.IsListening)
    {
        HttpListenerContext context;
        try
        {
            context = await listener.GetContextAsync();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            return;
        }

        _ = Task.Run(() => Answer(context, users));
    }
}

static async Task Answer(HttpListenerContext context, int users)
{
    var request = context.Request;
    using var body = new MemoryStream();
    await request.InputStream.CopyToAsync(body);
    var response = context.Response;
    byte[] answer;
    var target = request.Headers["X-Amz-Target"];
    if (target is null)
    {
        if (request.HttpMethod == "PUT")
        {
            FakeS3.Add(body.Length);
            answer = [];
        }
        else
        {
            response.StatusCode = 404;
            answer = Encoding.UTF8.GetBytes("<Error><Code>NoSuchKey</Code></Error>");
        }
    }
    else
    {
        var json = JsonDocument.Parse(body.ToArray()).RootElement;
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        answer = operation switch
        {
            "ListGroups" => """{"Groups":[{"GroupName":"admin"},{"GroupName":"users"}]}"""u8.ToArray(),
            "ListUsers" => Page(users, Token(json, "PaginationToken"), _ => true, "PaginationToken"),
            "ListUsersInGroup" => json.GetProperty("GroupName").GetString() == "admin"
                ? Page(users, Token(json, "NextToken"), i => i % 100 == 0, "NextToken")
                : Page(users, Token(json, "NextToken"), _ => true, "NextToken"),
            _ => throw new InvalidOperationException(operation),
        };
    }

    response.ContentLength64 = answer.Length;
    await response.OutputStream.WriteAsync(answer);
    response.Close();
}

static int Token(JsonElement request, string name) =>
    request.TryGetProperty(name, out var token) ? int.Parse(token.GetString()!, CultureInfo.InvariantCulture) : 0;

// Pages of 60 members; the token is the index of the next user to consider.
static byte[] Page(int users, int start, Func<int, bool> member, string tokenName)
{
    using var buffer = new MemoryStream();
    using (var w = new Utf8JsonWriter(buffer))
    {
        w.WriteStartObject();
        w.WriteStartArray("Users");
        var i = start;
        var count = 0;
        for (; i < users && count < 60; i++)
        {
            if (!member(i))
            {
                continue;
            }

            count++;
            var sub = new Guid(SHA256.HashData(BitConverter.GetBytes(i)).AsSpan(0, 16)).ToString();
            w.WriteStartObject();
            w.WriteString("Username", sub);
            w.WriteStartArray("Attributes");
            foreach (var (n, v) in new[] { ("sub", sub), ("email", $"user{i}@example.com"), ("email_verified", "true"), ("given_name", $"Given{i}"), ("family_name", "Family"), ("custom:tenant", $"tenant-{i % 50}") })
            {
                w.WriteStartObject();
                w.WriteString("Name", n);
                w.WriteString("Value", v);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("Enabled", true);
            w.WriteString("UserStatus", "CONFIRMED");
            w.WriteNumber("UserCreateDate", 1_767_323_045.123 + i);
            w.WriteNumber("UserLastModifiedDate", 1_767_409_445.987 + i);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        while (i < users && !member(i))
        {
            i++;
        }

        if (i < users)
        {
            w.WriteString(tokenName, i.ToString(CultureInfo.InvariantCulture));
        }

        w.WriteEndObject();
    }

    return buffer.ToArray();
}

internal static class FakeS3
{
    private static long _bytes;

    public static long Bytes => Interlocked.Read(ref _bytes);

    public static void Add(long bytes) => Interlocked.Add(ref _bytes, bytes);
}

internal sealed class NoContinuation : IContinuation
{
    public Task ContinueAsync(string exportPrefix, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the benchmark gives the export one hour: it must not need a continuation");
}

/// <summary>Fixed credentials: the bench measures the export, not credential resolution.</summary>
internal sealed class BenchCredentials : IAwsCredentialSource
{
    private readonly AwsCredentials _credentials = new("AKIDEXAMPLE", "bench-secret");

    public AwsCredentials GetCredentials() => _credentials;

    public Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(_credentials);
}
