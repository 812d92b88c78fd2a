using System.Net;
using System.Text;
using System.Text.Json;
using CognitoStack.Lambda.Common.Runtime;

namespace CognitoStack.Lambda.Common.Tests.Runtime;

// The bootstrap's loop against a loopback Runtime API that answers as
// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html documents.
public sealed class RuntimeLoopTests
{
    private const string Echo = "Tests::Echo::Handle";

    private static readonly Dictionary<string, Func<Func<Stream, Stream>>> Handlers = new(StringComparer.Ordinal)
    {
        [Echo] = () => input => input,
        ["Tests::Upper::Handle"] = () => input =>
        {
            using var reader = new StreamReader(input);
            return new MemoryStream(Encoding.UTF8.GetBytes(reader.ReadToEnd().ToUpperInvariant()));
        },
        ["Tests::Fails::Handle"] = () => _ => throw new InvalidOperationException("the handler failed"),
        ["Tests::BrokenConstructor::Handle"] = () => throw new FormatException("COGNITO_GROUP is invalid"),
    };

    [Fact]
    public async Task Loop_Should_AnswerEachEventWithTheHandlersResultAndSetTheTraceHeader()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue("8476a536-e9f4-11e8-9739-2dfe598c3fcd", """{"a":"b"}"""u8.ToArray());
        api.Enqueue("second", """{"c":1}"""u8.ToArray());
        var traces = new List<string?>();

