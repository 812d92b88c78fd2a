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
        { "user pool required attributes", t => Schema(t).Add(new JsonObject { ["Name"] = "name", ["Required"] = true }) },
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

    // A change the pool cannot take in place must leave the operator with a path to follow, not just a warning.
    [Theory]
    [InlineData("user pool UsernameAttributes")]
    [InlineData("user pool required attributes")]
    public void Guard_Should_PointToTheMigrationPath_When_TheUpdateWouldFail(string setting)
    {
        var changed = Committed.DeepClone();
        ((Action<JsonNode>)Mutations().Single(row => (string)row[0] == setting)[1])(changed);

        var violation = Assert.Single(ImmutableSettings.Violations(Committed, changed));

        Assert.Contains("migration.oldUserPoolId", violation, StringComparison.Ordinal);
        Assert.Contains("docs/disaster-recovery.md, \"A change needs a new pool\"", violation, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repository.Root, "docs", "disaster-recovery.md")), "the guard points to a missing file");
    }

    [Fact]
    public void Guard_Should_CoverEveryRuleWithAMutation() =>
        // Custom attributes, replicas and keys may be added, so their guards are proved by removing or changing one (tests below).
        Assert.Equal(ImmutableSettings.Rules.Select(r => r.Name).Order(StringComparer.Ordinal),
            Mutations().Select(row => (string)row[0])
                .Concat(["user pool custom attributes", "replica Regions", "user pool encryption key", "user pool logical id"])
                .Order(StringComparer.Ordinal));

    [Fact]
    public void Guard_Should_Catch_When_ACustomAttributeIsRemoved()
    {
        var before = Committed.DeepClone();
        Schema(before).Add(new JsonObject { ["Name"] = "custom:tenant", ["AttributeDataType"] = "String" });
        var after = Committed.DeepClone();
        Schema(after).Add(new JsonObject { ["Name"] = "custom:region", ["AttributeDataType"] = "String" });

        var violation = Assert.Single(ImmutableSettings.Violations(before, after));

        Assert.StartsWith("user pool custom attributes", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_Should_Catch_When_ACustomAttributeChangesType()
    {
        var before = Committed.DeepClone();
        Schema(before).Add(new JsonObject { ["Name"] = "custom:tenant", ["AttributeDataType"] = "String" });
        var after = Committed.DeepClone();
        Schema(after).Add(new JsonObject { ["Name"] = "custom:tenant", ["AttributeDataType"] = "Number" });

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
        // A template that still declares a Schema (as before the update-path decision) may add custom attributes.
        var committed = Committed.DeepClone();
        Schema(committed).Add(new JsonObject { ["Mutable"] = true, ["Name"] = "email", ["Required"] = true });
        var changed = committed.DeepClone();
        Pool(changed)["MfaConfiguration"] = "OPTIONAL";
        Pool(changed)["WebAuthnUserVerification"] = "preferred";
        First(changed, "AWS::Cognito::UserPoolDomain")["ManagedLoginVersion"] = 1;
        First(changed, "AWS::Cognito::UserPoolClient")["AccessTokenValidity"] = 30;
        Schema(changed).Add(new JsonObject { ["Name"] = "custom:tenant", ["AttributeDataType"] = "String" });
        // Email delivery and templates update in place (no replacement in the registry spec).
        Pool(changed)["EmailConfiguration"] = new JsonObject { ["EmailSendingAccount"] = "COGNITO_DEFAULT" };
        Pool(changed)["VerificationMessageTemplate"]!["EmailSubject"] = "Another subject";

        Assert.Empty(ImmutableSettings.Violations(committed, changed));
    }

    [Fact]
    public void Guard_Should_Catch_When_ThePoolWouldBeReplaced()
    {
        var changed = Committed.DeepClone();
        RenamePool(changed);

        var violations = ImmutableSettings.Violations(Committed, changed);

        Assert.Contains(violations, v => v.StartsWith("user pool logical id", StringComparison.Ordinal) && v.Contains("new, empty directory", StringComparison.Ordinal));
    }

    [Fact]
    public void Guard_Should_Allow_When_TheTemplateLeavesSchemaOut()
    {
        // The prod template as it was deployed before the update-path decision: Schema with a required email.
        var before = Committed.DeepClone();
        Schema(before).Add(new JsonObject { ["Mutable"] = true, ["Name"] = "email", ["Required"] = true });
        var after = Committed.DeepClone();
        Pool(after).AsObject().Remove("Schema");

        Assert.Empty(ImmutableSettings.Violations(before, after));
    }

    [Fact]
    public void Guard_Should_Allow_When_CustomAttributesBringASchemaWithoutStandardAttributes()
    {
        var before = Committed.DeepClone();
        Pool(before).AsObject().Remove("Schema");
        var after = Committed.DeepClone();
        Pool(after).AsObject().Remove("Schema");
        Schema(after).Add(new JsonObject { ["Name"] = "tenant", ["AttributeDataType"] = "String", ["Mutable"] = false });

        Assert.Empty(ImmutableSettings.Violations(before, after));
    }

    [Fact]
    public void Guard_Should_Catch_When_EveryCustomAttributeIsDropped()
    {
        var before = Committed.DeepClone();
        Pool(before).AsObject().Remove("Schema");
        Schema(before).Add(new JsonObject { ["Name"] = "tenant", ["AttributeDataType"] = "String", ["Mutable"] = false });
        var after = Committed.DeepClone();
        Pool(after).AsObject().Remove("Schema");

        var violation = Assert.Single(ImmutableSettings.Violations(before, after));

        Assert.StartsWith("user pool custom attributes", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_Should_Catch_When_ASchemaComesBack()
    {
        var before = Committed.DeepClone();
        Pool(before).AsObject().Remove("Schema");
        var after = Committed.DeepClone();
        Schema(after).Add(new JsonObject { ["Mutable"] = true, ["Name"] = "email", ["Required"] = true });

        var violation = Assert.Single(ImmutableSettings.Violations(before, after));

        Assert.StartsWith("user pool required attributes", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_Should_Catch_When_AReplicaRegionIsRemoved()
    {
        var before = Committed.DeepClone();
        AddReplica(before, "eu-central-1");

        var violation = Assert.Single(ImmutableSettings.Violations(before, Committed));

        Assert.StartsWith("replica Regions", violation, StringComparison.Ordinal);
        Assert.Contains("DELETED", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_Should_Catch_When_TheReplicaMovesToAnotherRegion()
    {
        var before = Committed.DeepClone();
        AddReplica(before, "eu-central-1");
        var after = Committed.DeepClone();
        AddReplica(after, "eu-north-1");

        Assert.StartsWith("replica Regions", Assert.Single(ImmutableSettings.Violations(before, after)), StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_Should_Allow_When_ReplicationIsAdded()
    {
        var after = Committed.DeepClone();
        AddReplica(after, "eu-central-1");
        Pool(after)["KeyConfiguration"] = Key("mrk-1");

        Assert.Empty(ImmutableSettings.Violations(Committed, after));
    }

    [Fact]
    public void Guard_Should_Catch_When_TheCustomerManagedKeyChanges()
    {
        var before = Committed.DeepClone();
        Pool(before)["KeyConfiguration"] = Key("mrk-1");
        var after = Committed.DeepClone();
        Pool(after)["KeyConfiguration"] = Key("mrk-2");

        Assert.StartsWith("user pool encryption key", Assert.Single(ImmutableSettings.Violations(before, after)), StringComparison.Ordinal);
        Assert.StartsWith("user pool encryption key", Assert.Single(ImmutableSettings.Violations(before, Committed)), StringComparison.Ordinal);
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

    private static JsonNode Pool(JsonNode template) => First(template, "AWS::Cognito::UserPool");

    /// <summary>The pool's Schema list, created empty when the template leaves it out.</summary>
    private static JsonArray Schema(JsonNode template) =>
        Pool(template)["Schema"] as JsonArray ?? (JsonArray)(Pool(template)["Schema"] = new JsonArray());

    private static void RenamePool(JsonNode template)
    {
        var resources = template["Resources"]!.AsObject();
        var (id, pool) = resources.First(r => (string?)r.Value!["Type"] == "AWS::Cognito::UserPool");
        resources.Remove(id);
        resources["Moved" + id] = pool;
    }

    private static void AddReplica(JsonNode template, string region) =>
        template["Resources"]!["UserPoolReplica"] = new JsonObject
        {
            ["Type"] = "AWS::Cognito::UserPoolReplica",
            ["Properties"] = new JsonObject { ["RegionName"] = region, ["UserPoolId"] = "pool" },
        };

    private static JsonObject Key(string id) => new()
    {
        ["KeyType"] = "CUSTOMER_MANAGED_KEY",
        ["KmsKeyArn"] = $"arn:aws:kms:eu-west-1:123456789012:key/{id}",
    };

    private static JsonNode First(JsonNode template, string type) =>
        template["Resources"]!.AsObject().First(r => (string?)r.Value!["Type"] == type).Value!["Properties"]!;
}
