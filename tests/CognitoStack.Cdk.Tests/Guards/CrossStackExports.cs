using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Guards;

/// <summary>
/// The "export in use" trap: when a change stops the Api stack from importing a value, the CDK drops the
/// Identity stack's export too. CloudFormation updates the Identity stack first, and an export cannot be
/// removed while a deployed stack still imports it, so the deploy fails. The way out takes two releases.
/// </summary>
internal static class CrossStackExports
{
    /// <summary>What to do when an export would disappear.</summary>
    public const string TwoStepRemoval =
        "CloudFormation cannot delete an export that a deployed stack still imports: the Identity stack's update would fail (\"Export … cannot be deleted as it is in use by …\"). "
        + "Remove it in two releases: (1) keep the export with this.ExportValue(<the same value>) in the exporting stack (a comment saying to remove it after the next release) and deploy every environment, so the Api stack stops importing it; "
        + "(2) then remove the ExportValue call, and list the export in AcknowledgedRemovals with the reason (e.g. \"release 2026-12 deployed everywhere without the import\").";

    /// <summary>Export names (<c>Outputs.*.Export.Name</c>) of one template.</summary>
    public static IReadOnlySet<string> Names(JsonNode template) =>
        (template["Outputs"]?.AsObject() ?? new JsonObject())
            .Select(o => o.Value?["Export"]?["Name"])
            .Where(n => n is not null)
            .Select(n => SynthesizedEnvironment.Text(n).Trim('"'))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Exports of <paramref name="committed"/> missing from <paramref name="current"/> and not acknowledged.</summary>
    public static IReadOnlyList<string> Removed(JsonNode committed, JsonNode current, IEnumerable<string> acknowledged) =>
        [.. Names(committed).Except(Names(current)).Except(acknowledged).Order(StringComparer.Ordinal)];
}
