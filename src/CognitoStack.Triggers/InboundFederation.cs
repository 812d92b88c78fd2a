using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;
using CognitoStack.Triggers.Events;
using CognitoStack.Triggers.Json;
using CognitoStack.Triggers.Logging;

namespace CognitoStack.Triggers;

/// <summary>
/// The inbound federation trigger (January 2026), handler <see cref="LambdaHandlers.InboundFederation"/>: when a
/// user signs in through an external provider, it copies the claims named in <c>CLAIM_MAPPINGS</c> (a JSON array
/// of <c>{provider, claim, attribute}</c>) from what the provider sent into <c>response.userAttributesToMap</c>.
/// </summary>
/// <remarks>
/// <para>Event (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-inbound-federation.html):
/// trigger source <c>InboundFederation_ExternalProvider</c>, <c>request.providerName</c>,
/// <c>request.providerType</c> (<c>OIDC</c>, <c>SAML</c>, <c>Google</c>, …) and <c>request.attributes</c> with
/// <c>samlResponse</c> (SAML) or <c>idToken</c>, <c>userInfo</c> and <c>tokenResponse</c> (OIDC and social
/// providers). The answer's <c>userAttributesToMap</c> holds user pool attributes; left empty, Cognito keeps the
/// attributes as its own mapping made them. The CDK app adds the provider's email and name claims to the mappings,
/// so an answer that lists attributes never drops those. <c>tokenResponse</c> (the provider's tokens) is never
/// read or logged.</para>
/// <para>A SAML attribute with several values arrives as a list or as one string; a list is joined with commas.
/// A value longer than 2,048 characters (Cognito's attribute limit) is left out and logged: writing it would fail
/// the sign-in.</para>
/// <para>It never throws: a failing trigger fails the federated sign-in. On any problem the event goes back
/// unchanged (Cognito's own mapping applies) with one <c>level: error</c> line; claim values are never logged.</para>
/// </remarks>
public sealed class InboundFederation
{
    /// <summary>Longest attribute value Cognito stores.</summary>
    public const int MaxValueLength = 2_048;

    private const string Source = "InboundFederation_ExternalProvider";

    private readonly List<ClaimMapping>? _mappings;
    private readonly TriggerLog _log;

    /// <summary>Reads <c>CLAIM_MAPPINGS</c> from the environment (the Lambda entry point).</summary>
    public InboundFederation()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Reads <c>CLAIM_MAPPINGS</c> from <paramref name="readVariable"/>; logs an error if it is missing or invalid.</summary>
    /// <param name="readVariable">Returns a variable's value, or null when it is not set.</param>
    /// <param name="logOutput">Where log lines go; standard output when left out.</param>
    public InboundFederation(Func<string, string?> readVariable, Stream? logOutput = null)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        _log = new TriggerLog(logOutput ?? Console.OpenStandardOutput(), nameof(InboundFederation));
        var value = readVariable(EnvironmentVariables.ClaimMappings);
        List<ClaimMapping>? mappings = null;
        try
        {
            mappings = value is null ? null : JsonSerializer.Deserialize(value, TriggersJsonContext.Default.ListClaimMapping);
        }
        catch (JsonException)
        {
        }

        if (mappings is null || mappings.Count == 0 || !mappings.All(m => m is not null && m.IsValid))
        {
            _log.Error($"invalid configuration: {EnvironmentVariables.ClaimMappings} is not a JSON array of {{provider, claim, attribute}}; no claim will be mapped", EventIdentity.None);
            return;
        }

