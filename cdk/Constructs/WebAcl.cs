using Amazon.CDK.AWS.WAFv2;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="WebAcl"/>.</summary>
public sealed record WebAclProps
{
    /// <summary>
    /// Resources to protect by a stable name (<c>ApiStage</c>, <c>UserPool</c>) and ARN; the name becomes
    /// part of the association's construct ID.
    /// </summary>
    public required IReadOnlyDictionary<string, string> ProtectedResources { get; init; }

    /// <summary>Requests per client IP per 5 minutes before the rate rule blocks.</summary>
    public required int RateLimitPer5Minutes { get; init; }
}

/// <summary>
/// A regional WAFv2 web ACL with AWS managed rule groups (common exploits, known bad inputs, IP
/// reputation) and a per-IP rate limit, associated with the API stage and the user pool.
/// </summary>
public sealed class WebAcl : Construct
{
    private static readonly string[] ManagedRuleGroups =
        ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"];

    /// <summary>Creates the web ACL and its associations.</summary>
    public WebAcl(Construct scope, string id, WebAclProps props)
        : base(scope, id)
    {
        var rules = ManagedRuleGroups
            .Select((name, priority) => new CfnWebACL.RuleProperty
            {
                Name = name,
                Priority = priority,
                Statement = new CfnWebACL.StatementProperty
                {
                    ManagedRuleGroupStatement = new CfnWebACL.ManagedRuleGroupStatementProperty { VendorName = "AWS", Name = name },
                },
                OverrideAction = new CfnWebACL.OverrideActionProperty { None = new Dictionary<string, object>() },
                VisibilityConfig = Visibility(name),
            })
            .Append(new CfnWebACL.RuleProperty
            {
                Name = "RateLimitPerIp",
                Priority = ManagedRuleGroups.Length,
                Statement = new CfnWebACL.StatementProperty
                {
                    RateBasedStatement = new CfnWebACL.RateBasedStatementProperty
                    {
                        AggregateKeyType = "IP",
                        Limit = props.RateLimitPer5Minutes,
                    },
                },
                Action = new CfnWebACL.RuleActionProperty { Block = new CfnWebACL.BlockActionProperty() },
                VisibilityConfig = Visibility("RateLimitPerIp"),
            })
            .Cast<object>()
            .ToArray();

        Acl = new CfnWebACL(this, "WebAcl", new CfnWebACLProps
        {
            Scope = "REGIONAL",
            DefaultAction = new CfnWebACL.DefaultActionProperty { Allow = new CfnWebACL.AllowActionProperty() },
            Rules = rules,
            VisibilityConfig = Visibility(MetricName),
        });

        foreach (var (name, arn) in props.ProtectedResources)
        {
            new CfnWebACLAssociation(this, $"{name}Association", new CfnWebACLAssociationProps
            {
                ResourceArn = arn,
                WebAclArn = Acl.AttrArn,
            });
        }
    }

    /// <summary>The web ACL.</summary>
    public CfnWebACL Acl { get; }

    /// <summary>The web ACL's visibility metric name: the <c>WebACL</c> dimension of its CloudWatch metrics.</summary>
    public string MetricName { get; } = "CognitoStack";

    private static CfnWebACL.VisibilityConfigProperty Visibility(string metricName) => new()
    {
        CloudWatchMetricsEnabled = true,
        MetricName = metricName,
        SampledRequestsEnabled = true,
    };
}
