using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>
/// Builds settings inputs from a valid base environment (cdk.json's dev) with one setting changed by a
/// key path such as <c>userPool.groups[0].name</c>, and loads them. No CDK types: runs in parallel.
/// </summary>
internal static partial class Settings
{
    /// <summary>The name every changed environment is loaded under.</summary>
    public const string Env = "dev";

    /// <summary>A fresh copy of cdk.json's dev environment.</summary>
    public static JsonObject Dev() => Copy(Repository.Environments.GetProperty(Env));

    /// <summary>
    /// The smallest valid environment: only the required keys, and somewhere to send alarms (monitoring is on
    /// by default and needs a destination).
    /// </summary>
    public static JsonObject Minimal() => JsonNode.Parse("""
        {
          "webOrigins": ["https://app.example.com"],
          "userPool": {},
          "domain": { "prefix": "myapp" },
          "clients": {
            "callbackUrls": ["https://app.example.com/callback"],
            "logoutUrls": ["https://app.example.com/"]
          },
          "resourceServer": {
            "identifier": "myapp-api",
            "scopes": [
              { "name": "read", "description": "Read items" },
              { "name": "write", "description": "Create items" }
            ]
          },
          "monitoring": { "alarmEmails": ["ops@example.com"] },
          "email": { "fromAddress": "no-reply@example.com", "sesIdentity": "example.com" }
        }
        """)!.AsObject();

    /// <summary>Loads the dev environment after <paramref name="mutate"/> has changed it.</summary>
    public static EnvironmentSettings Load(Action<JsonObject>? mutate = null, JsonObject? environment = null)
    {
        var env = environment ?? Dev();
        mutate?.Invoke(env);
        return SettingsLoader.Load(Environments((Env, env)), Env, Root);
    }

    /// <summary>Where <see cref="Load"/> reads file settings from: <see cref="ScratchRoot"/>.</summary>
    public static string Root => ScratchRoot.Value;

    /// <summary>
    /// A repository root of the tests' own: a copy of the repository's config/ with the hostile fixture files (a
    /// script in an SVG, a PNG that holds text) under config/fixtures/branding. File settings read only under
    /// config/, and those files must never sit in the real one.
    /// </summary>
    private static readonly Lazy<string> ScratchRoot = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("cognitostack-settings-").FullName;
        Copy(Path.Combine(Repository.Root, "config"), Path.Combine(root, "config"));
        Copy(Path.Combine(Repository.Root, "tests", "CognitoStack.Cdk.Tests", "Fixtures", "branding"), Path.Combine(root, "config", "fixtures", "branding"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
        return root;
    });

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The message of the configuration error that <paramref name="mutate"/> causes.</summary>
    public static string Error(Action<JsonObject> mutate) =>
        Assert.Throws<ConfigurationException>(() => Load(mutate)).Message;

    /// <summary>An <c>environments</c> value holding the given environments.</summary>
    public static JsonElement Environments(params (string Name, JsonNode? Value)[] environments)
    {
        var root = new JsonObject();
        foreach (var (name, value) in environments)
        {
            root[name] = value;
        }

        return JsonSerializer.SerializeToElement(root);
    }

    /// <summary>Sets the value at <paramref name="path"/>; an index one past the end appends.</summary>
    public static Action<JsonObject> Set(string path, object? value) => env =>
    {
        var node = value as JsonNode ?? JsonSerializer.SerializeToNode(value);
        switch (Parent(env, path, out var last))
        {
            case JsonArray array when Index(last) == array.Count:
                array.Add(node);
                break;
            case JsonArray array:
                array[Index(last)] = node;
                break;
            case var parent:
                parent[last] = node;
                break;
        }
    };

    /// <summary>Sets the value at <paramref name="path"/> to raw JSON text.</summary>
    public static Action<JsonObject> SetJson(string path, string json) => Set(path, JsonNode.Parse(json));

    /// <summary>Removes the key or list entry at <paramref name="path"/>.</summary>
    public static Action<JsonObject> Remove(string path) => env =>
    {
        var parent = Parent(env, path, out var last);
        if (parent is JsonArray array)
        {
            array.RemoveAt(Index(last));
        }
        else
        {
            parent.AsObject().Remove(last);
        }
    };

    /// <summary>
    /// Turns off what needs ESSENTIALS or PLUS (managed login, passkeys, password history), so LITE loads;
    /// refresh-token rotation is left to its default, which is off on LITE.
    /// </summary>
    public static Action<JsonObject> LiteCompatible() => All(
        SetJson("hostedUi", """{"style": "CLASSIC"}"""),
        SetJson("userPool.signInFactors", """["PASSWORD"]"""),
        Set("userPool.passwordHistorySize", 0),
        Remove("clients.refreshTokenRotation"));

    /// <summary>SES as the pool's email sender (dev uses Cognito's).</summary>
    public static Action<JsonObject> Ses() =>
        SetJson("email", """{"sender": "SES", "fromAddress": "no-reply@example.com", "sesIdentity": "example.com"}""");

    /// <summary>Applies several changes in order.</summary>
    public static Action<JsonObject> All(params Action<JsonObject>[] changes) => env =>
    {
        foreach (var change in changes)
        {
            change(env);
        }
    };

    /// <summary>The loaded value at a key path: <c>userPool.mfa</c> reads <c>UserPool.Mfa</c>.</summary>
    public static object? Get(EnvironmentSettings settings, string path) =>
        path.Split('.').Aggregate<string, object?>(settings, (owner, key) =>
            owner!.GetType().GetProperty(char.ToUpperInvariant(key[0]) + key[1..], BindingFlags.Public | BindingFlags.Instance)!.GetValue(owner));

    /// <summary>The loaded value at a key path, typed.</summary>
    public static T Get<T>(EnvironmentSettings settings, string path) => (T)Get(settings, path)!;

    /// <summary>The full key path in messages: <c>environments.dev.userPool.mfa</c>.</summary>
    public static string Key(string path) => path.Length == 0 ? $"environments.{Env}" : $"environments.{Env}.{path}";

    /// <summary>A received value as messages show it: strings quoted, numbers and booleans as written.</summary>
    public static string Received(object? value) => JsonSerializer.Serialize(value);

    /// <summary>The house-style message for an invalid value.</summary>
    public static string Invalid(string path, string received, string allowed) =>
        $"{Key(path)} {received} is invalid: {allowed}";

    /// <summary>A list of <paramref name="count"/> distinct values.</summary>
    public static string[] Many(int count, string format) =>
        [.. Enumerable.Range(1, count).Select(i => string.Format(CultureInfo.InvariantCulture, format, i))];

    private static JsonObject Copy(JsonElement element) => JsonNode.Parse(element.GetRawText())!.AsObject();

    private static JsonNode Parent(JsonObject env, string path, out string last)
    {
        var tokens = PathToken().Matches(path).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        last = tokens[^1];
        JsonNode node = env;
        foreach (var token in tokens[..^1])
        {
            node = node is JsonArray array ? array[Index(token)]! : node[token]!;
        }

        return node;
    }

    private static int Index(string token) => int.Parse(token, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"([^.\[\]]+)|\[(\d+)\]")]
    private static partial Regex PathToken();
}
