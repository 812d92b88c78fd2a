using Amazon.CDK.AWS.WAFv2;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>What a <see cref="WebAcl"/> protects; the name is part of the association's construct ID.</summary>
public enum WebAclTarget
{
    /// <summary>An API Gateway REST API stage.</summary>
    ApiStage,

    /// <summary>A Cognito user pool (its Hosted UI, OAuth endpoints and API).</summary>
    UserPool,
}

/// <summary>Props of <see cref="WebAcl"/>.</summary>
public sealed record WebAclProps
{
    /// <summary>The kind of resource protected; decides what the rules must allow (see <see cref="WebAcl"/>).</summary>
    public required WebAclTarget Target { get; init; }

    /// <summary>ARN of the protected resource (in the ACL's stack and region).</summary>
    public required string ResourceArn { get; init; }

    /// <summary>
    /// Start of the web ACL's visibility metric name, unique per environment (e.g. <c>CognitoStack-prod</c>):
    /// the metric name is the <c>WebACL</c> dimension of the ACL's CloudWatch metrics, so two environments
    /// in one account and Region must not share it.
    /// </summary>
    public required string MetricNamePrefix { get; init; }

    /// <summary>Requests per client IP per 5 minutes before the rate rule blocks.</summary>
    public required int RateLimitPer5Minutes { get; init; }

    /// <summary>AWS managed rule groups, evaluated in this order. Default: <see cref="WebAcl.DefaultManagedRuleGroups"/>.</summary>
    public IReadOnlyList<string> ManagedRuleGroups { get; init; } = WebAcl.DefaultManagedRuleGroups;
}

/// <summary>
/// A regional WAFv2 web ACL with AWS managed rule groups (common exploits, known bad inputs, IP
/// reputation) and a per-IP rate limit, associated with one resource. For a user pool, the common rule
/// set's body-size rule is scoped so SAML responses can reach <c>/saml2/idpresponse</c>.
/// </summary>
public sealed class WebAcl : Construct
{
    /// <summary>The managed rule groups every ACL of this app uses.</summary>
    public static readonly IReadOnlyList<string> DefaultManagedRuleGroups =
        [CommonRuleSet, "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"];

    /// <summary>
    /// Managed rule groups a web ACL associated with a user pool must not contain: account takeover
    /// prevention (ATP) and account creation fraud prevention (ACFP). AWS rejects the association.
    /// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html,
    /// https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html
    /// </summary>
    public static readonly IReadOnlyList<string> NotForUserPools = ["AWSManagedRulesATPRuleSet", "AWSManagedRulesACFPRuleSet"];

    /// <summary>
    /// The SAML 2.0 assertion consumer endpoint of a user pool domain: IdPs POST signed responses there
    /// that often exceed the common rule set's 8 KB body limit (SizeRestrictions_BODY).
    /// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp-things-to-know.html
    /// </summary>
    public const string SamlResponsePath = "/saml2/idpresponse";

    private const string CommonRuleSet = "AWSManagedRulesCommonRuleSet";

    // The common rule set's body-size rule and the label it adds to what it matches, even in Count.
    // https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html
    private const string BodySizeRule = "SizeRestrictions_BODY";
    private const string BodySizeLabel = "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body";

    /// <summary>Creates the web ACL and its association.</summary>
    public WebAcl(Construct scope, string id, WebAclProps props)
        : base(scope, id)
    {
        var forbidden = props.Target == WebAclTarget.UserPool ? props.ManagedRuleGroups.Intersect(NotForUserPools).ToList() : [];
        if (forbidden.Count > 0)
        {
            throw new ArgumentException(
                $"{Node.Path}: managed rule group {forbidden[0]} cannot be used in a web ACL associated with a user pool (AWS rejects the association); remove it");
        }

        // For a user pool the body-size rule only counts (labels); a rule after the group blocks what it
        // labelled on every path but the SAML response endpoint. Everything else in the group still blocks.
        var scopedBodySize = props.Target == WebAclTarget.UserPool && props.ManagedRuleGroups.Contains(CommonRuleSet);
        var rules = new List<CfnWebACL.RuleProperty>();
        foreach (var name in props.ManagedRuleGroups)
        {
            rules.Add(ManagedRuleGroup(name, rules.Count, scopedBodySize && name == CommonRuleSet ? BodySizeRule : null));
            if (scopedBodySize && name == CommonRuleSet)
            {
                rules.Add(LargeBodyOutside(SamlResponsePath, rules.Count));
            }
        }

        rules.Add(RateLimit(props.RateLimitPer5Minutes, rules.Count));

        MetricName = props.Target switch
        {
            WebAclTarget.ApiStage => $"{props.MetricNamePrefix}-Api",
            WebAclTarget.UserPool => $"{props.MetricNamePrefix}-UserPool",
            var other => throw new ArgumentOutOfRangeException(nameof(props), other, "no metric name"),
        };
        Acl = new CfnWebACL(this, "WebAcl", new CfnWebACLProps
        {
            Scope = "REGIONAL",
            DefaultAction = new CfnWebACL.DefaultActionProperty { Allow = new CfnWebACL.AllowActionProperty() },
            Rules = rules.Cast<object>().ToArray(),
            VisibilityConfig = Visibility(MetricName),
        });

        Association = new CfnWebACLAssociation(this, $"{props.Target}Association", new CfnWebACLAssociationProps
        {
            ResourceArn = props.ResourceArn,
            WebAclArn = Acl.AttrArn,
        });
    }

