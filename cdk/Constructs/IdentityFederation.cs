using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="IdentityFederation"/>.</summary>
public sealed record IdentityFederationProps
{
    /// <summary>The user pool whose users federate.</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>The app clients whose tokens the identity pool accepts.</summary>
    public required IReadOnlyList<IUserPoolClient> Clients { get; init; }

    /// <summary>The bucket the roles grant access to.</summary>
    public required IBucket UserFiles { get; init; }

    /// <summary>Whether guests get credentials (and an unauthenticated role exists).</summary>
    public required bool AllowGuests { get; init; }

    /// <summary>What happens to the identity pool when it leaves the stack.</summary>
    public required RemovalPolicy RemovalPolicy { get; init; }

    /// <summary>
    /// Session tags set from the user pool's token claims, by tag key (claim as value). Empty: no principal tags,
    /// and the roles' trust allows no session tags.
    /// </summary>
    public IReadOnlyDictionary<string, string> PrincipalTags { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The principal tag naming the user's tenant: signed-in users then share <c>tenants/TENANT/</c> with their
    /// tenant. Null: no tenant prefix. Must be a key of <see cref="PrincipalTags"/>.
    /// </summary>
    public string? TenantTag { get; init; }
}

/// <summary>
/// The identity pool and its IAM roles: signed-in users get temporary credentials for their own
/// <c>private/IDENTITY_ID/</c> prefix, admins (by token-based role mapping) may also publish to
/// <c>public/</c>, and guests, where allowed, may only read <c>public/</c>. With a tenant principal tag, signed-in
/// users also share <c>tenants/TENANT/</c> with the users of their tenant (attribute-based access control).
/// </summary>
public sealed class IdentityFederation : Construct
{
    // The identity pools' token issuer in the aws partition, the only one the app deploys to (the stacks
    // carry a SupportedPartition rule): https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
    private const string IdentityService = "cognito-identity.amazonaws.com";
    private const string OwnPrefix = UserFilesBucket.PrivatePrefix + "${cognito-identity.amazonaws.com:sub}/";
    private const string OwnObjects = OwnPrefix + "*";
    private const string PublicObjects = UserFilesBucket.PublicPrefix + "*";
    private readonly string? _tenantPrefix;
    private readonly string? _tenantTagKey;

    /// <summary>Creates the identity pool, its roles and the role attachment.</summary>
    public IdentityFederation(Construct scope, string id, IdentityFederationProps props)
        : base(scope, id)
    {
        IdentityPool = new CfnIdentityPool(this, "IdentityPool", new CfnIdentityPoolProps
        {
            AllowUnauthenticatedIdentities = props.AllowGuests,
            AllowClassicFlow = false,
            CognitoIdentityProviders = props.Clients
                .Select(client => (object)new CfnIdentityPool.CognitoIdentityProviderProperty
                {
                    ClientId = client.UserPoolClientId,
                    ProviderName = props.UserPool.UserPoolProviderName,
                    ServerSideTokenCheck = true,
                })
                .ToArray(),
        });
        IdentityPool.ApplyRemovalPolicy(props.RemovalPolicy);
        PrincipalTags = CreatePrincipalTags(props);
        if (props.TenantTag is { } tenantTag)
        {
            _tenantTagKey = props.PrincipalTags.ContainsKey(tenantTag)
                ? $"aws:PrincipalTag/{tenantTag}"
                : throw new ArgumentException($"tenant tag \"{tenantTag}\" is not a principal tag", nameof(props));
            _tenantPrefix = $"{UserFilesBucket.TenantsPrefix}${{{_tenantTagKey}}}/";
        }

        var files = props.UserFiles;
        string[] userObjects = _tenantPrefix is null ? [OwnObjects, PublicObjects] : [OwnObjects, PublicObjects, _tenantPrefix + "*"];
        AuthenticatedRole = CreateRole("AuthenticatedRole", "authenticated", "Signed-in users: their own private prefix",
            [.. UserStatements(files), UseKey(files, "kms:Decrypt", "kms:GenerateDataKey")], files, userObjects);
        AdminRole = CreateRole("AdminRole", "authenticated", "Members of the admin group: their own prefix, and publishing to public/",
            [.. UserStatements(files), Allow(["s3:PutObject", "s3:DeleteObject"], files.ArnForObjects(PublicObjects)), UseKey(files, "kms:Decrypt", "kms:GenerateDataKey")],
            files, userObjects);
        if (props.AllowGuests)
        {
            // Guests carry no claims, so they never get session tags.
            UnauthenticatedRole = CreateRole("UnauthenticatedRole", "unauthenticated", "Guests: read public/ only",
                [Allow(["s3:GetObject"], files.ArnForObjects(PublicObjects)), UseKey(files, "kms:Decrypt")], files, [PublicObjects]);
            NagSuppressions.Add(IdentityPool, "AwsSolutions-COG7",
                "Guest access was chosen for this environment in cdk.json (identityPool.allowGuests); the unauthenticated role may only read public/.");
        }

        CreateRoleAttachment(props);
    }

    /// <summary>The identity pool.</summary>
    public CfnIdentityPool IdentityPool { get; }

    /// <summary>Role of signed-in users.</summary>
    public Role AuthenticatedRole { get; }

    /// <summary>Role of admin group members, chosen by token-based role mapping.</summary>
    public Role AdminRole { get; }

    /// <summary>Role of guests; null when the environment does not allow guests.</summary>
    public Role? UnauthenticatedRole { get; }

    /// <summary>The claim-to-session-tag map of the user pool provider; null without principal tags.</summary>
    public CfnIdentityPoolPrincipalTag? PrincipalTags { get; }

