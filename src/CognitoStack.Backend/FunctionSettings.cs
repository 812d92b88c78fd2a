using CognitoStack.Contract;
using CognitoStack.Lambda.Common;

namespace CognitoStack.Backend;

/// <summary>
/// The function's configuration, set by the CDK app as environment variables. Build it with
/// <see cref="FromVariables"/>; <see cref="Validate"/> says which variable is wrong, if any.
/// </summary>
public sealed record FunctionSettings
{
    /// <summary>Environment variable holding <see cref="EnvironmentName"/>.</summary>
    public const string EnvironmentNameVariable = EnvironmentVariables.EnvironmentName;

    /// <summary>Environment variable holding <see cref="AdminGroup"/>.</summary>
    public const string AdminGroupVariable = EnvironmentVariables.AdminGroup;

    /// <summary>Environment variable holding <see cref="ReadScope"/>.</summary>
    public const string ReadScopeVariable = EnvironmentVariables.ReadScope;

    /// <summary>Environment variable holding <see cref="WriteScope"/>.</summary>
    public const string WriteScopeVariable = EnvironmentVariables.WriteScope;

    /// <summary>Environment variable holding <see cref="AllowedOrigins"/>, comma separated.</summary>
    public const string AllowedOriginsVariable = EnvironmentVariables.AllowedOrigins;

    /// <summary>The deployment environment, e.g. <c>dev</c>; reported by <c>/admin/health</c>.</summary>
    public required string EnvironmentName { get; init; }

    /// <summary>The user pool group whose members may call <c>/admin/*</c>, e.g. <c>admin</c>.</summary>
    public required string AdminGroup { get; init; }

    /// <summary>The OAuth scope <c>GET /items</c> requires, e.g. <c>myapp-api/read</c>.</summary>
    public required string ReadScope { get; init; }

    /// <summary>The OAuth scope <c>POST /items</c> requires, e.g. <c>myapp-api/write</c>.</summary>
    public required string WriteScope { get; init; }

    /// <summary>Browser origins echoed in <c>Access-Control-Allow-Origin</c>, e.g. <c>http://localhost:3000</c>.</summary>
    public required IReadOnlyList<string> AllowedOrigins { get; init; }

    /// <summary>Environment variable holding <see cref="ReadableAttributes"/>, comma separated.</summary>
    public const string ReadableAttributesVariable = EnvironmentVariables.ReadableAttributes;

    /// <summary>
    /// The user attributes the app clients may read (e.g. <c>email</c>, <c>custom:tenant</c>); <c>GET /me</c> returns
    /// those the caller's token carries. Left out: none.
    /// </summary>
    public IReadOnlyList<string> ReadableAttributes { get; init; } = [];

    /// <summary>Environment variable holding <see cref="StepUp"/>.</summary>
    public const string StepUpVariable = EnvironmentVariables.StepUp;

    /// <summary>
    /// Step-up requirements per route group, in <see cref="StepUpRules"/>' format (e.g.
    /// <c>admin|urn:cognito:loa:2|900</c>). Left out or empty: no route requires a level or a recent sign-in.
    /// </summary>
    public string StepUp { get; init; } = "";

    /// <summary>The rules of <see cref="StepUp"/>; empty when it is invalid (see <see cref="Validate"/>).</summary>
    public IReadOnlyList<StepUpRule> StepUpRuleList => StepUpRules.Parse(StepUp, out _) ?? [];

