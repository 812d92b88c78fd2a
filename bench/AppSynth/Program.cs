using System.Text.Json;
using Amazon.CDK;
using CognitoStack.Cdk;
using CognitoStack.Cdk.Bundling;
using CognitoStack.Cdk.Configuration;

// Usage: AppSynth <repository root> <outdir>. Synthesizes every environment of cdk.json into <outdir>/<env>
// with cdk.json's feature flags and bundling skipped (the asset hash still comes from the backend source).
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("usage: AppSynth <repository root> <outdir>");
    return 2;
}

var (root, outdir) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
using var cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "cdk.json")));
var context = cdkJson.RootElement.GetProperty("context");
var environments = context.GetProperty("environments");
var featureFlags = context.EnumerateObject()
    .Where(p => p.Name != "environments")
    .ToDictionary(p => p.Name, p => ToContextValue(p.Value));

foreach (var name in environments.EnumerateObject().Select(e => e.Name))
{
    var settings = SettingsLoader.Load(environments, name, root);
    var app = new App(new AppProps
    {
        Outdir = Path.Combine(outdir, name),
        Context = new Dictionary<string, object>(featureFlags) { ["aws:cdk:bundling-stacks"] = Array.Empty<string>() },
        AnalyticsReporting = false,
    });
    CognitoApp.AddTo(app, settings, LambdaCode.FromRepository(root));
    app.Synth();
}

return 0;

static object ToContextValue(JsonElement value) => value.ValueKind switch
{
    JsonValueKind.True => true,
    JsonValueKind.False => false,
    JsonValueKind.String => value.GetString()!,
    JsonValueKind.Number => value.GetDouble(),
    JsonValueKind.Array => value.EnumerateArray().Select(ToContextValue).ToArray(),
    _ => throw new InvalidOperationException($"unsupported context value {value}"),
};