        _mappings = mappings;
    }

    /// <summary>Answers one inbound federation event.</summary>
    /// <param name="input">The event JSON.</param>
    /// <returns>The event with <c>response.userAttributesToMap</c> filled, or unchanged.</returns>
    public Stream Handle(Stream input)
    {
        var started = Stopwatch.GetTimestamp();
        var payload = EventPayload.Read(input);
        if (payload.Problem is not null)
        {
            _log.Error($"malformed event: {payload.Problem}; answered {{}} (no claim mapped)", EventIdentity.None);
            return payload.Unchanged();
        }

        var identity = EventIdentity.None;
        try
        {
            var e = EventNode.Parse(payload);
            identity = EventNode.Identity(e);
            var (problem, mapped, skipped) = Map(e, identity.TriggerSource);
            if (problem is not null)
            {
                _log.Error($"no claim mapped: {problem}; returned unchanged", identity);
                return payload.Unchanged();
            }

            // Written before any line: writing can still fail on the event (duplicate members, invalid escapes).
            var answer = mapped.Count == 0 ? payload.Unchanged() : EventNode.ToStream(e);
            if (skipped.Count > 0)
            {
                _log.Error($"claims left out: longer than {MaxValueLength} characters", identity, new LogDetails(Claims: string.Join(",", skipped)));
            }

            if (mapped.Count == 0)
            {
                _log.Info("no configured claim present; returned unchanged", identity, new LogDetails(DurationMs: Elapsed(started)));
                return answer;
            }

            _log.Info("claims mapped", identity, new LogDetails(Claims: string.Join(",", mapped), DurationMs: Elapsed(started)));
            return answer;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            _log.Error($"malformed event: {exception.GetType().Name} while reading it; returned unchanged", identity);
            return payload.Unchanged();
        }
        catch (Exception exception)
        {
            // The trigger must answer, never throw: a failing trigger fails the federated sign-in.
            _log.Error($"unexpected {exception.GetType().Name}; returned unchanged", identity);
            return payload.Unchanged();
        }
    }

    private (string? Problem, List<string> Mapped, List<string> Skipped) Map(JsonObject e, string? source)
    {
        List<string> mapped = [], skipped = [];
        if (_mappings is null)
        {
            return ("the claim mappings are not configured", mapped, skipped);
        }

        if (source != Source)
        {
            return ($"triggerSource {Quote.Value(source)} is not {Source}", mapped, skipped);
        }

        if (e["request"] is not JsonObject request || request["attributes"] is not JsonObject attributes || e["response"] is not (JsonObject or null))
        {
            return ("request.attributes is missing or response is not an object", mapped, skipped);
        }

        var provider = EventNode.Text(request, "providerName");
        var claims = EventNode.Text(request, "providerType") == "SAML"
            ? [attributes["samlResponse"] as JsonObject]
            : new[] { attributes["idToken"] as JsonObject, attributes["userInfo"] as JsonObject };
        var response = e["response"] as JsonObject ?? [];
        var toMap = response["userAttributesToMap"] as JsonObject ?? [];
        foreach (var mapping in _mappings.Where(m => m.Provider == provider))
        {
            var value = claims.Select(c => Value(c?[mapping.Claim])).FirstOrDefault(v => v is not null);
            if (value is null)
            {
                continue;
            }

            if (value.Length > MaxValueLength)
            {
                skipped.Add(mapping.Attribute);
                continue;
            }

            toMap[mapping.Attribute] = value;
            mapped.Add(mapping.Attribute);
        }

        if (mapped.Count > 0)
        {
            response["userAttributesToMap"] = toMap;
            e["response"] = response;
        }

        return (null, mapped, skipped);
    }

    /// <summary>A claim as text: a string as it is, a number or boolean as written, a list of those joined with commas.</summary>
    private static string? Value(JsonNode? claim)
    {
        switch (claim)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return value.ToJsonString();
            case JsonArray list:
                var text = new StringBuilder();
                foreach (var item in list)
                {
                    if (item is JsonObject or JsonArray || Value(item) is not { } part)
                    {
                        continue;
                    }

                    text.Append(text.Length == 0 ? "" : ",").Append(part);
                }

                return text.Length == 0 ? null : text.ToString();
            default:
                return null;
        }
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

/// <summary>One claim of one provider copied to one user pool attribute (an entry of <c>CLAIM_MAPPINGS</c>).</summary>
internal sealed record ClaimMapping(string Provider, string Claim, string Attribute)
{
    /// <summary>Whether every part is present and the attribute is an attribute name.</summary>
    public bool IsValid =>
        !string.IsNullOrEmpty(Provider) && Claim is { Length: >= 1 and <= 256 } && UserAttributes.IsAttributeName(Attribute);
}