    /// <summary>Reads the settings from variables (missing ones read as empty); does not validate.</summary>
    /// <param name="readVariable">Returns a variable's value, or null when it is not set.</param>
    public static FunctionSettings FromVariables(Func<string, string?> readVariable)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        var origins = readVariable(AllowedOriginsVariable);
        var attributes = readVariable(ReadableAttributesVariable);
        return new FunctionSettings
        {
            EnvironmentName = readVariable(EnvironmentNameVariable) ?? "",
            AdminGroup = readVariable(AdminGroupVariable) ?? "",
            ReadScope = readVariable(ReadScopeVariable) ?? "",
            WriteScope = readVariable(WriteScopeVariable) ?? "",
            AllowedOrigins = string.IsNullOrEmpty(origins) ? [] : origins.Split(',', StringSplitOptions.TrimEntries),
            ReadableAttributes = string.IsNullOrEmpty(attributes) ? [] : attributes.Split(','),
            StepUp = readVariable(StepUpVariable) ?? "",
        };
    }

    /// <summary>Checks every setting; returns null when valid, otherwise what is wrong and what is allowed.</summary>
    public string? Validate() =>
        CheckName(EnvironmentNameVariable, EnvironmentName)
        ?? CheckGroup(AdminGroupVariable, AdminGroup)
        ?? CheckScope(ReadScopeVariable, ReadScope)
        ?? CheckScope(WriteScopeVariable, WriteScope)
        ?? CheckOrigins(AllowedOrigins)
        ?? CheckAttributes(ReadableAttributes)
        ?? CheckStepUp(StepUp);

    private static string? CheckStepUp(string value) =>
        StepUpRules.Parse(value, out var error) is null ? $"{StepUpVariable} {error}" : null;

    private static string? CheckAttributes(IReadOnlyList<string> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (!UserAttributes.IsAttributeName(attribute))
            {
                return $"{ReadableAttributesVariable} entry {Quote.Value(attribute)} is invalid: use standard attribute names or custom:NAME, comma separated";
            }
        }

        return null;
    }

    private static string? CheckName(string variable, string value) =>
        value.Length is >= 1 and <= 64 && AllAre(value, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? null
            : $"{variable} {Quote.Value(value)} is invalid: use 1-64 letters, digits, hyphens or underscores";

    // The one group-name rule of the app: it also refuses commas, brackets and quotes, which the authorizer
    // uses as separators when it renders the group list as one string (see ClaimListParser).
    private static string? CheckGroup(string variable, string value) =>
        GroupNames.IsValid(value) ? null : $"{variable} {Quote.Value(value)} is invalid: {GroupNames.Rule}";

    private static string? CheckScope(string variable, string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var valid = value.Length <= 256 && slash > 0 && slash < value.Length - 1
            && AllAre(value, c => !char.IsWhiteSpace(c) && !char.IsControl(c) && c is not (',' or '"'));
        return valid
            ? null
            : $"{variable} {Quote.Value(value)} is invalid: use \"<resource server identifier>/<scope name>\" without spaces, e.g. \"myapp-api/read\"";
    }

    private static string? CheckOrigins(IReadOnlyList<string> origins)
    {
        if (origins.Count == 0)
        {
            return $"{AllowedOriginsVariable} is empty: give one or more comma-separated origins, e.g. \"http://localhost:3000\"";
        }

        foreach (var origin in origins)
        {
            if (!IsOrigin(origin))
            {
                return $"{AllowedOriginsVariable} entry {Quote.Value(origin)} is invalid: use scheme://host[:port] with scheme http or https, lower case, and no path or trailing slash";
            }
        }

        return null;
    }

    // Exactly what a browser sends in the Origin header: lower-case scheme and host, optional port.
    private static bool IsOrigin(string origin)
    {
        var rest = origin.StartsWith("https://", StringComparison.Ordinal) ? origin[8..]
            : origin.StartsWith("http://", StringComparison.Ordinal) ? origin[7..]
            : null;
        if (string.IsNullOrEmpty(rest))
        {
            return false;
        }

        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var host = colon < 0 ? rest : rest[..colon];
        var port = colon < 0 ? "" : rest[(colon + 1)..];
        return host.Length > 0
            && AllAre(host, c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
            && (colon < 0 || (port.Length is >= 1 and <= 5 && AllAre(port, char.IsAsciiDigit)));
    }

    // A loop rather than LINQ over string: Enumerable.All<char> is JIT-compiled at cold start.
    private static bool AllAre(string value, Func<char, bool> predicate)
    {
        foreach (var c in value)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return true;
    }
}
