using System.Text.Json;
using Amazon.CDK;
using CognitoStack.Cdk.Configuration;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>
/// Synthesizes each environment of cdk.json and the test-only ones at most once per test run, when a test
/// first asks for it (a filtered run synthesizes only what its tests read). jsii start-up dominates the
/// cost and its first use is not thread-safe, so every test that touches the CDK shares this fixture
/// through the <see cref="SynthCollection"/> (one collection: never in parallel). That two synths are
/// byte-identical is proven by CI, which synthesizes every environment twice through the CLI (.ci/run).
/// </summary>
public sealed class SynthFixture : IDisposable
{
    private readonly Dictionary<string, Lazy<SynthesizedEnvironment>> _environments = new(StringComparer.Ordinal);
    private readonly string _outputRoot;
    private readonly bool _keepOutput;

    /// <summary>
    /// Prepares every environment of cdk.json and the test-only ones. With <see cref="OutputVariable"/>
    /// set, all of them are synthesized into that directory and kept (CI runs the cdk-nag gate over every
    /// one, test-only environments included); otherwise each is synthesized on first use into a temporary
    /// directory.
    /// </summary>
    public SynthFixture()
    {
        var requested = System.Environment.GetEnvironmentVariable(OutputVariable);
        _keepOutput = !string.IsNullOrEmpty(requested);
        _outputRoot = _keepOutput ? Directory.CreateDirectory(requested!).FullName : Directory.CreateTempSubdirectory("cognitostack-tests-").FullName;
        foreach (var name in Repository.EnvironmentNames)
        {
            _environments[name] = new(() => Synthesize(SettingsLoader.Load(Repository.Environments, name, Repository.Root), name));
        }

        foreach (var name in Repository.TestEnvironmentNames)
        {
            _environments[name] = new(() => Synthesize(SettingsLoader.Load(Repository.TestEnvironments, name, Repository.Root), name));
        }

        if (_keepOutput)
        {
            _ = All.ToList();
        }
    }

    /// <summary>Environment variable naming a directory to keep the synthesized assemblies in.</summary>
    public const string OutputVariable = "CDK_TEST_ASSEMBLIES";

    /// <summary>An environment from cdk.json.</summary>
    public SynthesizedEnvironment this[string name] => _environments[name].Value;

    /// <summary>Every environment, synthesized.</summary>
    public IEnumerable<SynthesizedEnvironment> All => _environments.Values.Select(e => e.Value);

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
        CognitoApp.AddTo(app, settings, CognitoApp.Code(Repository.Root, settings));
        app.Synth();
        return new SynthesizedEnvironment(settings, outdir);
    }

    /// <summary>Deletes the synthesized assemblies unless they were asked to be kept.</summary>
    public void Dispose()
    {
        if (!_keepOutput)
        {
            Directory.Delete(_outputRoot, recursive: true);
        }
    }

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
