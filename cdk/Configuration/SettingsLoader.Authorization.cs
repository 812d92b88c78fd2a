using System.Text.Json;
using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Configuration;

/// <summary>The <c>authorization</c> section and the policy files it brings in.</summary>
public static partial class SettingsLoader
{
    /// <summary>Where the policy store's schema and policies live, relative to the repository root.</summary>
    public const string AuthorizationDirectory = "config/authorization";

    /// <summary>The schema file in <see cref="AuthorizationDirectory"/> (Cedar's JSON schema format).</summary>
    public const string SchemaFile = "schema.cedarschema.json";

    /// <summary>The placeholders a policy may use; the synth fills them (docs/authorization.md).</summary>
    public static readonly IReadOnlyList<string> PolicyPlaceholders = ["userPoolId", "resourceServer"];

    // Bounds of this app's own, so a stray file cannot bloat the template; Verified Permissions' own quotas on
    // policy and schema size (https://docs.aws.amazon.com/verifiedpermissions/latest/userguide/quotas.html) are not checked here.
    private const int MaxPolicyLength = 10_000;
    private const int MaxSchemaLength = 100_000;
    private const int MaxPolicies = 50;

    private static AuthorizationSettings ReadAuthorization(SettingsReader a, RepositoryFiles files)
    {
        var mode = a.Enum("mode", Choices.AuthorizationMode, AuthorizationMode.Scopes);
        var ttl = a.Int("cacheTtlSeconds", 300, 0, 3_600);
        if (mode != AuthorizationMode.VerifiedPermissions)
        {
            return new AuthorizationSettings { Mode = mode, CacheTtlSeconds = ttl, Schema = "", Policies = [] };
        }

        var schema = files.Read(a, "mode", $"{AuthorizationDirectory}/{SchemaFile}", MaxSchemaLength);
        try
        {
            using var document = JsonDocument.Parse(schema);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("not an object");
            }
        }
        catch (JsonException)
        {
            throw a.Invalid("mode", "\"verifiedPermissions\"", $"{AuthorizationDirectory}/{SchemaFile} must be a JSON object (Cedar's JSON schema format)");
        }

        var names = files.List(AuthorizationDirectory, ".cedar");
        if (names.Count is 0 or > MaxPolicies)
        {
            throw a.Invalid("mode", "\"verifiedPermissions\"", $"{AuthorizationDirectory} must hold 1 to {MaxPolicies} *.cedar policies, it holds {names.Count}");
        }

        var policies = new List<KeyValuePair<string, string>>();
        foreach (var name in names)
        {
            if (!PolicyName().IsMatch(name))
            {
                throw a.Invalid("mode", "\"verifiedPermissions\"",
                    $"policy file \"{name}.cedar\" has an invalid name: use 1-64 lowercase letters, digits and inner hyphens (the name becomes the policy's construct ID)");
            }

            var text = files.Read(a, "mode", $"{AuthorizationDirectory}/{name}.cedar", MaxPolicyLength);
            if (Placeholder().Matches(text).Select(m => m.Groups[1].Value).FirstOrDefault(p => !PolicyPlaceholders.Contains(p)) is { } unknown)
            {
                throw a.Invalid("mode", "\"verifiedPermissions\"",
                    $"policy file \"{name}.cedar\" uses the unknown placeholder {{{{{unknown}}}}}: use {string.Join(", ", PolicyPlaceholders.Select(p => $"{{{{{p}}}}}"))}");
            }

            policies.Add(new(name, text));
        }

        return new AuthorizationSettings { Mode = mode, CacheTtlSeconds = ttl, Schema = schema, Policies = policies };
    }

    /// <summary>
    /// Verified Permissions does not replicate: the replica Region would have no policy store. And in this mode the
    /// Lambda authorizer is the only authorizer of every method: Verified Permissions verifies the token against the
    /// user pool (its Cognito identity source), so a JWT authorizer would be declared and never used.
    /// </summary>
    private static void CrossCheckAuthorization(EnvironmentSettings s, string path)
    {
        if (s.Authorization.Mode != AuthorizationMode.VerifiedPermissions)
        {
            return;
        }

        if (s.Replication.Enabled)
        {
            throw new ConfigurationException(
                $"{path}.authorization.mode \"verifiedPermissions\" is invalid with replication.enabled true: Verified Permissions policy stores are regional and do not replicate, and this app declares none in the replica Region {s.Replication.Region}, so the API there could not authorize; use mode \"scopes\" or set replication.enabled false (docs/authorization.md, Replication)");
        }

        if (s.Api.Authorizer == ApiAuthorizer.Jwt)
        {
            throw new ConfigurationException(
                $"{path}.authorization.mode \"verifiedPermissions\" is invalid with api.authorizer \"JWT\": in that mode a Lambda authorizer is on every method and Verified Permissions verifies the token against the user pool itself, so there is no method for a JWT authorizer; leave api.authorizer out or set it to \"COGNITO\" (the user pool's tokens, verified by Verified Permissions), or use mode \"scopes\" (docs/authorization.md, Which authorizer)");
        }
    }

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")]
    private static partial Regex PolicyName();

    [GeneratedRegex(@"\{\{(\w*)\}\}")]
    private static partial Regex Placeholder();
}
