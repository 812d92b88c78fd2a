using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>One request to evaluate: an action on a resource ARN with the request context (policy variables, condition keys).</summary>
internal sealed record AccessRequest(string Action, string Resource, IReadOnlyDictionary<string, string> Context);

/// <summary>
/// Evaluates identity-policy statements of a synthesized template the way IAM does for the parts these
/// policies use: explicit deny over allow over the implicit deny; wildcards <c>*</c> and <c>?</c> in actions
/// and resources; <c>${key}</c> policy variables from the request context (a statement whose variable has no
/// value does not apply); the condition operators StringEquals, StringLike and Null. Anything else throws, so a
/// policy that grows an operator this evaluator does not know fails the test instead of passing it.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
/// </summary>
internal static partial class PolicyEvaluator
{
    /// <summary>True when the statements allow the request and none denies it.</summary>
    public static bool Allows(IEnumerable<JsonNode> statements, AccessRequest request)
    {
        var matching = statements.Where(s => Applies(s, request)).ToList();
        return !matching.Any(s => (string?)s["Effect"] == "Deny") && matching.Any(s => (string?)s["Effect"] == "Allow");
    }

    /// <summary>
    /// A template value as a plain string: literal text, <c>Fn::Join</c>, a bucket's <c>Fn::GetAtt … Arn</c>
    /// (<c>arn:aws:s3:::LOGICALID</c>) and <c>Ref AWS::Partition</c>.
    /// </summary>
    public static string Resolve(JsonNode node) => node switch
    {
        JsonValue value => (string)value!,
        JsonObject o when o["Fn::Join"] is JsonArray join => string.Join((string)join[0]!, join[1]!.AsArray().Select(p => Resolve(p!))),
        JsonObject o when o["Fn::GetAtt"] is JsonArray att && (string?)att[1] == "Arn" => $"arn:aws:s3:::{(string)att[0]!}",
        JsonObject o when (string?)o["Ref"] == "AWS::Partition" => "aws",
        _ => throw new NotSupportedException($"cannot resolve {node.ToJsonString()}"),
    };

    private static bool Applies(JsonNode statement, AccessRequest request)
    {
        if (statement["NotAction"] is not null || statement["NotResource"] is not null || statement["Principal"] is not null)
        {
            throw new NotSupportedException($"statement form not supported: {statement.ToJsonString()}");
        }

        return Values(statement["Action"]).Any(a => Like(request.Action, a, ignoreCase: true))
            && Values(statement["Resource"]).Any(r => Substitute(r, request.Context) is { } pattern && Like(request.Resource, pattern, ignoreCase: false))
            && Conditions(statement["Condition"], request.Context);
    }

    private static bool Conditions(JsonNode? condition, IReadOnlyDictionary<string, string> context)
    {
        if (condition is null)
        {
            return true;
        }

        foreach (var (op, block) in condition.AsObject())
        {
            foreach (var (key, expected) in block!.AsObject())
            {
                var present = context.TryGetValue(key, out var actual);
                var values = Values(expected).Select(v => Substitute(v, context)).ToList();
                var holds = op switch
                {
                    "Null" => values.Single() == (present ? "false" : "true"),
                    "StringEquals" => present && values.Any(v => v is not null && string.Equals(actual, v, StringComparison.Ordinal)),
                    "StringLike" => present && values.Any(v => v is not null && Like(actual!, v, ignoreCase: false)),
                    _ => throw new NotSupportedException($"condition operator {op} not supported"),
                };
                if (!holds)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static IEnumerable<string> Values(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(v => Resolve(v!)),
        null => [],
        _ => [Resolve(node)],
    };

    /// <summary>The pattern with its <c>${key}</c> variables replaced; null when one has no value.</summary>
    private static string? Substitute(string pattern, IReadOnlyDictionary<string, string> context)
    {
        var missing = false;
        var result = Variable().Replace(pattern, m =>
        {
            if (context.TryGetValue(m.Groups[1].Value, out var value))
            {
                return value;
            }

            missing = true;
            return "";
        });
        return missing ? null : result;
    }

    private static bool Like(string value, string pattern, bool ignoreCase) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "\\z",
            (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.Singleline | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Variable();
}
