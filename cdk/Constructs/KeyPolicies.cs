using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Key policy statements every customer managed key of the app carries.</summary>
public static class KeyPolicies
{
    /// <summary>
    /// Denies <c>kms:CreateGrant</c> to every principal unless an AWS service integrated with KMS asks on its
    /// behalf (<c>kms:GrantIsForAWSResource</c>) or the caller is an AWS service (<c>aws:PrincipalIsAWSService</c>),
    /// so nobody can hand the key to another principal with a grant. AWS Control Tower proactive control
    /// CT.KMS.PR.3 requires exactly this statement
    /// (https://docs.aws.amazon.com/controltower/latest/controlreference/kms-rules.html#ct-kms-pr-3-description);
    /// the condition keys: https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html.
    /// </summary>
    public static void LimitGrantsToAwsServices(IKey key) => key.AddToResourcePolicy(GrantsOnlyForAwsServices());

    /// <summary>The statement <see cref="LimitGrantsToAwsServices"/> adds, for key policies written whole (a replica key's).</summary>
    public static PolicyStatement GrantsOnlyForAwsServices() =>
        new(new PolicyStatementProps
        {
            Sid = "GrantsOnlyForAwsServices",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["kms:CreateGrant"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["BoolIfExists"] = new Dictionary<string, object>
                {
                    ["kms:GrantIsForAWSResource"] = "false",
                    ["aws:PrincipalIsAWSService"] = "false",
                },
            },
        });
}
