using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Configuration;

/// <summary>
/// Reads one JSON object of settings with a key path for error messages (<c>environments.dev.userPool</c>).
/// Every read marks its key as known; <see cref="EnsureNoUnknownKeys"/> then rejects the rest, so a typo
/// never falls back to a default silently.
/// </summary>
internal sealed class SettingsReader
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

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

    /// <summary>The path of a key of this object.</summary>
    public string KeyPath(string key) => $"{Path}.{key}";

    public string RequiredString(string key, Regex pattern, string allowed) =>
        OptionalString(key, pattern, allowed) ?? throw Missing(key, allowed);

    /// <summary>A required string checked by <paramref name="isValid"/> (a rule shared with the Lambda functions).</summary>
    public string RequiredString(string key, Func<string, bool> isValid, string allowed) =>
        OptionalString(key, isValid, allowed) ?? throw Missing(key, allowed);

    public string? OptionalString(string key, Regex pattern, string allowed) =>
        OptionalString(key, pattern.IsMatch, allowed);

    public string? OptionalString(string key, Func<string, bool> isValid, string allowed)
    {
        if (Read(key) is not { } value)
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
        if (Read(key) is not { } value)
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
        OptionalInt(key, min, max, $"use a whole number from {Format(min)} to {Format(max)}") ?? defaultValue;

    public int RequiredInt(string key, int min, int max)
    {
        var allowed = $"use a whole number from {Format(min)} to {Format(max)}";
        return OptionalInt(key, min, max, allowed) ?? throw Missing(key, allowed);
    }

    public int OneOf(string key, int defaultValue, IReadOnlyCollection<int> allowedValues)
    {
        var allowed = $"use one of {string.Join(", ", allowedValues)}";
        var value = OptionalInt(key, int.MinValue, int.MaxValue, allowed) ?? defaultValue;
        return allowedValues.Contains(value) ? value : throw Invalid(key, _element.GetProperty(key), allowed);
    }

    /// <summary>One of the spellings in <paramref name="choices"/>, exactly as written there.</summary>
    public TEnum Enum<TEnum>(string key, Spellings<TEnum> choices, TEnum defaultValue)
        where TEnum : struct, System.Enum
    {
        if (Read(key) is not { } value)
        {
            return defaultValue;
        }

        return value.ValueKind == JsonValueKind.String && choices.TryParse(value.GetString()!, out var choice)
            ? choice
            : throw Invalid(key, value, $"use one of {string.Join(", ", choices.Names)}");
    }

    /// <summary>A list of spellings from <paramref name="choices"/>, without duplicates; left out, <paramref name="defaultValue"/>.</summary>
    public IReadOnlyList<TEnum> EnumList<TEnum>(string key, Spellings<TEnum> choices, IReadOnlyList<TEnum> defaultValue, int minCount, int maxCount)
        where TEnum : struct, System.Enum =>
        Has(key)
            ? [.. StringList(key, minCount, maxCount, name => choices.TryParse(name, out _), $"use values from {string.Join(", ", choices.Names)}")
                .Select(name => choices.TryParse(name, out var value) ? value : throw new InvalidOperationException(name))]
            : defaultValue;

    /// <summary>A list of strings, each checked by <paramref name="isValid"/>; duplicates are rejected.</summary>
    public IReadOnlyList<string> StringList(string key, int minCount, int maxCount, Func<string, bool> isValid, string allowed)
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

    /// <summary>
    /// A JSON object read as a map of strings: each key checked by <paramref name="isKey"/>, each value by
    /// <paramref name="isValue"/>; left out, an empty map.
    /// </summary>
    public IReadOnlyDictionary<string, string> StringMap(string key, int maxCount, Func<string, bool> isKey, string keyRule, Func<string, bool> isValue, string valueRule)
    {
        if (Read(key) is not { } value)
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

    public SettingsReader? OptionalObject(string key) =>
        Read(key) is { } value ? new SettingsReader(value, KeyPath(key)) : null;

    /// <summary>
    /// An object whose keys all have defaults: left out, it reads as <c>{}</c>, so each default is written
    /// once, at the key that has it.
    /// </summary>
    public SettingsReader ObjectOrEmpty(string key) =>
        OptionalObject(key) ?? new SettingsReader(EmptyObject, KeyPath(key));

    /// <summary>Reads this object with <paramref name="read"/>, then rejects any key it did not ask for.</summary>
    public T ReadAll<T>(Func<SettingsReader, T> read)
    {
        var value = read(this);
        EnsureNoUnknownKeys();
        return value;
    }

    public SettingsReader RequiredObject(string key) =>
        OptionalObject(key) ?? throw Missing(key, "add this JSON object");

    /// <summary>A list of JSON objects; each comes back as a reader with an indexed path.</summary>
    public IReadOnlyList<SettingsReader> ObjectList(string key, int minCount, int maxCount, string allowed) =>
        ReadArray(key, minCount, maxCount, allowed)
            .Select((item, i) => new SettingsReader(item, $"{KeyPath(key)}[{i}]"))
            .ToList();

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

    private List<JsonElement> ReadArray(string key, int minCount, int maxCount, string allowed)
    {
        var countRule = $"use a list of {minCount} to {maxCount} entries";
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

    private int? OptionalInt(string key, int min, int max, string allowed)
    {
        if (Read(key) is not { } value)
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
}
