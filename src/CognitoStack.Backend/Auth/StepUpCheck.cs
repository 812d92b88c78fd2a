using System.Globalization;
using CognitoStack.Contract;

namespace CognitoStack.Backend.Auth;

/// <summary>Why a token is not enough for a route, and what the client must ask Cognito for.</summary>
/// <param name="Rule">The route group's requirement.</param>
/// <param name="Description">What is missing, without quotes or backslashes (it goes into a header).</param>
public sealed record StepUpChallenge(StepUpRule Rule, string Description);

/// <summary>
/// Step-up authentication at the resource server (RFC 9470, section 3): compares the token's <c>acr</c>
/// and <c>auth_time</c> with the route group's rule. Cognito writes both claims on ID and access tokens
/// (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-step-up-authentication.html).
/// It fails closed: a missing, unknown or unreadable claim is a challenge, never a pass.
/// </summary>
/// <param name="rules">Valid rules, at most one per route group.</param>
/// <param name="time">The clock.</param>
public sealed class StepUpCheck(IReadOnlyList<StepUpRule> rules, TimeProvider time)
{
    // auth_time may run ahead of this clock by this much (clock skew); further ahead, it is garbled.
    private const int AllowedSkewSeconds = 300;

    // How a REST Cognito authorizer renders a date claim when it renders it as text (see ClaimsConverter).
    private const string AuthorizerDateFormat = "ddd MMM dd HH:mm:ss 'UTC' yyyy";

    /// <summary>The challenge for <paramref name="caller"/> on <paramref name="route"/>, or null when the token is enough.</summary>
    /// <param name="route">The route template.</param>
    /// <param name="caller">The caller.</param>
    public StepUpChallenge? Check(string route, CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var rule = RuleFor(route);
        if (rule is null)
        {
            return null;
        }

        if (rule.Acr is not null)
        {
            var rank = StepUpRules.Rank(caller.Acr);
            if (rank < StepUpRules.Rank(rule.Acr))
            {
                return new StepUpChallenge(rule, caller.Acr is null
                    ? $"the token has no acr claim: this route needs {rule.Acr} or higher"
                    : rank < 0
                        ? $"the token's acr is not a Cognito level: this route needs {rule.Acr} or higher"
                        : $"the token's acr {caller.Acr} is too weak: this route needs {rule.Acr} or higher");
            }
        }

        if (rule.MaxAgeSeconds is { } maxAge)
        {
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            var authTime = ReadAuthTime(caller.AuthTime);
            if (authTime is null || authTime > now + AllowedSkewSeconds)
            {
                return new StepUpChallenge(rule, $"the token has no valid auth_time: this route needs a sign-in within {maxAge} seconds");
            }

            if (now - authTime > maxAge)
            {
                return new StepUpChallenge(rule, $"the sign-in is {now - authTime} seconds old: this route needs one within {maxAge} seconds");
            }
        }

        return null;
    }

    private StepUpRule? RuleFor(string route)
    {
        var group = StepUpRules.GroupOf(route);
        foreach (var rule in rules)
        {
            if (string.Equals(rule.RouteGroup, group, StringComparison.Ordinal))
            {
                return rule;
            }
        }

        return null;
    }

    // Seconds since the epoch, as the token carries it; the authorizer's date text is read too.
    private static long? ReadAuthTime(string? text) =>
        text is null ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds
        : DateTimeOffset.TryParseExact(text, AuthorizerDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUnixTimeSeconds()
            : null;
}
