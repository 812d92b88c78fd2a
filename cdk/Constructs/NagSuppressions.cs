using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>
/// Writes cdk-nag suppressions into the template metadata of a resource
/// (<c>Metadata.cdk_nag.rules_to_suppress</c>), next to the resource they excuse, so reviewers see them
/// in the snapshot diff. The repository's nag gate (tools/nag) reads them back.
/// </summary>
internal static class NagSuppressions
{
    /// <summary>
    /// Suppresses <paramref name="ruleId"/> (for example <c>AwsSolutions-IAM5</c>) on the CloudFormation
    /// resource behind <paramref name="construct"/>, for all findings or only the listed ones.
    /// </summary>
    public static void Add(IConstruct construct, string ruleId, string reason, params string[] appliesTo)
    {
        var resource = construct as CfnResource
            ?? construct.Node.DefaultChild as CfnResource
            ?? throw new ArgumentException($"{construct.Node.Path} has no CloudFormation resource to carry a suppression", nameof(construct));

        var rule = new Dictionary<string, object> { ["id"] = ruleId, ["reason"] = reason };
        if (appliesTo.Length > 0)
        {
            rule["applies_to"] = appliesTo;
        }

        var rules = new List<object>();
        if (resource.GetMetadata("cdk_nag") is IDictionary<string, object> existing
            && existing.TryGetValue("rules_to_suppress", out var previous)
            && previous is IEnumerable<object> previousRules)
        {
            rules.AddRange(previousRules);
        }

        rules.Add(rule);
        resource.AddMetadata("cdk_nag", new Dictionary<string, object> { ["rules_to_suppress"] = rules.ToArray() });
    }

    /// <summary>
    /// The IAM5 finding cdk-nag reports for objects under <paramref name="keyPattern"/> of a bucket in the
    /// same stack, e.g. <c>Resource::&lt;UserFilesBucketA0D7EE59.Arn&gt;/public/*</c>; IAM policy variables
    /// are written <c>&lt;var&gt;</c> as cdk-nag does.
    /// </summary>
    public static string ObjectsFinding(IBucket bucket, string keyPattern)
    {
        var logicalId = Stack.Of(bucket).GetLogicalId((CfnElement)bucket.Node.DefaultChild!);
        return $"Resource::<{logicalId}.Arn>/{keyPattern.Replace("${", "<", StringComparison.Ordinal).Replace("}", ">", StringComparison.Ordinal)}";
    }
}
