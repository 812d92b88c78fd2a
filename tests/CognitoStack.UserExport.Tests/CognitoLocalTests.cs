using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.Tests.Credentials;
using CognitoStack.UserExport.Aws;
using CognitoStack.UserExport.Export;
using CognitoStack.UserExport.Tests.Helpers;

namespace CognitoStack.UserExport.Tests;

/// <summary>
/// The exporter against cognito-local (npm, pinned in package.json; <c>npm ci</c> installs it), started as
/// scripts/tests/run.sh starts it: 127.0.0.1, a port the kernel picks, data in a temporary directory. It serves
/// ListGroups, ListUsersInGroup and ListUsers (without paging) over the same AWS JSON 1.1 protocol; the bucket is
/// the in-memory fake.
/// </summary>
public sealed partial class CognitoLocalTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("cognito-local-").FullName;
    private Process? _emulator;
    private Uri? _endpoint;

    public async Task InitializeAsync()
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

        var start = new ProcessStartInfo(bin) { WorkingDirectory = _data, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["PORT"] = "0";
        _emulator = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_endpoint is null)
        {
            var line = await _emulator.StandardOutput.ReadLineAsync().WaitAsync(deadline - DateTime.UtcNow);
            if (line is null)
            {
                throw new InvalidOperationException($"cognito-local exited: {await _emulator.StandardError.ReadToEndAsync()}");
            }

            if (Url().Match(line) is { Success: true } match)
            {
                _endpoint = new Uri(match.Value + "/");
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_emulator is { HasExited: false })
        {
            _emulator.Kill(entireProcessTree: true);
            _emulator.WaitForExit(10_000);
        }

        _emulator?.Dispose();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Export_Should_WriteEveryUserWithItsGroups_When_ReadingCognitoLocal()
    {
        using var http = new HttpClient();
        var pool = (await Call(http, "CreateUserPool", new JsonObject { ["PoolName"] = "export-test", ["UsernameAttributes"] = new JsonArray("email") })).GetProperty("UserPool").GetProperty("Id").GetString()!;
        foreach (var group in new[] { "admin", "users" })
        {
            await Call(http, "CreateGroup", new JsonObject { ["UserPoolId"] = pool, ["GroupName"] = group });
        }

        var names = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var user = await Call(http, "AdminCreateUser", new JsonObject
            {
                ["UserPoolId"] = pool,
                ["Username"] = $"user{i}@example.com",
                ["MessageAction"] = "SUPPRESS",
                ["UserAttributes"] = new JsonArray(
                    new JsonObject { ["Name"] = "email", ["Value"] = $"user{i}@example.com" },
                    new JsonObject { ["Name"] = "email_verified", ["Value"] = "true" }),
            });
            var name = user.GetProperty("User").GetProperty("Username").GetString()!;
            names.Add(name);
            await Call(http, "AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = pool, ["Username"] = name, ["GroupName"] = "users" });
        }

        await Call(http, "AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = pool, ["Username"] = names[0], ["GroupName"] = "admin" });

        var clock = new ManualClock();
        var sender = new AwsClient(http, "eu-west-1", new TestCredentials(new AwsCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
            RetryPolicy.Default, TimeProvider.System, clock.Delay, () => 0.5);
        var store = new FakeStore();
        var exporter = new Exporter(new CognitoUsers(sender, _endpoint!, new RequestPacer(0, clock, clock.Delay), new RequestPacer(0, clock, clock.Delay)),
            store, clock, new ExportOptions(pool, "eu-west-1", TimeSpan.FromMinutes(13)));

        // cognito-local applies the partitions' sub ^= filter as Cognito does.
        var outcome = await exporter.RunToCompletionAsync(clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(5, outcome.Users);
        var manifest = store.Json(outcome.ExportPrefix + "manifest.json");
        Assert.Equal(1, manifest.GetProperty("groups").GetProperty("admin").GetInt64());
        Assert.Equal(5, manifest.GetProperty("groups").GetProperty("users").GetInt64());
        var lines = manifest.GetProperty("files").EnumerateArray().SelectMany(f => store.Lines(f.GetProperty("key").GetString()!)).ToList();
        Assert.Equal(5, lines.Count);
        var first = Assert.Single(lines, l => l.GetProperty("username").GetString() == names[0]);
        Assert.Equal(["admin", "users"], first.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("user0@example.com", first.GetProperty("attributes").GetProperty("email").GetString());
        Assert.Equal("true", first.GetProperty("attributes").GetProperty("email_verified").GetString());
        Assert.Equal(first.GetProperty("attributes").GetProperty("sub").GetString(), first.GetProperty("sub").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", first.GetProperty("created").GetString());
    }

    private async Task<JsonElement> Call(HttpClient http, string operation, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSCognitoIdentityProviderService.{operation}");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {text}");
        return JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:[0-9]+")]
    private static partial Regex Url();
}
