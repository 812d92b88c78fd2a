using System.Text;
using System.Text.Json;

namespace CognitoStack.Triggers.Tests.Helpers;

/// Captures what a trigger logs and reads it back as JSON lines.
internal sealed class LogLines : IDisposable
{
    public MemoryStream Stream { get; } = new();

    public string Text => Encoding.UTF8.GetString(Stream.ToArray());

    public IReadOnlyList<JsonElement> Lines =>
        [.. Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    public IReadOnlyList<JsonElement> Errors => [.. Lines.Where(line => line.GetProperty("level").GetString() == "error")];

    public void Dispose() => Stream.Dispose();
}

internal static class JsonElementExtensions
{
    public static string? Text(this JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
