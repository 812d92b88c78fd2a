using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CognitoStack.Fakes;

/// <summary>
/// A fake Cognito user pools endpoint and a fake S3 bucket on 127.0.0.1 (HttpListener), shared by the export tests
/// and bench/UserExport. Cognito: AWS JSON 1.1 (<c>X-Amz-Target</c>) <c>ListGroups</c>, <c>ListUsersInGroup</c> and
/// <c>ListUsers</c> as the API reference describes them
/// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html): at most 60 per
/// page (a larger <c>Limit</c> is an <c>InvalidParameterException</c>), <c>PaginationToken</c>/<c>NextToken</c>, and a
/// <c>Filter</c> that is empty or <c>sub ^= "…"</c> (any other filter is refused, so a test sees what the export asks
/// for). Throttling is injected: every <see cref="ThrottleEvery"/>th Cognito request answers HTTP 400
/// <c>TooManyRequestsException</c> or <c>ThrottlingException</c> (alternately), <see cref="ThrottleBurst"/> times in a row.
/// S3: path-style PUT and GET of <c>/bucket/key</c>; user files are counted, and kept only when asked.
/// Users are made up from their number: user <c>i</c>'s sub is a UUID from the SHA-256 of <c>i</c>; every user is in
/// <c>users</c>, every 100th also in <c>admin</c>.
/// </summary>
internal sealed class LoopbackCognito : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _users;
    private readonly int[][] _byPartition;
    private readonly bool _keepUserFiles;
    private readonly object _lock = new();
    private long _cognitoRequests;
    private long _userFileBytes;

    /// <summary>Starts serving <paramref name="users"/> users.</summary>
    public LoopbackCognito(int users, bool keepUserFiles = true)
    {
        _users = users;
        _keepUserFiles = keepUserFiles;
        var lists = Enumerable.Range(0, 16).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < users; i++)
        {
            lists[Convert.ToInt32(Sub(i)[..1], 16)].Add(i);
        }

        _byPartition = [.. lists.Select(l => l.ToArray())];
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}/");
        }

        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>Where both fakes listen.</summary>
    public Uri Endpoint { get; }

    /// <summary>Answer every Nth Cognito request with a throttling error (0: never).</summary>
    public int ThrottleEvery { get; set; }

    /// <summary>How many requests in a row are throttled each time (default 1).</summary>
    public int ThrottleBurst { get; set; } = 1;

    /// <summary>Cognito requests answered, throttled ones included.</summary>
    public long CognitoRequests => Interlocked.Read(ref _cognitoRequests);

    /// <summary>Throttling errors sent.</summary>
    public long Throttled { get; private set; }

    /// <summary>The filters ListUsers was asked with.</summary>
    public HashSet<string> Filters { get; } = new(StringComparer.Ordinal);

    /// <summary>Objects the bucket holds (user files only with keepUserFiles).</summary>
    public Dictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

    /// <summary>Bytes of user files put.</summary>
    public long UserFileBytes => Interlocked.Read(ref _userFileBytes);

    /// <summary>User <paramref name="i"/>'s sub: lower-case hex UUID.</summary>
    public static string Sub(int i) => new Guid(SHA256.HashData(BitConverter.GetBytes(i)).AsSpan(0, 16)).ToString();

    /// <summary>User <paramref name="i"/>'s name.</summary>
    public static string Name(int i) => $"user-{i:0000000}";

    /// <inheritdoc/>
    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var (status, answer) = request.Headers["X-Amz-Target"] is { } target ? Cognito(target, body.ToArray()) : S3(request.HttpMethod, request.Url!.AbsolutePath, body);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentLength64 = answer.Length;
        await response.OutputStream.WriteAsync(answer);
        response.Close();
    }

    private (int, byte[]) S3(string method, string path, MemoryStream body)
    {
        var key = path[(path.IndexOf('/', 1) + 1)..];
        lock (_lock)
        {
            if (method == "PUT")
            {
                if (key.Contains("/users-", StringComparison.Ordinal))
                {
                    Interlocked.Add(ref _userFileBytes, body.Length);
                    if (!_keepUserFiles)
                    {
                        return (200, []);
                    }
                }

                Objects[key] = body.ToArray();
                return (200, []);
            }

            return Objects.TryGetValue(key, out var value) ? (200, value) : (404, "<Error><Code>NoSuchKey</Code></Error>"u8.ToArray());
        }
    }

    private (int, byte[]) Cognito(string target, byte[] body)
    {
        var number = Interlocked.Increment(ref _cognitoRequests);
        if (ThrottleEvery > 0 && (number - 1) % ThrottleEvery < ThrottleBurst)
        {
            lock (_lock)
            {
                Throttled++;
            }

            return Error(number % 2 == 0 ? "TooManyRequestsException" : "ThrottlingException", "Rate exceeded");
        }

        var json = JsonDocument.Parse(body).RootElement;
        if (json.TryGetProperty("Limit", out var limit) && limit.GetInt32() is < 1 or > 60)
        {
            return Error("InvalidParameterException", "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
        }

        var size = json.TryGetProperty("Limit", out var l) ? l.GetInt32() : 60;
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        switch (operation)
        {
            case "ListGroups":
                return (200, """{"Groups":[{"GroupName":"admin"},{"GroupName":"users"}]}"""u8.ToArray());
            case "ListUsersInGroup":
                var admin = json.GetProperty("GroupName").GetString() == "admin";
                return (200, Page(admin ? AdminMembers() : Enumerable.Range(0, _users), Token(json, "NextToken"), size, "NextToken", admin ? (_users + 99) / 100 : _users));
            case "ListUsers":
                var filter = json.TryGetProperty("Filter", out var f) ? f.GetString() ?? string.Empty : string.Empty;
                lock (_lock)
                {
                    Filters.Add(filter);
                }

                if (filter.Length == 0)
                {
                    return (200, Page(Enumerable.Range(0, _users), Token(json, "PaginationToken"), size, "PaginationToken", _users));
                }

                if (filter.Length != 10 || !filter.StartsWith("sub ^= \"", StringComparison.Ordinal) || filter[^1] != '"' || !Uri.IsHexDigit(filter[8]))
                {
                    return Error("InvalidParameterException", "this fake filters on sub ^= \"<hex digit>\" only");
                }

                var members = _byPartition[Convert.ToInt32(filter[8..9], 16)];
                return (200, Page(members, Token(json, "PaginationToken"), size, "PaginationToken", members.Length));
            default:
                return Error("UnknownOperationException", operation);
        }
    }

    private IEnumerable<int> AdminMembers()
    {
        for (var i = 0; i < _users; i += 100)
        {
            yield return i;
        }
    }

    private static (int, byte[]) Error(string type, string message)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("__type", type);
            w.WriteString("message", message);
            w.WriteEndObject();
        }

        return (400, buffer.ToArray());
    }

    private static int Token(JsonElement request, string name) =>
        request.TryGetProperty(name, out var token) ? int.Parse(token.GetString()!, CultureInfo.InvariantCulture) : 0;

    // The token is the position of the page's first member in the list.
    private static byte[] Page(IEnumerable<int> members, int start, int size, string tokenName, int count)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("Users");
            foreach (var i in members.Skip(start).Take(size))
            {
                WriteUser(w, i);
            }

            w.WriteEndArray();
            if (start + size < count)
            {
                w.WriteString(tokenName, (start + size).ToString(CultureInfo.InvariantCulture));
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteUser(Utf8JsonWriter w, int i)
    {
        var sub = Sub(i);
        w.WriteStartObject();
        w.WriteString("Username", Name(i));
        w.WriteStartArray("Attributes");
        foreach (var (n, v) in new[] { ("sub", sub), ("email", $"user{i}@example.com"), ("email_verified", "true"), ("given_name", $"Given{i}"), ("family_name", "Family"), ("custom:tenant", $"tenant-{i % 50}") })
        {
            w.WriteStartObject();
            w.WriteString("Name", n);
            w.WriteString("Value", v);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("Enabled", i % 7 != 0);
        w.WriteString("UserStatus", "CONFIRMED");
        w.WriteNumber("UserCreateDate", 1_767_323_045.123 + i);
        w.WriteNumber("UserLastModifiedDate", 1_767_409_445.987 + i);
        w.WriteEndObject();
    }

    /// <summary>The gzip JSON lines of a kept object.</summary>
    public List<JsonElement> Lines(string key)
    {
        byte[] bytes;
        lock (_lock)
        {
            bytes = Objects[key];
        }

        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var lines = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        return lines;
    }
}
