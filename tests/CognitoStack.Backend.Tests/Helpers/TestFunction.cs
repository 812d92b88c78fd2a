using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoStack.Backend.Json;

namespace CognitoStack.Backend.Tests.Helpers;

/// A proxy response as the tests read it.
internal sealed record TestResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, JsonElement Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? Text(string property) =>
        Body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string[] Strings(string property) => [.. Body.GetProperty(property).EnumerateArray().Select(v => v.GetString()!)];

    public string Error => Text("error")!;

    public string Message => Text("message")!;
}

/// Builds functions with test settings and sends events through Function.Handle.
internal static class TestFunction
{
    public static FunctionSettings Settings { get; } = new()
    {
        EnvironmentName = "dev",
        AdminGroup = "admin",
        ReadScope = "myapp-api/read",
        WriteScope = "myapp-api/write",
        AllowedOrigins = ["http://localhost:3000", "http://localhost:5173"],
    };

    public static Function Create(FunctionSettings? settings = null, Stream? log = null, TimeProvider? time = null) =>
        new(settings ?? Settings, log ?? Stream.Null, time);

    public static TestResponse Send(JsonNode e, Function? function = null) => SendBytes(e.ToUtf8(), function);

    public static TestResponse SendFixture(string fixture) => Send(TestEvents.Load(fixture));

    public static TestResponse SendBytes(byte[] e, Function? function = null)
    {
        using var input = new MemoryStream(e);
        using var output = (function ?? Create()).Handle(input);
        return Parse(output);
    }

    // Reads the envelope with the function's own source-generated contract type.
    public static TestResponse Parse(Stream output)
    {
        var envelope = JsonSerializer.Deserialize(output, BackendJsonContext.Default.ApiGatewayProxyResponse)!;
        Assert.False(envelope.IsBase64Encoded);
        var body = JsonDocument.Parse(envelope.Body).RootElement.Clone();
        return new TestResponse(envelope.StatusCode, envelope.Headers, body);
    }
}
