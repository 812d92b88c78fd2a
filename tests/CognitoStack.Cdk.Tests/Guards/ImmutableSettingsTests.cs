using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Guards;

/// <summary>
/// Guards the deployed prod user directory: compares settings that cannot change in place with the
/// committed prod snapshot (read before any test can rewrite it). To change one on purpose, plan the
/// migration, then run the tests with UPDATE_SNAPSHOTS=1 and ACCEPT_DESTRUCTIVE_CHANGES=1.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class ImmutableSettingsTests(SynthFixture synth)
{
    private static JsonNode Committed => JsonNode.Parse(CommittedProdIdentity.Value)!;

    // Read once, when the class is first used, before a snapshot update in the same run could rewrite it.
    private static readonly Lazy<string> CommittedProdIdentity =
        new(() => File.ReadAllText(Snapshot.PathOf("prod", "Identity")));

    [Fact]
    public void ProdIdentity_Should_KeepEverySettingThatCannotChangeInPlace()
    {
        var violations = ImmutableSettings.Violations(Committed, synth["prod"].Json["Identity"]);

        if (violations.Count > 0 && System.Environment.GetEnvironmentVariable("ACCEPT_DESTRUCTIVE_CHANGES") != "1")
        {
            Assert.Fail("This change cannot be deployed to prod without losing users or breaking clients:\n- "
                + string.Join("\n- ", violations)
                + "\nIf it is intended and the migration is planned, run the tests with UPDATE_SNAPSHOTS=1 ACCEPT_DESTRUCTIVE_CHANGES=1 and explain it in the commit.");
        }
    }

    public static TheoryData<string, Action<JsonNode>> Mutations() => new()
    {
        { "user pool UsernameAttributes", t => Pool(t)["UsernameAttributes"] = new JsonArray("phone_number") },
        { "user pool AliasAttributes", t => Pool(t)["AliasAttributes"] = new JsonArray("preferred_username") },
        { "user pool username case sensitivity", t => Pool(t)["UsernameConfiguration"]!["CaseSensitive"] = true },
        { "user pool required attributes", t => Pool(t)["Schema"]!.AsArray().Add(new JsonObject { ["Name"] = "name", ["Required"] = true }) },
        { "app client GenerateSecret", t => First(t, "AWS::Cognito::UserPoolClient")["GenerateSecret"] = true },
        { "Hosted UI domain", t => First(t, "AWS::Cognito::UserPoolDomain")["Domain"] = "another-prefix" },
        { "group names", t => First(t, "AWS::Cognito::UserPoolGroup")["GroupName"] = "administrators" },
        { "resource server identifier", t => First(t, "AWS::Cognito::UserPoolResourceServer")["Identifier"] = "another-api" },
        { "passkey relying party id", t => Pool(t)["WebAuthnRelyingPartyID"] = "auth.example.com" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Guard_Should_Catch_When_ASettingChanges(string setting, Action<JsonNode> mutate)
    {
        var changed = Committed.DeepClone();
        mutate(changed);

        var violation = Assert.Single(ImmutableSettings.Violations(Committed, changed));

        Assert.StartsWith(setting, violation, StringComparison.Ordinal);
        Assert.Matches("(update fails|REPLACED|passkey users registered|fails the update)", violation);
    }

    [Fact]
    public void Guard_Should_CoverEveryRuleWithAMutation() =>
        // Custom attributes may be added, so their guard is proved by removing or changing one (tests above).
        Assert.Equal(ImmutableSettings.Rules.Select(r => r.Name).Order(StringComparer.Ordinal),
            Mutations().Select(row => (string)row[0]).Append("user pool custom attributes").Order(StringComparer.Ordinal));

    [Fact]
    public void Guard_Should_Catch_When_ACustomAttributeIsRemoved()
    {
        var before = Committed.DeepClone();
        Pool(before)["Schema"]!.AsArray().Add(new JsonObject { ["Name"] = "custom:tenant", ["AttributeDataType"] = "String" });

        var violation = Assert.Single(ImmutableSettings.Violations(before, Committed));

        Assert.StartsWith("user pool custom attributes", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_Should_Catch_When_ACustomAttributeChangesType()
    {
        var before = Committed.DeepClone();
        Pool(before)["Schema"]!.AsArray().Add(new JsonObject { ["Name"] = "custom:tenant", ["AttributeDataType"] = "String" });
        var after = Committed.DeepClone();
        Pool(after)["Schema"]!.AsArray().Add(new JsonObject { ["Name"] = "custom:tenant", ["AttributeDataType"] = "Number" });

        Assert.Single(ImmutableSettings.Violations(before, after));
    }

    [Fact]
    public void Guard_Should_Catch_When_PasskeysAreTurnedOff()
    {
        var changed = Committed.DeepClone();
        Pool(changed).AsObject().Remove("WebAuthnRelyingPartyID");

        var violation = Assert.Single(ImmutableSettings.Violations(Committed, changed));

        Assert.Contains("every passkey users registered is bound to the old relying party", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_Should_Allow_When_PasskeysAreTurnedOnTheFirstTime()
    {
        var before = Committed.DeepClone();
        Pool(before).AsObject().Remove("WebAuthnRelyingPartyID");

        Assert.Empty(ImmutableSettings.Violations(before, Committed));
    }

    [Fact]
    public void Guard_Should_AllowChangesThatUpdateInPlace()
    {
        var changed = Committed.DeepClone();
        Pool(changed)["MfaConfiguration"] = "OPTIONAL";
        Pool(changed)["WebAuthnUserVerification"] = "preferred";
        First(changed, "AWS::Cognito::UserPoolDomain")["ManagedLoginVersion"] = 1;
        First(changed, "AWS::Cognito::UserPoolClient")["AccessTokenValidity"] = 30;
        Pool(changed)["Schema"]!.AsArray().Add(new JsonObject { ["Name"] = "custom:tenant", ["AttributeDataType"] = "String" });
        // Email delivery and templates update in place (no replacement in the registry spec).
        Pool(changed)["EmailConfiguration"] = new JsonObject { ["EmailSendingAccount"] = "COGNITO_DEFAULT" };
        Pool(changed)["VerificationMessageTemplate"]!["EmailSubject"] = "Another subject";

        Assert.Empty(ImmutableSettings.Violations(Committed, changed));
    }

    // The guard on custom attributes as the CDK really writes them (Name without custom:), from the complete environment.
    [Fact]
    public void Guard_Should_AllowAddingACustomAttribute_When_SynthesizedByTheCdk()
    {
        var after = synth["complete"].Json["Identity"];
        var before = after.DeepClone();
        Schema(before).RemoveAt(Schema(before).ToList().FindIndex(a => (string?)a!["Name"] == "beta"));

        Assert.Empty(ImmutableSettings.Violations(before, after));
    }

    public static TheoryData<string, Action<JsonObject>> CustomAttributeChanges() => new()
    {
        { "removed", a => a["Name"] = "renamed" },
        { "mutability changed", a => a["Mutable"] = true },
        { "type changed", a => a["AttributeDataType"] = "Number" },
        { "limit changed", a => a["StringAttributeConstraints"]!["MaxLength"] = "128" },
    };

    [Theory]
    [MemberData(nameof(CustomAttributeChanges))]
    public void Guard_Should_CatchWithTheReason_When_ASynthesizedCustomAttributeChanges(string change, Action<JsonObject> mutate)
    {
        var before = synth["complete"].Json["Identity"];
        var after = before.DeepClone();
        mutate(Schema(after).Single(a => (string?)a!["Name"] == "tenant")!.AsObject());

        var violation = Assert.Single(ImmutableSettings.Violations(before, after));

        Assert.True(violation.StartsWith("user pool custom attributes", StringComparison.Ordinal), change);
        Assert.Contains("never change (type, mutability, limits) or remove one", violation, StringComparison.Ordinal);
    }

    private static JsonArray Schema(JsonNode template) => Pool(template)["Schema"]!.AsArray();

    private static JsonNode Pool(JsonNode template) => First(template, "AWS::Cognito::UserPool");

    private static JsonNode First(JsonNode template, string type) =>
        template["Resources"]!.AsObject().First(r => (string?)r.Value!["Type"] == type).Value!["Properties"]!;
}