    /// <summary>The web ACL.</summary>
    public CfnWebACL Acl { get; }

    /// <summary>The association with the protected resource.</summary>
    public CfnWebACLAssociation Association { get; }

    private static CfnWebACL.RuleProperty ManagedRuleGroup(string name, int priority, string? countOnly) => new()
    {
        Name = name,
        Priority = priority,
        Statement = new CfnWebACL.StatementProperty
        {
            ManagedRuleGroupStatement = new CfnWebACL.ManagedRuleGroupStatementProperty
            {
                VendorName = "AWS",
                Name = name,
                RuleActionOverrides = countOnly is null
                    ? null
                    : new object[] { new CfnWebACL.RuleActionOverrideProperty { Name = countOnly, ActionToUse = new CfnWebACL.RuleActionProperty { Count = new CfnWebACL.CountActionProperty() } } },
            },
        },
        OverrideAction = new CfnWebACL.OverrideActionProperty { None = new Dictionary<string, object>() },
        VisibilityConfig = Visibility(name),
    };

    /// <summary>Blocks what the body-size rule labelled, unless the request is for <paramref name="path"/>.</summary>
    private static CfnWebACL.RuleProperty LargeBodyOutside(string path, int priority) => new()
    {
        Name = "LargeBodyOutsideSamlResponse",
        Priority = priority,
        Statement = new CfnWebACL.StatementProperty
        {
            AndStatement = new CfnWebACL.AndStatementProperty
            {
                Statements = new object[]
                {
                    new CfnWebACL.StatementProperty
                    {
                        LabelMatchStatement = new CfnWebACL.LabelMatchStatementProperty { Scope = "LABEL", Key = BodySizeLabel },
                    },
                    new CfnWebACL.StatementProperty
                    {
                        NotStatement = new CfnWebACL.NotStatementProperty
                        {
                            Statement = new CfnWebACL.StatementProperty
                            {
                                ByteMatchStatement = new CfnWebACL.ByteMatchStatementProperty
                                {
                                    FieldToMatch = new CfnWebACL.FieldToMatchProperty { UriPath = new Dictionary<string, object>() },
                                    PositionalConstraint = "EXACTLY",
                                    SearchString = path,
                                    TextTransformations = new object[] { new CfnWebACL.TextTransformationProperty { Priority = 0, Type = "NONE" } },
                                },
                            },
                        },
                    },
                },
            },
        },
        Action = new CfnWebACL.RuleActionProperty { Block = new CfnWebACL.BlockActionProperty() },
        VisibilityConfig = Visibility("LargeBodyOutsideSamlResponse"),
    };

    private static CfnWebACL.RuleProperty RateLimit(int limit, int priority) => new()
    {
        Name = "RateLimitPerIp",
        Priority = priority,
        Statement = new CfnWebACL.StatementProperty
        {
            RateBasedStatement = new CfnWebACL.RateBasedStatementProperty { AggregateKeyType = "IP", Limit = limit },
        },
        Action = new CfnWebACL.RuleActionProperty { Block = new CfnWebACL.BlockActionProperty() },
        VisibilityConfig = Visibility("RateLimitPerIp"),
    };

    /// <summary>
    /// The web ACL's visibility metric name: the <c>WebACL</c> dimension of its CloudWatch metrics
    /// (https://docs.aws.amazon.com/waf/latest/developerguide/waf-metrics.html). One per environment and
    /// target, so neither two environments in one account and Region nor the API and the user pool share a
    /// blocked-requests series, alarm or graph.
    /// </summary>
    public string MetricName { get; }

    private static CfnWebACL.VisibilityConfigProperty Visibility(string metricName) => new()
    {
        CloudWatchMetricsEnabled = true,
        MetricName = metricName,
        SampledRequestsEnabled = true,
    };
}
