using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Configuration;

/// <summary>
/// One key a load read (see <see cref="SettingsReader.Record"/>): its path below the environment with list
/// entries as <c>[]</c> (<c>userPool.groups[].name</c>), the rule it is checked with, its default (or
/// <c>required</c>) and the value the environment wrote (compact JSON; null when left out).
/// </summary>
internal sealed record SettingRead(string Environment, string Key, string Allowed, string Default, string? Written);

/// <summary>
/// Reads one JSON object of settings with a key path for error messages (<c>environments.dev.userPool</c>).
/// Every read marks its key as known; <see cref="EnsureNoUnknownKeys"/> then rejects the rest, so a typo
/// never falls back to a default silently. While <see cref="Record"/> is on, every read is also written
/// to a list with its rule and default: the configuration reference (docs/configuration.md) is generated
/// from that.
/// </summary>
internal sealed partial class SettingsReader
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    /// <summary>Where reads are recorded on this flow of execution; null (the default) records nothing.</summary>
    private static readonly AsyncLocal<List<SettingRead>?> Recording = new();

    private readonly JsonElement _element;
    private readonly HashSet<string> _knownKeys = new(StringComparer.Ordinal);

    public SettingsReader(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigurationException($"{path} {Describe(element)} is invalid: use a JSON object");
        }

        _element = element;
        Path = path;
    }

    /// <summary>The key path of this object, used as the prefix of every message.</summary>
    public string Path { get; }

    /// <summary>
    /// Records every key read on this flow of execution into <paramref name="reads"/> until the result is
    /// disposed. Loads elsewhere (other threads, parallel tests) are not recorded.
    /// </summary>
    public static IDisposable Record(List<SettingRead> reads)
    {
        var previous = Recording.Value;
        Recording.Value = reads;
        return new RecordingScope(previous);
    }

    /// <summary>The path of a key of this object.</summary>
    public string KeyPath(string key) => $"{Path}.{key}";

    public string RequiredString(string key, Regex pattern, string allowed) =>
        OptionalString(key, pattern, allowed, Required) ?? throw Missing(key, allowed);

    /// <summary>A required string checked by <paramref name="isValid"/> (a rule shared with the Lambda functions).</summary>
    public string RequiredString(string key, Func<string, bool> isValid, string allowed) =>
        OptionalString(key, isValid, allowed, Required) ?? throw Missing(key, allowed);

    /// <summary>A string, or null when left out; <paramref name="defaultText"/> says for the docs what the caller uses then.</summary>
    public string? OptionalString(string key, Regex pattern, string allowed, string? defaultText = null) =>
        OptionalString(key, pattern.IsMatch, allowed, defaultText);

    /// <summary>A string checked by <paramref name="isValid"/>, or null when left out.</summary>
    public string? OptionalString(string key, Func<string, bool> isValid, string allowed, string? defaultText = null)
    {
        var read = Read(key);
        Note(key, allowed, defaultText ?? None, read);
        if (read is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !isValid(value.GetString()!))
        {
            throw Invalid(key, value, allowed);
        }

        return value.GetString()!;
    }

    public bool Bool(string key, bool defaultValue)
    {
        var read = Read(key);
        Note(key, "true or false", defaultValue ? "true" : "false", read);
        if (read is not { } value)
        {
            return defaultValue;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(key, value, "use true or false"),
        };
    }

    public int Int(string key, int defaultValue, int min, int max) =>
        OptionalInt(key, min, max, $"use a whole number from {Format(min)} to {Format(max)}", Format(defaultValue)) ?? defaultValue;

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/> with at most 3 decimals; <paramref name="defaultText"/> describes the default.</summary>
    public double Fraction(string key, double defaultValue, string defaultText, double min, double max)
    {
        var allowed = string.Create(CultureInfo.InvariantCulture, $"use a number from {min} to {max} with at most 3 decimals");
        var read = Read(key);
        Note(key, allowed, defaultText, read);
        if (read is not { } value)
        {
            return defaultValue;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= min && number <= max
            && Math.Round(number, 3) == number
            ? number
            : throw Invalid(key, value, allowed);
    }

    public int RequiredInt(string key, int min, int max)
    {
        var allowed = $"use a whole number from {Format(min)} to {Format(max)}";
        return OptionalInt(key, min, max, allowed, Required) ?? throw Missing(key, allowed);
    }

    public int OneOf(string key, int defaultValue, IReadOnlyCollection<int> allowedValues)
    {
        var allowed = $"use one of {string.Join(", ", allowedValues)}";
        var value = OptionalInt(key, int.MinValue, int.MaxValue, allowed, Format(defaultValue)) ?? defaultValue;
        return allowedValues.Contains(value) ? value : throw Invalid(key, _element.GetProperty(key), allowed);
    }

    /// <summary>One of the spellings in <paramref name="choices"/>, exactly as written there.</summary>
    public TEnum Enum<TEnum>(string key, Spellings<TEnum> choices, TEnum defaultValue)
        where TEnum : struct, System.Enum
    {
        var allowed = $"use one of {string.Join(", ", choices.Names)}";
        var read = Read(key);
        Note(key, allowed, choices.NameOf(defaultValue), read);
        if (read is not { } value)
        {
            return defaultValue;
        }

        return value.ValueKind == JsonValueKind.String && choices.TryParse(value.GetString()!, out var choice)
            ? choice
            : throw Invalid(key, value, allowed);
    }

    /// <summary>A list of spellings from <paramref name="choices"/>, without duplicates; left out, <paramref name="defaultValue"/>.</summary>
    public IReadOnlyList<TEnum> EnumList<TEnum>(string key, Spellings<TEnum> choices, IReadOnlyList<TEnum> defaultValue, int minCount, int maxCount)
        where TEnum : struct, System.Enum
    {
        var allowed = $"use values from {string.Join(", ", choices.Names)}";
        Note(key, $"{CountRule(minCount, maxCount)}; {allowed}", JsonSerializer.Serialize(defaultValue.Select(choices.NameOf)), Read(key));
        return Has(key)
            ? [.. ReadStrings(key, minCount, maxCount, name => choices.TryParse(name, out _), allowed)
                .Select(name => choices.TryParse(name, out var value) ? value : throw new InvalidOperationException(name))]
            : defaultValue;
    }

    /// <summary>
    /// A list of strings, each checked by <paramref name="isValid"/>; duplicates are rejected.
    /// <paramref name="defaultText"/> says for the docs what the caller uses when the key is left out.
    /// </summary>
    public IReadOnlyList<string> StringList(string key, int minCount, int maxCount, Func<string, bool> isValid, string allowed, string? defaultText = null)
    {
        Note(key, $"{CountRule(minCount, maxCount)}; {allowed}", defaultText ?? (minCount == 0 ? None : Required), Read(key));
        return ReadStrings(key, minCount, maxCount, isValid, allowed);
    }

    private List<string> ReadStrings(string key, int minCount, int maxCount, Func<string, bool> isValid, string allowed)
    {
        var items = ReadArray(key, minCount, maxCount, allowed);
        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.ValueKind != JsonValueKind.String || !isValid(item.GetString()!))
            {
                throw new ConfigurationException($"{KeyPath(key)}[{i}] {Describe(item)} is invalid: {allowed}");
            }

            if (result.Contains(item.GetString()!))
            {
                throw new ConfigurationException($"{KeyPath(key)}[{i}] {Describe(item)} is invalid: each value may appear only once");
            }

            result.Add(item.GetString()!);
        }

        return result;
    }

    /// <summary>An optional JSON object; <paramref name="defaultText"/> says for the docs what happens when it is left out.</summary>
    public SettingsReader? OptionalObject(string key, string? defaultText = null)
    {
        Note(key, "a JSON object (see its keys)", defaultText ?? None, Read(key));
        return ReadObject(key);
    }

    /// <summary>
    /// A JSON object read as a map of strings: each key checked by <paramref name="isKey"/>, each value by
    /// <paramref name="isValue"/>; left out, an empty map.
    /// </summary>
    public IReadOnlyDictionary<string, string> StringMap(string key, int maxCount, Func<string, bool> isKey, string keyRule, Func<string, bool> isValue, string valueRule)
    {
        var read = Read(key);
        Note(key, $"a JSON object of at most {maxCount} entries; {keyRule}; {valueRule}", None, read);
        if (read is not { } value)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(key, value, $"use a JSON object of at most {maxCount} entries; {keyRule}");
        }

        var entries = value.EnumerateObject().ToList();
        if (entries.Count > maxCount)
        {
            throw Invalid(key, $"(an object of {entries.Count} entries)", $"use at most {maxCount} entries");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!isKey(entry.Name))
            {
                throw new ConfigurationException($"{KeyPath(key)} key {JsonSerializer.Serialize(entry.Name)} is invalid: {keyRule}");
            }

            if (result.ContainsKey(entry.Name))
            {
                throw new ConfigurationException($"{KeyPath(key)} key {JsonSerializer.Serialize(entry.Name)} is invalid: each key may appear only once");
            }

            if (entry.Value.ValueKind != JsonValueKind.String || !isValue(entry.Value.GetString()!))
            {
                throw new ConfigurationException($"{KeyPath(key)}.{entry.Name} {Describe(entry.Value)} is invalid: {valueRule}");
            }

            result[entry.Name] = entry.Value.GetString()!;
        }

        return result;
    }

    /// <summary>
    /// An object whose keys all have defaults: left out, it reads as <c>{}</c>, so each default is written
    /// once, at the key that has it.
    /// </summary>
    public SettingsReader ObjectOrEmpty(string key) =>
        ReadObject(key) ?? new SettingsReader(EmptyObject, KeyPath(key));

    /// <summary>Reads this object with <paramref name="read"/>, then rejects any key it did not ask for.</summary>
    public T ReadAll<T>(Func<SettingsReader, T> read)
    {
        var value = read(this);
        EnsureNoUnknownKeys();
        return value;
    }

    public SettingsReader RequiredObject(string key) =>
        ReadObject(key) ?? throw Missing(key, "add this JSON object");

    /// <summary>
    /// A list of JSON objects; each comes back as a reader with an indexed path. <paramref name="defaultText"/>
    /// says for the docs what the caller uses when the key is left out.
    /// </summary>
    public IReadOnlyList<SettingsReader> ObjectList(string key, int minCount, int maxCount, string allowed, string? defaultText = null)
    {
        Note(key, $"{CountRule(minCount, maxCount)}; {allowed}", defaultText ?? (minCount == 0 ? None : Required), Read(key));
        return ReadArray(key, minCount, maxCount, allowed)
            .Select((item, i) => new SettingsReader(item, $"{KeyPath(key)}[{i}]"))
            .ToList();
    }

    public bool Has(string key) => Read(key) is not null;

    /// <summary>Fails on the first key that no read asked for: a typo or a setting that does not exist.</summary>
    public void EnsureNoUnknownKeys()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_knownKeys.Contains(property.Name))
            {
                var known = string.Join(", ", _knownKeys.Order(StringComparer.Ordinal));
                throw new ConfigurationException($"{KeyPath(property.Name)} is not a known setting: use one of {known}");
            }
        }
    }

    /// <summary>An error about a key of this object, in the house format.</summary>
    public ConfigurationException Invalid(string key, string received, string allowed) =>
        new($"{KeyPath(key)} {received} is invalid: {allowed}");

    private ConfigurationException Invalid(string key, JsonElement value, string allowed) =>
        Invalid(key, Describe(value), allowed);

    /// <summary>An error about a required key that is missing.</summary>
    public ConfigurationException Missing(string key, string allowed) =>
        new($"{KeyPath(key)} is missing: {allowed}");

    private SettingsReader? ReadObject(string key) =>
        Read(key) is { } value ? new SettingsReader(value, KeyPath(key)) : null;

    private static string CountRule(int minCount, int maxCount) => $"use a list of {minCount} to {maxCount} entries";

    private List<JsonElement> ReadArray(string key, int minCount, int maxCount, string allowed)
    {
        var countRule = CountRule(minCount, maxCount);
        if (Read(key) is not { } value)
        {
            return minCount == 0 ? [] : throw Missing(key, $"{countRule}; {allowed}");
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(key, value, $"{countRule}; {allowed}");
        }

        var items = value.EnumerateArray().ToList();
        return items.Count >= minCount && items.Count <= maxCount
            ? items
            : throw Invalid(key, $"(a list of {items.Count})", countRule);
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null when left out.</summary>
    public int? OptionalInt(string key, int min, int max, string allowed, string defaultText)
    {
        var read = Read(key);
        Note(key, allowed, defaultText, read);
        if (read is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw Invalid(key, value, allowed);
    }

    private JsonElement? Read(string key)
    {
        _knownKeys.Add(key);
        return _element.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JsonSerializer.Serialize(value.GetString()),
        JsonValueKind.Object => "(an object)",
        JsonValueKind.Array => "(a list)",
        _ => value.GetRawText(),
    };

    private static string Format(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions WrittenJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string Required = "required";
    private const string None = "none";

    /// <summary>Adds a read to the recording, if one is on: the key below the environment, the rule without "use ".</summary>
    private void Note(string key, string allowed, string defaultText, JsonElement? value)
    {
        if (Recording.Value is not { } reads)
        {
            return;
        }

        var path = EnvironmentKey().Match(KeyPath(key));
        reads.Add(new SettingRead(
            path.Groups["env"].Value,
            ListIndex().Replace(path.Groups["key"].Value, "[]"),
            allowed.StartsWith("use ", StringComparison.Ordinal) ? allowed[4..] : allowed,
            defaultText,
            value is { } written ? JsonSerializer.Serialize(written, WrittenJson) : null));
    }

    [GeneratedRegex(@"^environments\.(?<env>[^.]+)\.(?<key>.+)\z")]
    private static partial Regex EnvironmentKey();

    [GeneratedRegex(@"\[[0-9]+\]")]
    private static partial Regex ListIndex();

    private sealed class RecordingScope(List<SettingRead>? previous) : IDisposable
    {
        public void Dispose() => Recording.Value = previous;
    }
}
