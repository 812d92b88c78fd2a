using System.Text.Json.Nodes;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.Tests.Credentials;
using CognitoStack.Tests.Emulators;
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
public sealed class CognitoLocalTests : IAsyncLifetime
{
    private CognitoLocal _cognito = null!;

    public async Task InitializeAsync() => _cognito = await CognitoLocal.StartAsync();

    public async Task DisposeAsync() => await _cognito.DisposeAsync();

    [Fact]
    public async Task Export_Should_WriteEveryUserWithItsGroups_When_ReadingCognitoLocal()
    {
        using var http = new HttpClient();
        var pool = await _cognito.CreatePoolAsync("export-test", new JsonObject { ["UsernameAttributes"] = new JsonArray("email") });
        foreach (var group in new[] { "admin", "users" })
        {
            await _cognito.CallAsync("CreateGroup", new JsonObject { ["UserPoolId"] = pool, ["GroupName"] = group });
        }

        var names = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var user = await _cognito.CallAsync("AdminCreateUser", new JsonObject
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
            await _cognito.CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = pool, ["Username"] = name, ["GroupName"] = "users" });
        }

        await _cognito.CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = pool, ["Username"] = names[0], ["GroupName"] = "admin" });

        var clock = new ManualClock();
        var sender = new AwsClient(http, "eu-west-1", new TestCredentials(new AwsCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
            RetryPolicy.Default, TimeProvider.System, clock.Delay, () => 0.5);
        var store = new FakeStore();
        var exporter = new Exporter(new CognitoUsers(sender, _cognito.Endpoint, new RequestPacer(0, clock, clock.Delay), new RequestPacer(0, clock, clock.Delay)),
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
}
