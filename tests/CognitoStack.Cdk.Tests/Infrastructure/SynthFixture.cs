using System.Text.Json;
using Amazon.CDK;
using CognitoStack.Cdk.Bundling;
using CognitoStack.Cdk.Configuration;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>
/// Synthesizes every environment in cdk.json once per test run. jsii start-up dominates the cost and its
/// first use is not thread-safe, so every test that touches the CDK shares this fixture through the
/// <see cref="SynthCollection"/> (one collection: never in parallel).
/// </summary>
public sealed class SynthFixture : IDisposable
{
    private readonly Dictionary<string, SynthesizedEnvironment> _environments = new(StringComparer.Ordinal);
    private readonly string _outputRoot = Directory.CreateTempSubdirectory("cognitostack-tests-").FullName;

    /// <summary>Synthesizes dev, prod and every other environment of cdk.json.</summary>
    public SynthFixture()
    {
        foreach (var name in Repository.EnvironmentNames)
        {
            _environments[name] = Synthesize(SettingsLoader.Load(Repository.Environments, name), name);
        }
    }

    /// <summary>An environment from cdk.json.</summary>
    public SynthesizedEnvironment this[string name] => _environments[name];

    /// <summary>All environments from cdk.json.</summary>
    public IEnumerable<SynthesizedEnvironment> All => _environments.Values;

    /// <summary>
    /// Synthesizes <paramref name="settings"/> into a new directory, with cdk.json's feature flags and
    /// without bundling (the asset hash still comes from the backend source).
    /// </summary>
    public SynthesizedEnvironment Synthesize(EnvironmentSettings settings, string outputName)
    {
        var outdir = Path.Combine(_outputRoot, outputName);
        var context = FeatureFlags();
        context["aws:cdk:bundling-stacks"] = Array.Empty<string>();
        var app = new App(new AppProps { Outdir = outdir, Context = context, AnalyticsReporting = false });
        CognitoApp.AddTo(app, settings, BackendCode.FromRepository(Repository.Root));
        app.Synth();
        return new SynthesizedEnvironment(settings, outdir);
    }

    /// <summary>Deletes the synthesized assemblies.</summary>
    public void Dispose() => Directory.Delete(_outputRoot, recursive: true);

    private static Dictionary<string, object> FeatureFlags() =>
        Repository.CdkJson.GetProperty("context").EnumerateObject()
            .Where(p => p.Name != "environments")
            .ToDictionary(p => p.Name, p => ToContextValue(p.Value));

    private static object ToContextValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => value.EnumerateArray().Select(ToContextValue).ToArray(),
        _ => throw new InvalidOperationException($"Unsupported context value {value}"),
    };
}

/// <summary>The one collection of tests that touch the CDK (jsii).</summary>
[CollectionDefinition(Name)]
public sealed class SynthCollection : ICollectionFixture<SynthFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "Synth";
}
