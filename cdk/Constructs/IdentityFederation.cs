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
}

/// <summary>
/// The identity pool and its IAM roles: signed-in users get temporary credentials for their own
/// <c>private/IDENTITY_ID/</c> prefix, admins (by token-based role mapping) may also publish to
/// <c>public/</c>, and guests, where allowed, may only read <c>public/</c>.
/// </summary>
public sealed class IdentityFederation : Construct
{
    // The identity pools' token issuer in the aws partition, the only one the app deploys to (the stacks
    // carry a SupportedPartition rule): https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
    private const string IdentityService = "cognito-identity.amazonaws.com";
    private const string OwnPrefix = UserFilesBucket.PrivatePrefix + "${cognito-identity.amazonaws.com:sub}/";
    private const string OwnObjects = OwnPrefix + "*";
    private const string PublicObjects = UserFilesBucket.PublicPrefix + "*";

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

        var files = props.UserFiles;
        AuthenticatedRole = CreateRole("AuthenticatedRole", "authenticated", "Signed-in users: their own private prefix",
            [.. UserStatements(files), UseKey(files, "kms:Decrypt", "kms:GenerateDataKey")], files, [OwnObjects, PublicObjects]);
        AdminRole = CreateRole("AdminRole", "authenticated", "Members of the admin group: their own prefix, and publishing to public/",
            [.. UserStatements(files), Allow(["s3:PutObject", "s3:DeleteObject"], files.ArnForObjects(PublicObjects)), UseKey(files, "kms:Decrypt", "kms:GenerateDataKey")],
            files, [OwnObjects, PublicObjects]);
        if (props.AllowGuests)
        {
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

    private Role CreateRole(string id, string amr, string description, PolicyStatement[] statements, IBucket files, string[] objectPatterns)
    {
        var role = new Role(this, id, new RoleProps
        {
            Description = description,
            AssumedBy = new FederatedPrincipal(IdentityService, new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { [$"{IdentityService}:aud"] = IdentityPool.Ref },
                ["ForAnyValue:StringLike"] = new Dictionary<string, object> { [$"{IdentityService}:amr"] = amr },
            }, "sts:AssumeRoleWithWebIdentity"),
            InlinePolicies = new Dictionary<string, PolicyDocument>
            {
                ["UserFiles"] = new PolicyDocument(new PolicyDocumentProps { Statements = statements }),
            },
            MaxSessionDuration = Duration.Hours(1),
        });
        NagSuppressions.Add(role, "AwsSolutions-IAM5",
            "Object-level access under a prefix needs a trailing wildcard; the prefix is the caller's own identity id (IAM policy variable) or public/, never the whole bucket.",
            [.. objectPatterns.Select(pattern => NagSuppressions.ObjectsFinding(files, pattern))]);
        return role;
    }

    private static PolicyStatement[] UserStatements(IBucket bucket) =>
    [
        Allow(["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], bucket.ArnForObjects(OwnObjects)),
        Allow(["s3:GetObject"], bucket.ArnForObjects(PublicObjects)),
        new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = new[] { OwnPrefix, OwnObjects } },
            },
        }),
    ];

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