    /// <summary>
    /// Maps token claims to session tags for users of the pool (every client: the map belongs to the provider).
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-identitypoolprincipaltag.html
    /// </summary>
    private CfnIdentityPoolPrincipalTag? CreatePrincipalTags(IdentityFederationProps props) =>
        props.PrincipalTags.Count == 0
            ? null
            : new CfnIdentityPoolPrincipalTag(this, "PrincipalTags", new CfnIdentityPoolPrincipalTagProps
            {
                IdentityPoolId = IdentityPool.Ref,
                IdentityProviderName = props.UserPool.UserPoolProviderName,
                PrincipalTags = props.PrincipalTags.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => (object)t.Value, StringComparer.Ordinal),
                UseDefaults = false,
            });

    private Role CreateRole(string id, string amr, string description, PolicyStatement[] statements, IBucket files, string[] objectPatterns)
    {
        var federated = new FederatedPrincipal(IdentityService, new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { [$"{IdentityService}:aud"] = IdentityPool.Ref },
            ["ForAnyValue:StringLike"] = new Dictionary<string, object> { [$"{IdentityService}:amr"] = amr },
        }, "sts:AssumeRoleWithWebIdentity");
        var role = new Role(this, id, new RoleProps
        {
            Description = description,
            // Principal tags need sts:TagSession in the trust policy, under the same conditions:
            // https://docs.aws.amazon.com/cognito/latest/developerguide/using-afac-with-cognito-identity-pools.html
            AssumedBy = PrincipalTags is not null && amr == "authenticated" ? federated.WithSessionTags() : federated,
            InlinePolicies = new Dictionary<string, PolicyDocument>
            {
                ["UserFiles"] = new PolicyDocument(new PolicyDocumentProps { Statements = statements }),
            },
            MaxSessionDuration = Duration.Hours(1),
        });
        NagSuppressions.Add(role, "AwsSolutions-IAM5",
            _tenantPrefix is null
                ? "Object-level access under a prefix needs a trailing wildcard; the prefix is the caller's own identity id (IAM policy variable) or public/, never the whole bucket."
                : "Object-level access under a prefix needs a trailing wildcard; the prefix is the caller's own identity id or tenant (IAM policy variables, the tenant only when the session carries the tag) or public/, never the whole bucket.",
            [.. objectPatterns.Select(pattern => NagSuppressions.ObjectsFinding(files, pattern))]);
        return role;
    }

    private PolicyStatement[] UserStatements(IBucket bucket) =>
    [
        Allow(["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], bucket.ArnForObjects(OwnObjects)),
        Allow(["s3:GetObject"], bucket.ArnForObjects(PublicObjects)),
        ListUnder(bucket, OwnPrefix),
        .. TenantStatements(bucket),
    ];

    /// <summary>
    /// The tenant's shared prefix, only for sessions that carry the tag: without it IAM has no value for the
    /// variable, and the Null condition says so rather than relying on how an unset variable resolves.
    /// </summary>
    private PolicyStatement[] TenantStatements(IBucket bucket)
    {
        if (_tenantPrefix is null || _tenantTagKey is null)
        {
            return [];
        }

        var tagged = new Dictionary<string, object> { ["Null"] = new Dictionary<string, object> { [_tenantTagKey] = "false" } };
        var objects = new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
            Resources = [bucket.ArnForObjects(_tenantPrefix + "*")],
            Conditions = tagged,
        });
        var list = ListUnder(bucket, _tenantPrefix);
        list.AddCondition("Null", new Dictionary<string, object> { [_tenantTagKey] = "false" });
        return [objects, list];
    }

    private static PolicyStatement ListUnder(IBucket bucket, string prefix) =>
        new(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = new[] { prefix, prefix + "*" } },
            },
        });

    /// <summary>
    /// The bucket's key, only through S3 of this region: uploading and downloading SSE-KMS objects needs
    /// <c>kms:GenerateDataKey</c> and <c>kms:Decrypt</c> on the key (guests, who only read, get <c>kms:Decrypt</c>)
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html). Which objects remains the
    /// S3 statements' decision.
    /// </summary>
    private static PolicyStatement UseKey(IBucket bucket, params string[] actions) => new(new PolicyStatementProps
    {
        Actions = actions,
        Resources = [(bucket.EncryptionKey ?? throw new ArgumentException("the user-files bucket has no customer managed key", nameof(bucket))).KeyArn],
        Conditions = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{Stack.Of(bucket).Region}.amazonaws.com" },
        },
    });

    private static PolicyStatement Allow(string[] actions, string resource) =>
        new(new PolicyStatementProps { Actions = actions, Resources = [resource] });

    private void CreateRoleAttachment(IdentityFederationProps props)
    {
        var roles = new Dictionary<string, object> { ["authenticated"] = AuthenticatedRole.RoleArn };
        if (UnauthenticatedRole is not null)
        {
            roles["unauthenticated"] = UnauthenticatedRole.RoleArn;
        }

        // Token-based mapping: a user whose token carries cognito:preferred_role (set by the admin
        // group's role) gets that role; everyone else falls back to the authenticated role.
        var mappings = props.Clients
            .Select((client, index) => (Key: $"Client{index}", Mapping: (object)new CfnIdentityPoolRoleAttachment.RoleMappingProperty
            {
                Type = "Token",
                AmbiguousRoleResolution = "AuthenticatedRole",
                IdentityProvider = $"{props.UserPool.UserPoolProviderName}:{client.UserPoolClientId}",
            }))
            .ToDictionary(m => m.Key, m => m.Mapping);

        new CfnIdentityPoolRoleAttachment(this, "RoleAttachment", new CfnIdentityPoolRoleAttachmentProps
        {
            IdentityPoolId = IdentityPool.Ref,
            Roles = roles,
            RoleMappings = mappings,
        });
    }
}
