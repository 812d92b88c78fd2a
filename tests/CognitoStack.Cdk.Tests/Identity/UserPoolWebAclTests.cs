using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Constructs;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Identity;

/// <summary>The user pool's own web ACL in the Identity stack, fitted to Cognito's endpoints.</summary>
[Collection(SynthCollection.Name)]
public sealed class UserPoolWebAclTests(SynthFixture synth)
{
    private const string WebAclType = "AWS::WAFv2::WebACL";
    private const string BodySizeLabel = "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body";

    [Theory]
    [InlineData("prod")]
    [InlineData("federated")]
    public void UserPool_Should_HaveItsOwnWebAclAssociatedInTheIdentityStack(string env)
    {
        var identity = synth[env].Identity;

        identity.ResourceCountIs(WebAclType, 1);
        identity.ResourceCountIs("AWS::WAFv2::WebACLAssociation", 1);
        identity.HasProperties("AWS::WAFv2::WebACLAssociation", Obj(
            ("ResourceArn", Obj(("Fn::GetAtt", new object[] { Match.StringLikeRegexp("^UserDirectoryUserPool[0-9A-F]+$"), "Arn" }))),
            ("WebACLArn", Obj(("Fn::GetAtt", new object[] { Match.StringLikeRegexp("^UserPoolWebAcl[A-Za-z0-9]+$"), "Arn" })))));
    }

    [Fact]
    public void UserPoolWebAcl_Should_BeAbsent_When_WafIsDisabled() =>
        synth["dev"].Identity.ResourceCountIs(WebAclType, 0);

    [Theory]
    [InlineData("prod")]
    [InlineData("federated")]
    public void CommonRuleSet_Should_OnlyCountTheBodySizeRule_ForAUserPool(string env)
    {
        var common = Rules(env).Single(r => (string?)r["Name"] == "AWSManagedRulesCommonRuleSet");

        Assert.Equal(0, (int)common["Priority"]!);
        Assert.NotNull(common["OverrideAction"]!["None"]);
        Assert.Equal(
            JsonNode.Parse("""[{ "Name": "SizeRestrictions_BODY", "ActionToUse": { "Count": {} } }]"""),
            common["Statement"]!["ManagedRuleGroupStatement"]!["RuleActionOverrides"],
            JsonNode.DeepEquals);
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("federated")]
    public void LargeBodies_Should_BeBlockedOnEveryPathButTheSamlResponse(string env)
    {
        var rules = Rules(env);
        var common = rules.Single(r => (string?)r["Name"] == "AWSManagedRulesCommonRuleSet");
        var large = rules.Single(r => (string?)r["Name"] == "LargeBodyOutsideSamlResponse");

        // Labels are only visible to rules evaluated after the group that adds them.
        Assert.True((int)large["Priority"]! > (int)common["Priority"]!);
        Assert.NotNull(large["Action"]!["Block"]);
        var statements = large["Statement"]!["AndStatement"]!["Statements"]!.AsArray();
        Assert.Equal(2, statements.Count);
        Assert.Equal(JsonNode.Parse($$"""{ "LabelMatchStatement": { "Scope": "LABEL", "Key": "{{BodySizeLabel}}" } }"""), statements[0], JsonNode.DeepEquals);
        var path = statements[1]!["NotStatement"]!["Statement"]!["ByteMatchStatement"]!;
        Assert.Equal("/saml2/idpresponse", (string?)path["SearchString"]);
        Assert.Equal("EXACTLY", (string?)path["PositionalConstraint"]);
        Assert.NotNull(path["FieldToMatch"]!["UriPath"]);
    }

    [Fact]
    public void EveryOtherRule_Should_KeepBlocking_ForAUserPool()
    {
        var rules = Rules("prod");

        Assert.Equal(
            ["AWSManagedRulesCommonRuleSet", "LargeBodyOutsideSamlResponse", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList", "RateLimitPerIp"],
            rules.OrderBy(r => (int)r["Priority"]!).Select(r => (string)r["Name"]!));
        Assert.All(rules.Where(r => r["OverrideAction"] is not null), r => Assert.NotNull(r["OverrideAction"]!["None"]));
        Assert.All(rules.Where(r => r["Statement"]!["ManagedRuleGroupStatement"] is { } group && (string?)group["Name"] != "AWSManagedRulesCommonRuleSet"),
            r => Assert.Null(r["Statement"]!["ManagedRuleGroupStatement"]!["RuleActionOverrides"]));
        Assert.Equal(1000, (int)rules.Single(r => (string?)r["Name"] == "RateLimitPerIp")["Statement"]!["RateBasedStatement"]!["Limit"]!);
    }

    [Theory]
    [InlineData("AWSManagedRulesATPRuleSet")]
    [InlineData("AWSManagedRulesACFPRuleSet")]
    public void WebAcl_Should_RejectFraudControlRuleGroups_When_ProtectingAUserPool(string group)
    {
        var stack = new Stack(new App(), "Test");

        var error = Assert.Throws<ArgumentException>(() => new WebAcl(stack, "Acl", Props(WebAclTarget.UserPool, group)));

        Assert.Equal($"Test/Acl: managed rule group {group} cannot be used in a web ACL associated with a user pool (AWS rejects the association); remove it", error.Message);
    }

    [Fact]
    public void WebAcl_Should_AllowFraudControlRuleGroups_When_ProtectingAnApiStage()
    {
        var stack = new Stack(new App(), "Test");

        var acl = new WebAcl(stack, "Acl", Props(WebAclTarget.ApiStage, "AWSManagedRulesATPRuleSet"));

        Assert.NotNull(acl.Association);
    }

    private static WebAclProps Props(WebAclTarget target, string extraGroup) => new()
    {
        Target = target,
        MetricNamePrefix = "CognitoStack-test",
        ResourceArn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_example",
        RateLimitPer5Minutes = 1000,
        ManagedRuleGroups = [.. WebAcl.DefaultManagedRuleGroups, extraGroup],
    };

    private List<JsonNode> Rules(string env) =>
        [.. synth[env].Resources("Identity", WebAclType).Single().Resource["Properties"]!["Rules"]!.AsArray().Select(r => r!)];
}