        var (exitCode, posts) = await RunUntil(api, "Tests::Upper::Handle", 2, (name, value) => traces.Add(name == RuntimeLoop.TraceVariable ? value : name));

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [
                ("/2018-06-01/runtime/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/response", null, """{"A":"B"}"""),
                ("/2018-06-01/runtime/invocation/second/response", null, """{"C":1}"""),
            ],
            posts.Select(p => (p.Path, p.ErrorType, Encoding.UTF8.GetString(p.Body))));
        Assert.Equal(
            ["Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1;Request=8476a536-e9f4-11e8-9739-2dfe598c3fcd",
                "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1;Request=second"],
            traces);
    }

    [Fact]
    public async Task Next_Should_ReadTheInvocationHeaders()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue("id-1", "{}"u8.ToArray());
        using var http = RuntimeApiClient.CreateHttpClient();

        var invocation = await new RuntimeApiClient(http, api.Endpoint).NextAsync();

        Assert.Equal("id-1", invocation.RequestId);
        Assert.Equal(1542409706888, invocation.DeadlineMs);
        Assert.Equal("arn:aws:lambda:us-east-2:123456789012:function:custom-runtime", invocation.InvokedFunctionArn);
        Assert.StartsWith("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;", invocation.TraceId, StringComparison.Ordinal);
        Assert.Equal("{}"u8.ToArray(), invocation.Event);
    }

    [Fact]
    public async Task Loop_Should_ReportAnInvocationError_When_TheHandlerThrows_AndGoOn()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue("failing", "{}"u8.ToArray());
        api.Enqueue("next", "{}"u8.ToArray());

        var (exitCode, posts) = await RunUntil(api, "Tests::Fails::Handle", 2);

        Assert.Equal(0, exitCode);
        Assert.All(posts, p => Assert.Equal("InvalidOperationException", p.ErrorType));
        Assert.Equal(["/2018-06-01/runtime/invocation/failing/error", "/2018-06-01/runtime/invocation/next/error"], posts.Select(p => p.Path));
        var error = JsonDocument.Parse(posts[0].Body).RootElement;
        Assert.Equal("the handler failed", error.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", error.GetProperty("errorType").GetString());
        Assert.Equal(JsonValueKind.Array, error.GetProperty("stackTrace").ValueKind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Tests::Missing::Handle")]
    public async Task Loop_Should_ReportAnInitErrorAndExit_When_HandlerNamesNoHandler(string? handler)
    {
        await using var api = new FakeRuntimeApi();

        var (exitCode, posts) = await RunUntil(api, handler, 1);

        Assert.Equal(1, exitCode);
        var post = Assert.Single(posts);
        Assert.Equal(("/2018-06-01/runtime/init/error", "Runtime.NoSuchHandler"), (post.Path, post.ErrorType));
        Assert.Contains("is not a handler of this bootstrap: use one of Tests::BrokenConstructor::Handle, Tests::Echo::Handle",
            JsonDocument.Parse(post.Body).RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loop_Should_ReportAnInitErrorAndExit_When_TheHandlersConstructorThrows()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue("never-taken", "{}"u8.ToArray());

        var (exitCode, posts) = await RunUntil(api, "Tests::BrokenConstructor::Handle", 1);

        Assert.Equal(1, exitCode);
        var post = Assert.Single(posts);
        Assert.Equal(("/2018-06-01/runtime/init/error", "Runtime.FormatException"), (post.Path, post.ErrorType));
        Assert.Equal("COGNITO_GROUP is invalid", JsonDocument.Parse(post.Body).RootElement.GetProperty("errorMessage").GetString());
    }

    // Lambda's synchronous payload limit is 6 MB both ways (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
    [Fact]
    public async Task Loop_Should_PassAnEventAndAResponseOfExactlyTheLimit()
    {
        await using var api = new FakeRuntimeApi();
        var payload = new byte[FakeRuntimeApi.ResponseLimit];
        Array.Fill(payload, (byte)'x');
        api.Enqueue("large", payload);

        var (_, posts) = await RunUntil(api, Echo, 1);

        var post = Assert.Single(posts);
        Assert.Equal("/2018-06-01/runtime/invocation/large/response", post.Path);
        Assert.Equal(payload, post.Body);
    }

    [Fact]
    public async Task Loop_Should_ReportAnInvocationError_When_LambdaRefusesTheResponseAsTooLarge()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue("too-large", new byte[FakeRuntimeApi.ResponseLimit + 1]);

        var (exitCode, posts) = await RunUntil(api, Echo, 2);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [("/2018-06-01/runtime/invocation/too-large/response", null), ("/2018-06-01/runtime/invocation/too-large/error", "Runtime.ResponseTooLarge")],
            posts.Select(p => (p.Path, p.ErrorType)));
    }

    [Fact]
    public async Task Loop_Should_ExitNonZero_When_TheRuntimeApiFails()
    {
        await using var api = new FakeRuntimeApi { NextStatus = HttpStatusCode.InternalServerError };

        var (exitCode, posts) = await RunUntil(api, Echo, 0);

        Assert.Equal(3, exitCode);
        Assert.Empty(posts);
    }

    [Fact]
    public async Task Loop_Should_ExitNonZero_When_AnEventComesWithoutARequestId()
    {
        await using var api = new FakeRuntimeApi { OmitRequestId = true };
        api.Enqueue("unnamed", "{}"u8.ToArray());

        var (exitCode, posts) = await RunUntil(api, Echo, 0);

        Assert.Equal(3, exitCode);
        Assert.Empty(posts);
    }

    [Fact]
    public void ErrorDocument_Should_EscapeTheMessage() =>
        Assert.Equal("""{"errorMessage":"a \u0022quoted\u0022\n line","errorType":"T","stackTrace":[]}""",
            Encoding.UTF8.GetString(RuntimeApiClient.ErrorDocument("T", "a \"quoted\"\n line")));

    // Runs the loop until the API has taken `posts` calls (or the loop ended by itself), then stops it.
    private static async Task<(int ExitCode, List<(string Path, string? ErrorType, byte[] Body)> Posts)> RunUntil(
        FakeRuntimeApi api, string? handler, int posts, Action<string, string?>? setVariable = null)
    {
        using var http = RuntimeApiClient.CreateHttpClient();
        using var stop = new CancellationTokenSource();
        var loop = RuntimeLoop.RunAsync(new RuntimeApiClient(http, api.Endpoint), Handlers,
            name => name == RuntimeLoop.HandlerVariable ? handler : null, setVariable ?? ((_, _) => { }), stop.Token);
        if (posts > 0)
        {
            await api.WaitForPosts(posts);
        }

        await Task.WhenAny(loop, Task.Delay(posts > 0 ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(60)));
        await stop.CancelAsync();
        return (await loop, [.. api.Posts]);
    }
}
