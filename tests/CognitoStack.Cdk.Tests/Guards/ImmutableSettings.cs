using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Guards;

/// <summary>
/// Settings of a deployed Identity stack that cannot change in place: CloudFormation either fails the
/// update (user pool sign-in attributes, required or custom attributes), replaces the resource (client
/// secret, domain, group names, resource server identifier) or updates it while breaking what users hold
/// (the passkey relying party id). Each is read from a template so the
/// current synth can be compared with the committed prod snapshot.
/// </summary>
internal static class ImmutableSettings
{
    private const string FailedUpdate =
        "CloudFormation cannot change this on an existing user pool: the update fails and rolls back. The only way out is a new user pool that users move to: keep the old pool, "
        + "deploy the new one with the migration setting (migration.oldUserPoolId, migration.oldClientId) so users move at their next sign-in with their password, "
        + "and import the rest from the latest export; the steps are in docs/disaster-recovery.md, \"A change needs a new pool\".";

    private const string PoolReplaced =
        "The user pool is REPLACED: CloudFormation creates a new, empty directory and deletes the old one with every user, MFA device and passkey (or orphans it under RETAIN). Keep the pool's construct ID and path; a move needs a new pool and a user migration.";

    /// <summary>
    /// What the reader of a user pool's attributes returns when the template leaves <c>Schema</c> out: the
    /// deployed pool keeps the attributes it has (docs/replication.md, the update path).
    /// </summary>
    public const string SchemaLeftOut = "(Schema left out: the pool keeps its attributes)";

    /// <summary>
    /// One setting that must not change, and what changing it would do in a real account. With
    /// <paramref name="AllowsAdditions"/>, new entries are fine and only changed or removed ones count.
    /// </summary>
    /// With <paramref name="MayBeLeftOut"/>, a template that stops declaring the setting (Schema left out) changes
    /// nothing on the deployed pool and is allowed.
    public sealed record Rule(string Name, Func<JsonNode, string> Read, string Consequence, bool AllowsAdditions = false, bool MayBeLeftOut = false);

    public static readonly IReadOnlyList<Rule> Rules =
    [
        new("user pool logical id", t => string.Join("; ", OfType(t, "AWS::Cognito::UserPool").Select(r => r.Key)), PoolReplaced),
        new("user pool UsernameAttributes", t => Property(t, "AWS::Cognito::UserPool", "UsernameAttributes"), FailedUpdate),
        new("user pool AliasAttributes", t => Property(t, "AWS::Cognito::UserPool", "AliasAttributes"), FailedUpdate),
        new("user pool username case sensitivity", t => Property(t, "AWS::Cognito::UserPool", "UsernameConfiguration"), FailedUpdate),
        // A Schema of custom attributes only declares no required attribute, like a template without Schema.
        new("user pool required attributes", t => Attributes(t, a => a["Required"]?.GetValue<bool>() == true, noneIsLeftOut: true), FailedUpdate, MayBeLeftOut: true),
        // The CDK writes a custom attribute's Name without the custom: prefix: anything not standard is custom.
        new("user pool custom attributes", t => Attributes(t, a => IsCustom(a["Name"]!.GetValue<string>()), noneIsLeftOut: true),
            "Cognito can add a custom attribute but never change (type, mutability, limits) or remove one: CloudFormation fails the update and rolls back. Keep the attribute as it is and add a new one under another name (userPool.customAttributes), then move the values with AdminUpdateUserAttributes.",
            AllowsAdditions: true),
        new("app client GenerateSecret", t => Property(t, "AWS::Cognito::UserPoolClient", "GenerateSecret"),
            "The client is REPLACED: it gets a new client id (and secret), so every app configured with the old id stops signing in until it is reconfigured. Add a new client beside the old one, move the apps, then remove the old one."),
        new("Hosted UI domain", t => Property(t, "AWS::Cognito::UserPoolDomain", "Domain"),
            "The domain is REPLACED: the old Hosted UI URL stops working (redirects, OAuth endpoints, bookmarks) and the new prefix may already be taken. Plan the URL change with every app first."),
        new("group names", t => Property(t, "AWS::Cognito::UserPoolGroup", "GroupName"),
            "The group is REPLACED: every membership in it is lost and tokens stop carrying the old name. Create the new group, copy memberships, then remove the old one."),
        new("resource server identifier", t => Property(t, "AWS::Cognito::UserPoolResourceServer", "Identifier"),
            "The resource server is REPLACED: every scope changes its name (IDENTIFIER/scope), so clients and API methods that ask for the old scopes fail."),
        // Turning passkeys on for the first time is fine; changing or removing the relying party is not.
        new("passkey relying party id", t => PresentProperty(t, "AWS::Cognito::UserPool", "WebAuthnRelyingPartyID"),
            "The update succeeds, but every passkey users registered is bound to the old relying party (WebAuthn scopes a credential to its RP id), so none of them signs in any more and each user must register again — with a fallback factor they may not have. Adding a custom domain changes it too (the RP id follows the custom domain). Keep the old RP id, or plan the re-registration with every user first.", AllowsAdditions: true),
        // Adding a replica is fine; removing it or moving it to another Region (RegionName replaces it) is not.
        new("replica Regions", t => Values(t, "AWS::Cognito::UserPoolReplica", "RegionName"),
            "The secondary replica in that Region is DELETED (RegionName replaces the resource; DeleteUserPoolReplica works only on INACTIVE replicas, https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolReplica.html): the standby users could fail over to is gone. Remove a replica on purpose with the runbook in docs/replication.md.", AllowsAdditions: true),
        // Setting a customer-managed key the first time is documented (UpdateUserPool); changing or removing one is not.
        new("user pool encryption key", t => PresentProperty(t, "AWS::Cognito::UserPool", "KeyConfiguration"),
            "AWS documents setting a customer-managed key on an existing pool, not changing or removing it: the update may fail, and replication needs the multi-Region key in every replica Region. Keep the key (rotate its material in KMS instead).", AllowsAdditions: true),
    ];

