using Amazon.CDK;
using CognitoStack.Cdk.Configuration;

namespace CognitoStack.Cdk.Stacks;

/// <summary>
/// Keeps the stacks in the one partition they are written for (<see cref="CognitoRules.SupportedPartition"/>).
/// A known region is checked with the settings; an environment-agnostic stack gets a template rule, so a
/// deploy elsewhere stops before CloudFormation creates anything, with this message.
/// </summary>
internal static class SupportedPartition
{
    /// <summary>The rule's logical ID.</summary>
    public const string RuleId = "SupportedPartition";

    /// <summary>Adds the rule to <paramref name="stack"/> when its region is decided only at deploy time.</summary>
    public static void Require(Stack stack)
    {
        if (!Token.IsUnresolved(stack.Region))
        {
            return;
        }

        // Rules are evaluated before any resource is created or updated:
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html
        new CfnRule(stack, RuleId, new CfnRuleProps
        {
            Assertions = new ICfnRuleAssertion[]
            {
                new CfnRuleAssertion
                {
                    Assert = Fn.ConditionEquals(Aws.PARTITION, CognitoRules.SupportedPartition),
                    AssertDescription = $"CognitoStack deploys to the {CognitoRules.SupportedPartition} partition only: Cognito's Hosted UI domain, identity pool issuer and WAF support differ in aws-cn and aws-us-gov (see docs/configuration.md, Partitions).",
                },
            },
        });
    }
}
