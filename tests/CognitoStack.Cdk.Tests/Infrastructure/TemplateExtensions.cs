using Amazon.CDK.Assertions;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>Short forms of the CDK template assertions the tests use most.</summary>
internal static class TemplateExtensions
{
    /// <summary>A resource of <paramref name="type"/> whose Properties contain <paramref name="properties"/>.</summary>
    public static void HasProperties(this Template template, string type, IDictionary<string, object> properties) =>
        template.HasResourceProperties(type, Match.ObjectLike(properties));

    /// <summary>A resource of <paramref name="type"/> with the given deletion and update-replace policy.</summary>
    public static void HasPolicies(this Template template, string type, string policy) =>
        template.HasResource(type, Match.ObjectLike(new Dictionary<string, object>
        {
            ["DeletionPolicy"] = policy,
            ["UpdateReplacePolicy"] = policy,
        }));

    /// <summary>Shorthand for a JSON-like object in assertions.</summary>
    public static Dictionary<string, object> Obj(params (string Key, object Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    /// <summary>Every policy statement of a resource: its policy document, key policy or inline policies.</summary>
    public static IEnumerable<System.Text.Json.Nodes.JsonNode> Statements(System.Text.Json.Nodes.JsonNode resource)
    {
        var properties = resource["Properties"];
        var documents = new[] { properties?["PolicyDocument"], properties?["KeyPolicy"] }
            .Concat(properties?["Policies"]?.AsArray().Select(p => p?["PolicyDocument"]) ?? []);
        return documents.Where(d => d is not null).SelectMany(d => d!["Statement"]!.AsArray()!).Select(s => s!);
    }

    /// <summary>A statement's actions, whether written as one string or a list.</summary>
    public static IEnumerable<string> Actions(System.Text.Json.Nodes.JsonNode? action) =>
        action is System.Text.Json.Nodes.JsonArray list ? list.Select(a => (string)a!) : [(string)action!];
}
