using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Identity;

/// <summary>
/// Evaluates the signed-in roles' synthesized policies (<see cref="PolicyEvaluator"/>) for users of two tenants:
/// each reaches its own <c>tenants/TENANT/</c> prefix and its own identity prefix, never another's.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class TenantIsolationTests(SynthFixture synth)
{
    private const string Bucket = "arn:aws:s3:::UserFilesBucketA0D7EE59";
    private const string IdentityA = "eu-west-1:aaaaaaaa-0000-0000-0000-000000000001";
    private static readonly string[] ObjectActions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"];

    public static TheoryData<string> SignedInRoles() => new() { "IdentityFederationAuthenticatedRole", "IdentityFederationAdminRole" };

    [Theory]
    [MemberData(nameof(SignedInRoles))]
    public void Tenant_Should_ReadWriteAndListItsOwnPrefix(string role)
    {
        var statements = Statements("complete", role);

        Assert.All(ObjectActions, action => Assert.True(PolicyEvaluator.Allows(statements, Object(action, "tenants/a.example.com/plan.pdf", "a.example.com")), action));
        Assert.True(PolicyEvaluator.Allows(statements, List("tenants/a.example.com/", "a.example.com")));
    }

    [Theory]
    [MemberData(nameof(SignedInRoles))]
    public void Tenant_Should_NotReachAnotherTenantsPrefix(string role)
    {
        var statements = Statements("complete", role);

        Assert.All(ObjectActions, action => Assert.False(PolicyEvaluator.Allows(statements, Object(action, "tenants/b.example.com/plan.pdf", "a.example.com")), action));
        Assert.False(PolicyEvaluator.Allows(statements, List("tenants/b.example.com/", "a.example.com")));
        Assert.False(PolicyEvaluator.Allows(statements, List("tenants/", "a.example.com")));
    }

    [Theory]
    [InlineData("example.com", "tenants/example.com.attacker.net/plan.pdf")]
    [InlineData("example.com", "tenants/a.example.com/plan.pdf")]
    [InlineData("a.example.com", "tenants/example.com/plan.pdf")]
    [InlineData("example.com", "tenants/example.com")]
    public void Tenant_Should_NotReachAPrefixThatMerelyStartsOrEndsLikeIts(string tenant, string key) =>
        Assert.False(PolicyEvaluator.Allows(Statements("complete", "IdentityFederationAuthenticatedRole"), Object("s3:GetObject", key, tenant)));

    [Fact]
    public void SessionWithoutTenantTag_Should_NotReachAnyTenantPrefix()
    {
        var statements = Statements("complete", "IdentityFederationAuthenticatedRole");

        Assert.False(PolicyEvaluator.Allows(statements, Object("s3:GetObject", "tenants/a.example.com/plan.pdf", tenant: null)));
        Assert.False(PolicyEvaluator.Allows(statements, Object("s3:GetObject", "tenants//plan.pdf", tenant: null)));
        Assert.False(PolicyEvaluator.Allows(statements, List("tenants/", tenant: null)));
    }

    [Fact]
    public void TenantUser_Should_KeepItsOwnIdentityPrefix_AndNoOtherIdentitys()
    {
        var statements = Statements("complete", "IdentityFederationAuthenticatedRole");

        Assert.True(PolicyEvaluator.Allows(statements, Object("s3:PutObject", $"private/{IdentityA}/notes.txt", "a.example.com")));
        Assert.False(PolicyEvaluator.Allows(statements, Object("s3:GetObject", "private/eu-west-1:bbbbbbbb-0000-0000-0000-000000000002/notes.txt", "a.example.com")));
    }

    [Fact]
    public void Prod_Should_GrantNoTenantPrefix_When_PrincipalTagsAreOff() =>
        Assert.False(PolicyEvaluator.Allows(Statements("prod", "IdentityFederationAuthenticatedRole"), Object("s3:GetObject", "tenants/a.example.com/plan.pdf", "a.example.com")));

    [Fact]
    public void Evaluator_Should_AllowOwnPrefixAndDenyOthers_InProdToo()
    {
        // The evaluator agrees with the per-identity rules the other tests read from the template.
        var statements = Statements("prod", "IdentityFederationAuthenticatedRole");

        Assert.True(PolicyEvaluator.Allows(statements, Object("s3:GetObject", $"private/{IdentityA}/a.txt", tenant: null)));
        Assert.True(PolicyEvaluator.Allows(statements, Object("s3:GetObject", "public/logo.png", tenant: null)));
        Assert.False(PolicyEvaluator.Allows(statements, Object("s3:PutObject", "public/logo.png", tenant: null)));
    }

    private List<JsonNode> Statements(string env, string rolePrefix) =>
        [.. PolicyTests.Statements(synth[env].Resources("Identity", "AWS::IAM::Role")
            .Single(r => r.LogicalId.StartsWith(rolePrefix, StringComparison.Ordinal)).Resource)];

    private static Dictionary<string, string> Context(string? tenant)
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal) { ["cognito-identity.amazonaws.com:sub"] = IdentityA };
        if (tenant is not null)
        {
            context["aws:PrincipalTag/tenant"] = tenant;
        }

        return context;
    }

    private static AccessRequest Object(string action, string key, string? tenant) =>
        new(action, $"{Bucket}/{key}", Context(tenant));

    private static AccessRequest List(string prefix, string? tenant)
    {
        var context = Context(tenant);
        context["s3:prefix"] = prefix;
        return new AccessRequest("s3:ListBucket", Bucket, context);
    }
}
