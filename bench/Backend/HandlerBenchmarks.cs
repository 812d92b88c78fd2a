using BenchmarkDotNet.Attributes;

namespace CognitoStack.Backend.Benchmarks;

/// <summary>
/// Warm invocations of <see cref="Function.Handle"/> with pre-built fixture events, as the Lambda runtime
/// would pass them (a MemoryStream over the event bytes). Log lines go to <see cref="Stream.Null"/>.
/// </summary>
[MemoryDiagnoser]
public class HandlerBenchmarks
{
    private Function _function = null!;
    private byte[] _getMe = [];
    private byte[] _postItems = [];

    /// <summary>Builds the function and loads the events once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _function = new Function(
            new FunctionSettings
            {
                EnvironmentName = "bench",
                AdminGroup = "admin",
                ReadScope = "myapp-api/read",
                WriteScope = "myapp-api/write",
                AllowedOrigins = ["http://localhost:3000", "http://localhost:5173"],
            },
            Stream.Null);
        _getMe = Fixture("get-me-id-token.json");
        _postItems = Fixture("post-items-access-token.json");
    }

    /// <summary>GET /me with an ID token.</summary>
    [Benchmark(Baseline = true)]
    public Stream GetMe() => Invoke(_getMe);

    /// <summary>POST /items with a valid body and an access token.</summary>
    [Benchmark]
    public Stream PostItems() => Invoke(_postItems);

    private Stream Invoke(byte[] e) => _function.Handle(new MemoryStream(e, 0, e.Length, writable: false, publiclyVisible: true));

    private static byte[] Fixture(string name)
    {
        using var stream = typeof(HandlerBenchmarks).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"missing embedded fixture {name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
