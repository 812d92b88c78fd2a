using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="TermsDocuments"/>.</summary>
public sealed record TermsDocumentsProps
{
    /// <summary>The pool the clients belong to.</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>The clients whose managed login sign-up page links the documents, by a stable name used in construct IDs.</summary>
    public required IReadOnlyDictionary<string, IUserPoolClient> Clients { get; init; }

    /// <summary>Terms of use URL by <c>Links</c> key (<c>cognito:default</c>, <c>cognito:french</c>, …).</summary>
    public required IReadOnlyDictionary<string, string> TermsOfUse { get; init; }

    /// <summary>Privacy policy URL by <c>Links</c> key.</summary>
    public required IReadOnlyDictionary<string, string> PrivacyPolicy { get; init; }
}

/// <summary>
/// The terms of use and the privacy policy (<c>AWS::Cognito::Terms</c>, one resource per document and client)
/// that managed login links on its sign-up page. Cognito shows them only when both exist. aws-cdk-lib 2.160 has
/// no class for the resource; its properties follow the CloudFormation registry spec.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-terms.html
/// </summary>
public sealed class TermsDocuments : Construct
{
    /// <summary>
    /// <c>TermsName</c> values: the name must begin with the document type, and each type is its own request.
    /// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateTerms.html
    /// </summary>
    public const string TermsOfUseName = "terms-of-use";

    /// <summary>The privacy policy's <c>TermsName</c>.</summary>
    public const string PrivacyPolicyName = "privacy-policy";

    /// <summary>Creates both documents for every client.</summary>
    public TermsDocuments(Construct scope, string id, TermsDocumentsProps props)
        : base(scope, id)
    {
        Documents = props.Clients
            .SelectMany(c => new[]
            {
                Document($"{c.Key}TermsOfUse", props.UserPool, c.Value, TermsOfUseName, props.TermsOfUse),
                Document($"{c.Key}PrivacyPolicy", props.UserPool, c.Value, PrivacyPolicyName, props.PrivacyPolicy),
            })
            .ToList();
    }

    /// <summary>Every terms resource.</summary>
    public IReadOnlyList<CfnResource> Documents { get; }

    private CfnResource Document(string id, IUserPool pool, IUserPoolClient client, string name, IReadOnlyDictionary<string, string> links) =>
        new(this, id, new CfnResourceProps
        {
            Type = "AWS::Cognito::Terms",
            Properties = new Dictionary<string, object>
            {
                ["UserPoolId"] = pool.UserPoolId,
                ["ClientId"] = client.UserPoolClientId,
                ["TermsName"] = name,
                // Both are reserved and accept one value each.
                ["TermsSource"] = "LINK",
                ["Enforcement"] = "NONE",
                ["Links"] = links.OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => (object)l.Value, StringComparer.Ordinal),
            },
        });
}
