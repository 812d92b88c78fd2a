using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.UserExport.Aws;
using CognitoStack.UserExport.Json;

namespace CognitoStack.UserExport.Tests.Helpers;

/// A clock the test moves; every delay it is asked for passes at once (and is recorded).
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public List<TimeSpan> Delays { get; } = [];

    public override DateTimeOffset GetUtcNow() => _now;

    public override long GetTimestamp() => _now.UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => _now += by;

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        Delays.Add(delay);
        _now += delay;
        return Task.CompletedTask;
    }
}

/// A user pool in memory, paged like Cognito (pages of at most 60, the sub filter); each call can advance the clock, and
/// the calls numbered in <see cref="ThrottledCalls"/> fail with TooManyRequestsException.
internal sealed class FakePool(int users, IReadOnlyDictionary<string, Func<int, bool>> groups, ManualClock? clock = null, TimeSpan? perCall = null) : ICognitoUsers
{
    public int Calls { get; private set; }

    public HashSet<int> ThrottledCalls { get; } = [];

    /// Makes ListUsers ignore its filter (a broken filter must fail the export, not duplicate users).
    public bool IgnoreFilter { get; set; }

    public static string Name(int i) => $"user-{i:000000}";

    public static string Sub(int i) => CognitoStack.Fakes.LoopbackCognito.Sub(i);

    public Task<UsersPage> ListUsersAsync(string userPoolId, string? filter, string? paginationToken, CancellationToken cancellationToken)
    {
        var all = Enumerable.Range(0, users);
        if (filter is not null && !IgnoreFilter)
        {
            var prefix = filter.StartsWith("sub ^= \"", StringComparison.Ordinal) && filter.EndsWith('"') ? filter[8..^1] : throw new ArgumentException(filter, nameof(filter));
            all = all.Where(i => Sub(i).StartsWith(prefix, StringComparison.Ordinal));
        }

        return Task.FromResult(Page(all, paginationToken));
    }

    public Task<GroupsPage> ListGroupsAsync(string userPoolId, string? nextToken, CancellationToken cancellationToken)
    {
        Tick();
        return Task.FromResult(new GroupsPage([.. groups.Keys], null));
    }

    public Task<UsersPage> ListUsersInGroupAsync(string userPoolId, string groupName, string? nextToken, CancellationToken cancellationToken) =>
        Task.FromResult(Page(Enumerable.Range(0, users).Where(groups[groupName]), nextToken));

    private UsersPage Page(IEnumerable<int> members, string? token)
    {
        Tick();
        var start = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        var all = members.ToList();
        var page = all.Skip(start).Take(CognitoUsers.PageSize).Select(User).ToList();
        var next = start + CognitoUsers.PageSize < all.Count ? (start + CognitoUsers.PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new UsersPage(page, next);
    }

    private void Tick()
    {
        Calls++;
        if (ThrottledCalls.Contains(Calls))
        {
            throw new AwsApiException("ListUsers", 400, "TooManyRequestsException");
        }

        if (perCall is { } by)
        {
            clock?.Advance(by);
        }
    }

    public static UserType User(int i) => new()
    {
        Username = Name(i),
        Enabled = i % 7 != 0,
        UserStatus = "CONFIRMED",
        UserCreateDate = 1_767_323_045 + i,
        UserLastModifiedDate = 1_767_323_045.5 + i,
        Attributes =
        [
            new AttributeType { Name = "sub", Value = Sub(i) },
            new AttributeType { Name = "email", Value = $"u{i}@example.com" },
            new AttributeType { Name = "email_verified", Value = "true" },
        ],
    };
}

/// A bucket in memory.
internal sealed class FakeStore : IObjectStore
{
    public Dictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

    public List<string> Puts { get; } = [];

    public Task PutAsync(string key, ReadOnlyMemory<byte> body, string contentType, string? contentEncoding, CancellationToken cancellationToken)
    {
        Objects[key] = body.ToArray();
        Puts.Add(key);
        return Task.CompletedTask;
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(Objects.TryGetValue(key, out var value) ? value : null);

    public List<JsonElement> Lines(string key)
    {
        using var gzip = new GZipStream(new MemoryStream(Objects[key]), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var lines = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        return lines;
    }

    public JsonElement Json(string key) => JsonDocument.Parse(Objects[key]).RootElement.Clone();
}

/// A request as the handler saw it.
internal sealed record SentRequest(HttpMethod Method, Uri? Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// Answers each request with the next response in line; records every request.
internal sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private int _next;

    public List<SentRequest> Requests { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            headers[name.ToLowerInvariant()] = string.Join(",", values);
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
            {
                headers[name.ToLowerInvariant()] = string.Join(",", values);
            }
        }

        Requests.Add(new SentRequest(request.Method, request.RequestUri, headers, body));
        return _next < answers.Length ? answers[_next++]() : throw new InvalidOperationException("no more scripted answers");
    }
}
