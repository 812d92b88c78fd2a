using System.Globalization;

namespace CognitoStack.Contract;

/// <summary>
/// One step-up requirement: the routes of <see cref="RouteGroup"/> need a token whose <c>acr</c> is at least
/// <see cref="Acr"/> and whose <c>auth_time</c> is at most <see cref="MaxAgeSeconds"/> old. Either may be
/// left out, not both.
/// </summary>
/// <param name="RouteGroup">One of <see cref="StepUpRules.RouteGroups"/>.</param>
/// <param name="Acr">The lowest acceptable level, one of <see cref="StepUpRules.Levels"/>; null: any.</param>
/// <param name="MaxAgeSeconds">The oldest acceptable sign-in, in seconds; null: any.</param>
public sealed record StepUpRule(string RouteGroup, string? Acr, int? MaxAgeSeconds);

/// <summary>
/// Step-up authentication (RFC 9470) shared by the CDK settings (<c>api.stepUp</c>) and the backend
/// (<see cref="EnvironmentVariables.StepUp"/>): the route groups, the levels and the variable's format.
/// </summary>
/// <remarks>
/// Levels: Cognito reports the level a sign-in reached in the <c>acr</c> claim as its own URIs, e.g.
/// <c>urn:cognito:loa:3</c>, and a pool has four (<c>Level1</c> to <c>Level4</c> in <c>AcrConfiguration</c>).
/// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-step-up-authentication.html,
/// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AcrLevelConfigType.html.
/// A higher level satisfies a lower one. Custom level names (<c>AcrConfiguration</c>) are not supported.
/// </remarks>
public static class StepUpRules
{
    /// <summary>Cognito's default ACR names, weakest first.</summary>
    public static IReadOnlyList<string> Levels { get; } =
        ["urn:cognito:loa:1", "urn:cognito:loa:2", "urn:cognito:loa:3", "urn:cognito:loa:4"];

    /// <summary>The route groups a rule can name, each with its route templates.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> RouteGroups { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["me"] = ["/me"],
            ["admin"] = ["/admin/health", "/admin/claims"],
            ["items"] = ["/items"],
        };

    /// <summary>Shortest <c>max_age</c> a rule may ask for: 1 minute.</summary>
    public const int MinMaxAgeSeconds = 60;

    /// <summary>Longest <c>max_age</c> a rule may ask for: 1 day (longer says nothing a session does not).</summary>
    public const int MaxMaxAgeSeconds = 86_400;

    /// <summary>What <see cref="Parse"/> accepts, for error messages.</summary>
    public const string Format =
        "use GROUP|ACR|MAX_AGE_SECONDS entries separated by \";\", with GROUP one of me, admin, items, ACR a Cognito level "
        + "(urn:cognito:loa:1 to urn:cognito:loa:4) or empty, MAX_AGE_SECONDS 60-86400 or empty, not both empty";

    /// <summary>The rank of a level (0 weakest), or -1 when <paramref name="acr"/> is not a known level.</summary>
    /// <param name="acr">An <c>acr</c> claim value.</param>
    public static int Rank(string? acr)
    {
        for (var i = 0; i < Levels.Count; i++)
        {
            if (string.Equals(Levels[i], acr, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The route group of a route template, or null when no group holds it.</summary>
    /// <param name="route">A route template, e.g. <c>/admin/health</c>.</param>
    public static string? GroupOf(string route)
    {
        foreach (var (group, routes) in RouteGroups)
        {
            foreach (var candidate in routes)
            {
                if (string.Equals(candidate, route, StringComparison.Ordinal))
                {
                    return group;
                }
            }
        }

        return null;
    }

    /// <summary>The variable's value for <paramref name="rules"/>, e.g. <c>admin|urn:cognito:loa:2|900</c>.</summary>
    /// <param name="rules">Valid rules.</param>
    public static string ToVariable(IEnumerable<StepUpRule> rules) =>
        string.Join(';', rules.Select(r =>
            $"{r.RouteGroup}|{r.Acr}|{r.MaxAgeSeconds?.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>Reads the variable; an empty value means no rule. Null with <paramref name="error"/> set when invalid.</summary>
    /// <param name="value">The variable's value.</param>
    /// <param name="error">What is wrong, or null.</param>
    public static IReadOnlyList<StepUpRule>? Parse(string? value, out string? error)
    {
        error = null;
        var rules = new List<StepUpRule>();
        if (string.IsNullOrEmpty(value))
        {
            return rules;
        }

        foreach (var entry in value.Split(';'))
        {
            var parts = entry.Split('|');
            int? maxAge = null;
            var valid = parts.Length == 3
                && RouteGroups.ContainsKey(parts[0])
                && (parts[1].Length == 0 || Rank(parts[1]) >= 0)
                && (parts[2].Length == 0 || (int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    && (maxAge = seconds) is >= MinMaxAgeSeconds and <= MaxMaxAgeSeconds))
                && (parts[1].Length > 0 || maxAge is not null)
                && !rules.Exists(r => r.RouteGroup == parts[0]);
            if (!valid)
            {
                error = $"entry \"{entry}\" is invalid: {Format}, each group once";
                return null;
            }

            rules.Add(new StepUpRule(parts[0], parts[1].Length == 0 ? null : parts[1], maxAge));
        }

        return rules;
    }
}
