using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Configuration;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>One environment synthesized once: its settings, cloud assembly directory and templates.</summary>
public sealed class SynthesizedEnvironment
{
    private readonly Dictionary<string, Template> _templates = new(StringComparer.Ordinal);

    internal SynthesizedEnvironment(EnvironmentSettings settings, string assemblyDirectory)
    {
        Settings = settings;
        AssemblyDirectory = assemblyDirectory;
        Manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(assemblyDirectory, "manifest.json")))!;
        Json = StackIdsFor(settings).ToDictionary(id => id, id => JsonNode.Parse(TemplateText(id))!);
    }

    /// <summary>
    /// The stack construct IDs of an environment: Identity and Api, then Backup and Monitoring unless they
    /// are off, IdentityReplica (the replica Region's stack) with replication, and Vault (the backup account's
    /// stack) with a vault.
    /// </summary>
    public static IReadOnlyList<string> StackIdsFor(EnvironmentSettings settings) =>
        [
            "Identity", "Api",
            .. settings.Backup.Enabled ? ["Backup"] : Array.Empty<string>(),
            .. settings.Monitoring.Enabled ? ["Monitoring"] : Array.Empty<string>(),
            .. settings.Replication.Enabled ? ["IdentityReplica"] : Array.Empty<string>(),
            .. settings.Backup is { Enabled: true, Vault: not null } ? ["Vault"] : Array.Empty<string>(),
        ];

    /// <summary>This environment's stack construct IDs.</summary>
    public IReadOnlyList<string> StackIds => StackIdsFor(Settings);

    /// <summary>The settings the environment was synthesized with.</summary>
    public EnvironmentSettings Settings { get; }

    /// <summary>Where the cloud assembly was written.</summary>
    public string AssemblyDirectory { get; }

    /// <summary>The cloud assembly manifest.</summary>
    public JsonNode Manifest { get; }

    /// <summary>Each stack's template as JSON, by stack ID.</summary>
    public IReadOnlyDictionary<string, JsonNode> Json { get; }

    /// <summary>The Identity stack's template for CDK assertions.</summary>
    public Template Identity => Template("Identity");

    /// <summary>The Api stack's template for CDK assertions.</summary>
    public Template Api => Template("Api");

    /// <summary>The Backup stack's template for CDK assertions (only where backup is on).</summary>
    public Template Backup => Template("Backup");

    /// <summary>The Monitoring stack's template for CDK assertions (only where monitoring is on).</summary>
    public Template Monitoring => Template("Monitoring");

    /// <summary>The backup account's Vault stack's template for CDK assertions (only with a vault).</summary>
    public Template Vault => Template("Vault");

    /// <summary>The replica Region's stack's template for CDK assertions (only with replication).</summary>
    public Template Replica => Template("IdentityReplica");

    /// <summary>The template file's text, as written by the synth.</summary>
    public string TemplateText(string stackId) =>
        File.ReadAllText(Path.Combine(AssemblyDirectory, $"{stackId}.template.json"));

    /// <summary>A stack artifact's properties in the manifest (termination protection, stack name…).</summary>
    public JsonNode StackArtifact(string stackId) => Manifest["artifacts"]![stackId]!;

    private Template Template(string stackId)
    {
        if (!_templates.TryGetValue(stackId, out var template))
        {
            template = Amazon.CDK.Assertions.Template.FromString(TemplateText(stackId));
            _templates[stackId] = template;
        }

        return template;
    }

    /// <summary>Every resource of a CloudFormation type in a stack, with its logical ID.</summary>
    public IEnumerable<(string LogicalId, JsonNode Resource)> Resources(string stackId, string type) =>
        Json[stackId]["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => (r.Key, r.Value!));

    /// <summary>Every resource in every stack.</summary>
    public IEnumerable<(string StackId, string LogicalId, JsonNode Resource)> AllResources() =>
        StackIds.SelectMany(id => Json[id]["Resources"]!.AsObject().Select(r => (id, r.Key, r.Value!)));

    /// <summary>Compact JSON text of a node, for "contains" checks in messages.</summary>
    public static string Text(JsonNode? node) => node?.ToJsonString(CompactOptions) ?? "null";

    private static readonly JsonSerializerOptions CompactOptions = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
