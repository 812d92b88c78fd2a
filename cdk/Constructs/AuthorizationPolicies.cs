using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AwsVerifiedpermissions;
using CognitoStack.Contract;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="AuthorizationPolicies"/>.</summary>
public sealed record AuthorizationPoliciesProps
{
    /// <summary>The Cedar schema, JSON.</summary>
    public required string Schema { get; init; }

    /// <summary>The policies by name, each Cedar text with <c>{{userPoolId}}</c> and <c>{{resourceServer}}</c> placeholders.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Policies { get; init; }

    /// <summary>The user pool whose tokens the identity source accepts.</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>The user clients whose tokens the identity source accepts (<c>aud</c>/<c>client_id</c>).</summary>
    public required IReadOnlyList<IUserPoolClient> Clients { get; init; }

    /// <summary>The resource server identifier, for <c>{{resourceServer}}</c>.</summary>
    public required string ResourceServerIdentifier { get; init; }

    /// <summary>Whether Verified Permissions refuses to delete the policy store (with a retained user pool).</summary>
    public required bool DeletionProtection { get; init; }
}

/// <summary>
/// The Verified Permissions policy store of the <c>verifiedPermissions</c> authorization mode: the schema
/// validated STRICT, a Cognito identity source (the pool, its user clients, groups as
/// <c>CognitoStack::UserGroup</c> entities), and one static policy per policy file
/// (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-authorization-with-avp.html).
/// </summary>
/// <remarks>
/// aws-cdk-lib 2.160's <c>CfnPolicyStore</c> predates <c>DeletionProtection</c>: it is set as an override, which
/// the registry gate checks against the pinned specification (0.1.216 has it, and <c>EncryptionSettings</c>).
/// </remarks>
public sealed class AuthorizationPolicies : Construct
{
    /// <summary>Creates the policy store, its identity source and policies.</summary>
    public AuthorizationPolicies(Construct scope, string id, AuthorizationPoliciesProps props)
        : base(scope, id)
    {
        PolicyStore = new CfnPolicyStore(this, "PolicyStore", new CfnPolicyStoreProps
        {
            Description = "CognitoStack API authorization (config/authorization)",
            ValidationSettings = new CfnPolicyStore.ValidationSettingsProperty { Mode = "STRICT" },
            Schema = new CfnPolicyStore.SchemaDefinitionProperty { CedarJson = props.Schema },
        });
        PolicyStore.AddPropertyOverride("DeletionProtection.Mode", props.DeletionProtection ? "ENABLED" : "DISABLED");
        // No EncryptionSettings: the default, an AWS owned key. A customer managed key needs a key policy for
        // Verified Permissions that this app does not declare yet (docs/authorization.md, Encryption).

        new CfnIdentitySource(this, "IdentitySource", new CfnIdentitySourceProps
        {
            PolicyStoreId = PolicyStore.AttrPolicyStoreId,
            PrincipalEntityType = ApiRoutes.UserEntityType,
            Configuration = new CfnIdentitySource.IdentitySourceConfigurationProperty
            {
                CognitoUserPoolConfiguration = new CfnIdentitySource.CognitoUserPoolConfigurationProperty
                {
                    UserPoolArn = props.UserPool.UserPoolArn,
                    ClientIds = [.. props.Clients.Select(c => c.UserPoolClientId)],
                    GroupConfiguration = new CfnIdentitySource.CognitoGroupConfigurationProperty { GroupEntityType = ApiRoutes.GroupEntityType },
                },
            },
        });

        foreach (var (name, text) in props.Policies)
        {
            new CfnPolicy(this, ConstructId(name), new CfnPolicyProps
            {
                PolicyStoreId = PolicyStore.AttrPolicyStoreId,
                Definition = new CfnPolicy.PolicyDefinitionProperty
                {
                    Static = new CfnPolicy.StaticPolicyDefinitionProperty
                    {
                        Description = $"config/authorization/{name}.cedar",
                        Statement = Fn.Join("", [.. Render(text, props.UserPool.UserPoolId, props.ResourceServerIdentifier)]),
                    },
                },
            });
        }
    }

    /// <summary>The policy store.</summary>
    public CfnPolicyStore PolicyStore { get; }

    /// <summary>The policy's construct ID: <c>tenant-items</c> becomes <c>TenantItemsPolicy</c>.</summary>
    public static string ConstructId(string name) =>
        string.Concat(name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..])) + "Policy";

    // The text split around the placeholders, the pool ID as a reference (known at deploy only).
    private static IEnumerable<string> Render(string text, string userPoolId, string resourceServer)
    {
        var rest = text.Replace("{{resourceServer}}", resourceServer, StringComparison.Ordinal);
        var parts = rest.Split("{{userPoolId}}");
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                yield return userPoolId;
            }

            yield return parts[i];
        }
    }
}
