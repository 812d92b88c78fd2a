using Amazon.CDK;
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

    /// <summary>Cognito's data protection page, whose "Set customer managed key policy" the user pool key statements follow.</summary>
    public const string CognitoKeyPolicyPage = "https://docs.aws.amazon.com/cognito/latest/developerguide/data-protection.html";

    /// <summary>The services that use a user pool's customer managed key on its behalf.</summary>
    public static readonly IReadOnlyList<string> UserPoolKeyServices = ["cognito-idp", "identitystore"];

    /// <summary>What Cognito and IAM Identity Center's identity store do with a user pool's key.</summary>
    public static readonly IReadOnlyList<string> UserPoolKeyActions =
        ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKeyWithoutPlaintext"];

    /// <summary>
    /// The statements of a user pool's customer managed key, after Cognito's "Set customer managed key policy"
    /// (<see cref="CognitoKeyPolicyPage"/>): the two services may use the key only for a user pool of this account
    /// (<c>aws:SourceAccount</c>, <c>aws:SourceArn</c> and the <c>userpool-arn</c> encryption context, matched
    /// against <paramref name="userPoolArnPattern"/>) and describe it; principals of this account may use it only
    /// through the two services in <paramref name="region"/> (<c>kms:ViaService</c>), which is what IAM callers
    /// such as the exporter's <c>ListUsers</c> need once the pool is on the key; and, with
    /// <paramref name="logExport"/>, CloudWatch Logs' delivery service may use it for this account's log deliveries.
    /// </summary>
    /// <param name="region">The Region whose service endpoints may call through (the replica key: the replica Region).</param>
    /// <param name="userPoolArnPattern">
    /// The pool ARN, or a <c>StringLike</c> pattern of it where the exact ARN would make a cycle (the pool refers to its key).
    /// </param>
    /// <param name="logExport">Whether the pool exports its logs in this Region.</param>
    public static IEnumerable<PolicyStatement> UserPoolKeyStatements(string region, string userPoolArnPattern, bool logExport)
    {
        var principals = UserPoolKeyServices.Select(service => (IPrincipal)new ServicePrincipal($"{service}.amazonaws.com")).ToArray();
        var thisAccount = new Dictionary<string, object> { ["aws:SourceAccount"] = Aws.ACCOUNT_ID };
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "UserPoolServicesUseKey",
            Principals = principals,
            Actions = [.. UserPoolKeyActions],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = thisAccount,
                ["StringLike"] = new Dictionary<string, object>
                {
                    ["aws:SourceArn"] = userPoolArnPattern,
                    ["kms:EncryptionContext:aws:cognito-idp:userpool-arn"] = userPoolArnPattern,
                },
            },
        });
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "UserPoolServicesDescribeKey",
            Principals = principals,
            Actions = ["kms:DescribeKey"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = thisAccount },
        });
        foreach (var service in UserPoolKeyServices)
        {
            yield return new PolicyStatement(new PolicyStatementProps
            {
                Sid = service == "cognito-idp" ? "AccountUsesKeyViaCognito" : "AccountUsesKeyViaIdentityStore",
                Principals = [new AnyPrincipal()],
                Actions = [.. UserPoolKeyActions, "kms:DescribeKey"],
                Resources = ["*"],
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object>
                    {
                        ["kms:CallerAccount"] = Aws.ACCOUNT_ID,
                        ["kms:ViaService"] = $"{service}.{region}.amazonaws.com",
                    },
                },
            });
        }

        if (logExport)
        {
            yield return new PolicyStatement(new PolicyStatementProps
            {
                Sid = "LogDeliveryUsesKey",
                Principals = [new ServicePrincipal("delivery.logs.amazonaws.com")],
                Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resources = ["*"],
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = thisAccount,
                    ["StringLike"] = new Dictionary<string, object>
                    {
                        ["aws:SourceArn"] = $"arn:{Aws.PARTITION}:logs:{region}:{Aws.ACCOUNT_ID}:*",
                    },
                },
            });
        }
    }

    /// <summary>
    /// <c>arn:PARTITION:cognito-idp:*:ACCOUNT:userpool/POOL</c>, or any pool of the account with a null
    /// <paramref name="userPoolId"/>; any Region, since the replica key decrypts what the primary encrypted.
    /// </summary>
    public static string UserPoolArnPattern(string? userPoolId) =>
        $"arn:{Aws.PARTITION}:cognito-idp:*:{Aws.ACCOUNT_ID}:userpool/{userPoolId ?? "*"}";

    /// <summary>
    /// What S3 Replication does with the destination bucket's key: encrypt the copies (<c>kms:Encrypt</c>,
    /// <c>kms:GenerateDataKey</c>) and verify the destination's S3 Bucket Key (<c>kms:Decrypt</c>)
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html). The replication
    /// role's policy and the destination key's policy both grant exactly these.
    /// </summary>
    public static readonly string[] ReplicaEncryptionActions = ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"];

    /// <summary>
    /// The conditions that let a key be used only by S3 in <paramref name="region"/> (<c>kms:ViaService</c>) and only
    /// for one bucket: the encryption context S3 sends is the object's ARN, or the bucket's ARN when the bucket uses an
    /// S3 Bucket Key (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html).
    /// </summary>
    public static Dictionary<string, object> OnlyThroughS3(string region, string bucketArn, string objectsArn) => new()
    {
        ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{region}.amazonaws.com" },
        ["StringLike"] = new Dictionary<string, object> { ["kms:EncryptionContext:aws:s3:arn"] = new[] { bucketArn, objectsArn } },
    };
}
