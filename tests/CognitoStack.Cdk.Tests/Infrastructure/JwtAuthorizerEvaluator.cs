using System.Text.Json.Nodes;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>
/// Decides a request the way a REST API JWT authorizer does, from a synthesized <c>JwtConfiguration</c>, a method's
/// <c>AuthorizationScopes</c> and a token's header algorithm and claims (signature and key lookup left out):
/// <list type="bullet">
/// <item><c>iss</c> must equal one configured issuer exactly, and <c>alg</c> be one of <c>DefaultAlgorithms</c>
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer-create.html,
/// https://docs.aws.amazon.com/apigateway/latest/api/API_JwtConfigurationInput.html);</item>
/// <item>audience: <c>aud</c> must contain one of the issuer's <c>Audiences</c>
/// (https://docs.aws.amazon.com/apigateway/latest/api/API_JwtIssuerInput.html); a token without <c>aud</c> is
/// judged by <c>client_id</c>, the rule API Gateway documents for JWT authorizers of HTTP APIs
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html) and which the
/// stored REST API pages did not show in full — <b>unverified for REST APIs</b>, see docs/integration.md;</item>
/// <item><c>exp</c> in the future, <c>nbf</c> and <c>iat</c> not;</item>
/// <item>each additional claim: present when <c>Required</c>; a single string equal to one of <c>ExpectedValues</c>
/// when it has any (https://docs.aws.amazon.com/apigateway/latest/api/API_JwtAdditionalClaim.html);</item>
/// <item>a method with scopes needs one of them in <c>scope</c> or <c>scp</c>, else 403
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer-methods.html).</item>
/// </list>
/// </summary>
internal static class JwtAuthorizerEvaluator
{
    /// <summary>200 (passes the gateway), 401 (token refused) or 403 (valid token without the method's scope).</summary>
    public static int Decide(JsonNode configuration, IReadOnlyList<string> methodScopes, string algorithm, JsonObject claims, DateTimeOffset now)
    {
        var issuer = configuration["Issuers"]!.AsArray().FirstOrDefault(i => PlainJson.String(i!["Issuer"]) == (string?)claims["iss"]);
        if (issuer is null || !Strings(configuration["DefaultAlgorithms"]).Contains(algorithm))
        {
            return 401;
        }

        var audiences = Strings(issuer["Audiences"]);
        var audience = claims["aud"] is { } aud ? Strings(aud) : claims["client_id"] is { } clientId ? [(string)clientId!] : [];
        if (!audience.Any(audiences.Contains) || !InTime(claims, now) || !AdditionalClaims(issuer["AdditionalClaims"], claims))
        {
            return 401;
        }

        var granted = ((string?)claims["scope"] ?? (string?)claims["scp"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return methodScopes.Count == 0 || methodScopes.Any(granted.Contains) ? 200 : 403;
    }

    private static bool InTime(JsonObject claims, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        return claims["exp"] is { } exp && (long)exp > seconds
            && (claims["nbf"] is not { } nbf || (long)nbf <= seconds)
            && (claims["iat"] is not { } iat || (long)iat <= seconds);
    }

    private static bool AdditionalClaims(JsonNode? rules, JsonObject claims) =>
        rules is null || rules.AsArray().All(rule =>
        {
            var value = claims[(string)rule!["ClaimName"]!];
            if (value is null)
            {
                return rule["Required"] is not { } required || !(bool)required;
            }

            var expected = Strings(rule["ExpectedValues"]);
            return (string?)rule["Format"] == "SINGLE_STRING"
                && value is JsonValue text && text.TryGetValue<string>(out var s)
                && (expected.Count == 0 || expected.Contains(s));
        });

    private static List<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => [.. array.Select(PlainJson.String)],
        _ => [PlainJson.String(node)],
    };
}
