using System.Text.Json.Nodes;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>Resource dependencies of a template (Ref, Fn::GetAtt, Fn::Sub, DependsOn) and a cycle search.</summary>
internal static class DependencyGraph
{
    /// <summary>A cycle of logical IDs (first = last), or null when the template has none.</summary>
    public static IReadOnlyList<string>? FindCycle(JsonNode template)
    {
        var resources = template["Resources"]!.AsObject();
        var edges = resources.ToDictionary(r => r.Key, r => References(r.Value!).Where(resources.ContainsKey).ToHashSet());
        var state = new Dictionary<string, int>();
        var path = new Stack<string>();

        IReadOnlyList<string>? Visit(string id)
        {
            state[id] = 1;
            path.Push(id);
            foreach (var next in edges[id])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Reverse().SkipWhile(p => p != next), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.Pop();
            state[id] = 2;
            return null;
        }

        return edges.Keys.Where(id => state.GetValueOrDefault(id) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key switch
        {
            "Ref" => [(string)p.Value!],
            "Fn::GetAtt" => [(string)p.Value!.AsArray()[0]!],
            "DependsOn" => p.Value is JsonArray list ? list.Select(d => (string)d!) : [(string)p.Value!],
            "Fn::Sub" => SubReferences(p.Value),
            _ => References(p.Value),
        }),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };

    private static IEnumerable<string> SubReferences(JsonNode? value)
    {
        var text = value is JsonArray array ? (string)array[0]! : (string)value!;
        var variables = System.Text.RegularExpressions.Regex.Matches(text, @"\$\{([A-Za-z0-9]+)(\.[A-Za-z]+)?\}").Select(m => m.Groups[1].Value);
        return value is JsonArray withMap ? variables.Concat(References(withMap[1])) : variables;
    }
}
