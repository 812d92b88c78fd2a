using System.Text;
using System.Text.Json;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Docs;

/// <summary>
/// docs/configuration.md's settings table, generated from the settings model: every environment of cdk.json
/// and the test-only ones is loaded with <see cref="SettingsReader.Record"/> on, so each key any of them
/// reads appears with the rule and default the reader checks it with, the value dev and prod write, and its
/// one-line description from <see cref="SettingDescriptions"/>. The prose around the table is kept as
/// written: only the text between <see cref="Begin"/> and <see cref="End"/> is generated.
/// </summary>
internal static class ConfigurationReference
{
    /// <summary>Set to 1 to write the generated reference instead of comparing with it.</summary>
    public const string UpdateVariable = "UPDATE_DOCS";

    /// <summary>The line before the generated table.</summary>
    public const string Begin = "<!-- BEGIN GENERATED settings table: edit tests/CognitoStack.Cdk.Tests/Docs/SettingDescriptions.cs and run the tests with UPDATE_DOCS=1 -->";

    /// <summary>The line after the generated table.</summary>
    public const string End = "<!-- END GENERATED settings table -->";

    /// <summary>The environments whose values get a column.</summary>
    public static readonly string[] Columns = ["dev", "prod"];

    /// <summary>docs/configuration.md.</summary>
    public static string FilePath => Path.Combine(Repository.Root, "docs", "configuration.md");

    /// <summary>Every key any environment reads, in the order first read, with each environment's reads of it.</summary>
    public static IReadOnlyList<(string Key, IReadOnlyList<SettingRead> Reads)> Keys()
    {
        var reads = new List<SettingRead>();
        using (SettingsReader.Record(reads))
        {
            foreach (var name in Repository.EnvironmentNames)
            {
                SettingsLoader.Load(Repository.Environments, name, Repository.Root);
            }

            foreach (var name in Repository.TestEnvironmentNames)
            {
                SettingsLoader.Load(Repository.TestEnvironments, name, Repository.Root);
            }
        }

        var keys = reads.GroupBy(r => r.Key, StringComparer.Ordinal).Select(g => (g.Key, (IReadOnlyList<SettingRead>)[.. g])).ToList();
        var firstRead = keys.Select((k, i) => (k.Key, i)).ToDictionary(k => k.Key, k => k.i, StringComparer.Ordinal);
        return [.. keys.Order(Comparer<(string Key, IReadOnlyList<SettingRead> Reads)>.Create((a, b) => Compare(a.Key, b.Key, firstRead)))];
    }

    /// <summary>
    /// Keys in the order of the model, each under its parent: segment by segment, a path ranks where the
    /// first key under it was read (so <c>domain.customDomain.domainName</c> follows <c>domain.prefix</c>, not
    /// the last key read).
    /// </summary>
    private static int Compare(string a, string b, Dictionary<string, int> firstRead)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var byRank = Rank(string.Join('.', left[..(i + 1)]), firstRead).CompareTo(Rank(string.Join('.', right[..(i + 1)]), firstRead));
            if (byRank != 0)
            {
                return byRank;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private static int Rank(string prefix, Dictionary<string, int> firstRead) =>
        firstRead.Where(k => k.Key == prefix || k.Key.StartsWith(prefix + ".", StringComparison.Ordinal) || k.Key.StartsWith(prefix + "[", StringComparison.Ordinal))
            .Min(k => k.Value);

    /// <summary>The table: key, what it is, allowed, default, then one column per <see cref="Columns"/> environment.</summary>
    public static string Table()
    {
        var table = new StringBuilder()
            .Append("| Key | What it is | Allowed | Default | ").AppendJoin(" | ", Columns).Append(" |\n")
            .Append("|---|---|---|---|").AppendJoin(string.Empty, Columns.Select(_ => "---|")).Append('\n');
        foreach (var (key, reads) in Keys())
        {
            var description = SettingDescriptions.ByKey.TryGetValue(key, out var text) ? text : "**undescribed**";
            table.Append("| `" + key + "` | " + Cell(description) + " | " + Plain(Distinct(reads.Select(r => r.Allowed))) + " | " + Plain(Distinct(reads.Select(r => r.Default))) + " |");
            foreach (var column in Columns)
            {
                table.Append(' ').Append(Cell(Written(reads.Where(r => r.Environment == column)))).Append(" |");
            }

            table.Append('\n');
        }

        return table.ToString();
    }

    /// <summary>The committed file with the table between the markers replaced by <see cref="Table"/>.</summary>
    public static string Generate(string committed)
    {
        var begin = committed.IndexOf(Begin, StringComparison.Ordinal);
        var end = committed.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"docs/configuration.md must hold the lines {Begin} and {End}");
        }

        return $"{committed[..(begin + Begin.Length)]}\n{Table()}{committed[end..]}";
    }

    private static string Distinct(IEnumerable<string> values) => string.Join(" / ", values.Distinct(StringComparer.Ordinal));

    /// <summary>What an environment writes for a key: each value once, strings unquoted, "–" when left out.</summary>
    private static string Written(IEnumerable<SettingRead> reads)
    {
        var values = reads.Select(r => r.Written).Where(w => w is not null).Select(w => Value(w!)).Distinct(StringComparer.Ordinal).ToList();
        return values.Count == 0 ? "–" : string.Join(", ", values);
    }

    private static string Value(string json)
    {
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement;
        return value.ValueKind switch
        {
            JsonValueKind.String => $"`{value.GetString()}`",
            JsonValueKind.Object => "(object)",
            JsonValueKind.Array when value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Object) => $"{value.GetArrayLength()} entries",
            JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => Value(v.GetRawText()))),
            _ => $"`{value.GetRawText()}`",
        };
    }

    /// <summary>A cell of the reader's own words: angle brackets shown, not read as HTML or links.</summary>
    private static string Plain(string text) =>
        Cell(text.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
