using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CognitoStack.Tests.Emulators;

/// <summary>
/// cognito-local (npm, pinned in package.json; <c>npm ci</c> installs it), started as scripts/tests/run.sh starts it:
/// 127.0.0.1, a port the kernel picks, data in a temporary directory; stopped and deleted on dispose. Calls go over
/// the user pools API's AWS JSON 1.1 protocol, unsigned (cognito-local does not check signatures).
/// </summary>
public sealed partial class CognitoLocal : IAsyncDisposable, IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cognito-local-").FullName;
    private readonly HttpClient _http = new();
    private Process? _emulator;

    private CognitoLocal()
    {
    }

    /// <summary>The emulator's endpoint, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>
    /// Starts cognito-local and waits (at most a minute) until it prints its address. <paramref name="config"/>, when
    /// given, is written to its configuration file (<c>.cognito/config.json</c> in its data directory) first. Each of
    /// <paramref name="pools"/> is written as an empty pool file (<c>.cognito/db/ID.json</c>, which cognito-local loads
    /// at start-up) with those options: the way to give a pool a real ID, as cognito-local names the pools it creates
    /// <c>local_…</c>, which is no Region.
    /// </summary>
    public static async Task<CognitoLocal> StartAsync(JsonObject? config = null, params (string Id, JsonObject Options)[] pools)
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "CognitoStack.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        var bin = Path.Combine(root ?? ".", "node_modules", ".bin", "cognito-local");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException("cognito-local is not installed: run npm ci in the repository root");
        }

        var local = new CognitoLocal();
        if (config is not null)
        {
            Directory.CreateDirectory(Path.Combine(local._data, ".cognito"));
            await File.WriteAllTextAsync(Path.Combine(local._data, ".cognito", "config.json"), config.ToJsonString());
        }

        foreach (var (id, options) in pools)
        {
            var db = Directory.CreateDirectory(Path.Combine(local._data, ".cognito", "db")).FullName;
            options["Id"] = id;
            var pool = new JsonObject { ["Users"] = new JsonObject(), ["Groups"] = new JsonObject(), ["Options"] = options };
            await File.WriteAllTextAsync(Path.Combine(db, $"{id}.json"), pool.ToJsonString());
        }

        var start = new ProcessStartInfo(bin) { WorkingDirectory = local._data, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["PORT"] = "0";
        local._emulator = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (local.Endpoint is null)
        {
            var line = await local._emulator.StandardOutput.ReadLineAsync().WaitAsync(deadline - DateTime.UtcNow);
            if (line is null)
            {
                throw new InvalidOperationException($"cognito-local exited: {await local._emulator.StandardError.ReadToEndAsync()}");
            }

            if (Url().Match(line) is { Success: true } match)
            {
                local.Endpoint = new Uri(match.Value + "/");
            }
        }

        // It logs every request: keep reading both streams, or a full pipe would stall it.
        _ = local._emulator.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = local._emulator.StandardError.BaseStream.CopyToAsync(Stream.Null);
        return local;
    }

    /// <summary>Calls <paramref name="operation"/> and returns its response; a non-2xx answer fails the test.</summary>
    public async Task<JsonElement> CallAsync(string operation, JsonObject body)
    {
        using var request = Request(operation, body);
        using var response = await _http.SendAsync(request);
        return Parsed(operation, response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// <see cref="CallAsync"/> for synchronous callers (a trigger's stand-in Lambda endpoint calls the emulator from
    /// the emulator's own request).
    /// </summary>
    public JsonElement Call(string operation, JsonObject body)
    {
        using var request = Request(operation, body);
        using var response = _http.Send(request);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        return Parsed(operation, response, reader.ReadToEnd());
    }

    /// <summary>The HTTP status of an operation, for calls that must fail.</summary>
    public HttpStatusCode Status(string operation, JsonObject body)
    {
        using var request = Request(operation, body);
        using var response = _http.Send(request);
        return response.StatusCode;
    }

    /// <summary>Creates a pool and returns its id.</summary>
    public async Task<string> CreatePoolAsync(string name, JsonObject? settings = null)
    {
        var body = settings ?? [];
        body["PoolName"] = name;
        return (await CallAsync("CreateUserPool", body)).GetProperty("UserPool").GetProperty("Id").GetString()!;
    }

    private static JsonElement Parsed(string operation, HttpResponseMessage response, string text) =>
        response.IsSuccessStatusCode
            ? JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone()
            : throw new InvalidOperationException($"{operation}: HTTP {(int)response.StatusCode} {text}");

    private HttpRequestMessage Request(string operation, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSCognitoIdentityProviderService.{operation}");
        return request;
    }

    /// <summary>Stops the emulator and deletes its data.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the emulator and deletes its data.</summary>
    public void Dispose()
    {
        if (_emulator is { HasExited: false })
        {
            _emulator.Kill(entireProcessTree: true);
            _emulator.WaitForExit(10_000);
        }

        _emulator?.Dispose();
        _http.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:[0-9]+")]
    private static partial Regex Url();
}