    private static bool IsCustom(string name) =>
        name.StartsWith(CognitoStack.Contract.UserAttributes.CustomPrefix, StringComparison.Ordinal) || !CognitoStack.Contract.UserAttributes.Standard.Contains(name);

    /// <summary>The rules whose value differs between the deployed (committed) and the new template.</summary>
    public static IReadOnlyList<string> Violations(JsonNode committed, JsonNode current) =>
        [.. Rules
            .Select(rule => (rule, before: rule.Read(committed), after: rule.Read(current)))
            .Where(x => !(x.rule.MayBeLeftOut && LeavesSchemaOut(x.before, x.after)))
            .Where(x => x.rule.AllowsAdditions ? !Entries(x.before).IsSubsetOf(Entries(x.after)) : x.before != x.after)
            .Select(x => $"{x.rule.Name} would change from {x.before} to {x.after}. {x.rule.Consequence}")];

    // Dropping Schema altogether changes no attribute of the deployed pool; putting one back does (and
    // brings back the failing updates), so only that direction is allowed.
    private static bool LeavesSchemaOut(string before, string after) =>
        after.EndsWith(SchemaLeftOut, StringComparison.Ordinal) && !before.EndsWith(SchemaLeftOut, StringComparison.Ordinal);

    // A template without Schema declares no attribute, so a Schema with none of a kind adds nothing of that kind.
    private static HashSet<string> Entries(string value) =>
        value == SchemaLeftOut ? [] : [.. value.Split(['[', ']', ',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)];

    private static IEnumerable<KeyValuePair<string, JsonNode?>> OfType(JsonNode template, string type) =>
        template["Resources"]!.AsObject().Where(r => (string?)r.Value!["Type"] == type).OrderBy(r => r.Key, StringComparer.Ordinal);

    private static string Property(JsonNode template, string type, string property) =>
        string.Join("; ", OfType(template, type).Select(r => $"{r.Key}={SynthesizedEnvironment.Text(r.Value!["Properties"]?[property])}"));

    /// <summary>Like <see cref="Property"/>, listing only resources that set the property, so setting it the first time is an addition.</summary>
    private static string PresentProperty(JsonNode template, string type, string property) =>
        string.Join("; ", OfType(template, type).Where(r => r.Value!["Properties"]?[property] is not null)
            .Select(r => $"{r.Key}={SynthesizedEnvironment.Text(r.Value!["Properties"]![property]).Replace(" ", "", StringComparison.Ordinal)}"));

    private static string Attributes(JsonNode template, Func<JsonNode, bool> select, bool noneIsLeftOut = false) =>
        string.Join("; ", OfType(template, "AWS::Cognito::UserPool").Select(r => r.Value!["Properties"]?["Schema"] is not JsonArray schema
                || (noneIsLeftOut && !schema.Any(a => select(a!)))
            ? SchemaLeftOut
            : $"{r.Key}=[{string.Join(",", schema.Where(a => select(a!)).Select(a => SynthesizedEnvironment.Text(a).Replace(",", "|", StringComparison.Ordinal)).Order(StringComparer.Ordinal))}]"));

    /// <summary>The values of one property across every resource of a type, sorted (logical IDs left out: the value is what counts).</summary>
    private static string Values(JsonNode template, string type, string property) =>
        $"[{string.Join(",", OfType(template, type).Select(r => SynthesizedEnvironment.Text(r.Value!["Properties"]?[property])).Order(StringComparer.Ordinal))}]";
}
