using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="UserDirectory"/>.</summary>
public sealed record UserDirectoryProps
{
    /// <summary>Whether anyone may sign up.</summary>
    public required bool SelfSignUp { get; init; }

    /// <summary>MFA; a second factor is always TOTP, never SMS.</summary>
    public required Mfa Mfa { get; init; }

    /// <summary>
    /// The feature plan as CloudFormation's <c>UserPoolTier</c> spells it: <c>LITE</c>, <c>ESSENTIALS</c> or
    /// <c>PLUS</c> (aws-cdk-lib 2.160 has no type for it).
    /// </summary>
    public required string FeaturePlan { get; init; }

    /// <summary>Threat protection for standard and custom authentication.</summary>
    public required AdvancedSecurityMode ThreatProtection { get; init; }

    /// <summary>Cognito deletion protection.</summary>
    public required bool DeletionProtection { get; init; }

    /// <summary>Minimum password length; every character class is always required.</summary>
    public required int PasswordMinimumLength { get; init; }

    /// <summary>How long an administrator-set temporary password stays valid.</summary>
    public required Duration TemporaryPasswordValidity { get; init; }

    /// <summary>User groups.</summary>
    public required IReadOnlyList<UserGroup> Groups { get; init; }

    /// <summary>The Cognito prefix domain: <c>https://PREFIX.auth.REGION.amazoncognito.com</c>.</summary>
    public required string DomainPrefix { get; init; }

    /// <summary>An own Hosted UI domain beside the prefix domain. Left out: only the prefix domain.</summary>
    public CustomDomainOptions? CustomDomain { get; init; }

    /// <summary>
    /// The custom domain's TLS policy (<c>CustomDomainConfig.SecurityPolicy</c>, not in aws-cdk-lib 2.160), in
    /// CloudFormation's spelling. Default <c>TLS_V1_2_2021</c>, the minimum AWS recommends.
    /// </summary>
    public string CustomDomainSecurityPolicy { get; init; } = "TLS_V1_2_2021";

    /// <summary>Identifier of the resource server; scopes are written <c>IDENTIFIER/NAME</c>.</summary>
    public required string ResourceServerIdentifier { get; init; }

    /// <summary>Display name of the resource server.</summary>
    public required string ResourceServerName { get; init; }

    /// <summary>The resource server's custom scopes.</summary>
    public required IReadOnlyList<ResourceServerScope> Scopes { get; init; }

    /// <summary>What happens to the user pool when it leaves the stack.</summary>
    public required RemovalPolicy RemovalPolicy { get; init; }

    /// <summary>CSS of the classic Hosted UI. Left out: Cognito's default look.</summary>
    public string? HostedUiCss { get; init; }

    /// <summary>Sign-in factors, passkeys and password history, in CloudFormation spellings.</summary>
    public required UserPoolSignIn SignIn { get; init; }

    /// <summary>Branding version of the domains: 2 is managed login, 1 the classic Hosted UI.</summary>
    public required int ManagedLoginVersion { get; init; }

    /// <summary>How the pool sends email, e.g. <c>UserPoolEmail.WithSES(…)</c>. Left out: Cognito's built-in sender.</summary>
    public UserPoolEmail? Email { get; init; }

    /// <summary>The verification email (sign-up, password reset, attribute update). Left out: Cognito's default text.</summary>
    public IUserVerificationConfig? UserVerification { get; init; }

    /// <summary>The invitation email of <c>AdminCreateUser</c>. Left out: Cognito's default text.</summary>
    public IUserInvitationConfig? UserInvitation { get; init; }

    /// <summary>
    /// Custom attributes by name (without <c>custom:</c>). Cognito adds new ones in place but can never change
    /// or remove one. Left out: none.
    /// </summary>
    public IReadOnlyDictionary<string, ICustomAttribute> CustomAttributes { get; init; } = new Dictionary<string, ICustomAttribute>();
}

/// <summary>A user pool group.</summary>
public sealed record UserGroup
{
    /// <summary>The group name, as it appears in the <c>cognito:groups</c> claim; also its identity.</summary>
    public required string Name { get; init; }

    /// <summary>Lower wins when a user is in several groups.</summary>
    public required int Precedence { get; init; }

    /// <summary>What the group is for. Left out: no description.</summary>
    public string? Description { get; init; }
}

/// <summary>
/// The user directory: a user pool signed in to by email, its groups, the resource server with the API's
/// custom scopes and the Hosted UI prefix domain.
/// </summary>
public sealed class UserDirectory : Construct
{
    /// <summary>
    /// CloudFormation's <c>CustomAuthMode</c> for each mode that protects custom authentication (there is no
    /// OFF): https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cognito-userpool-advancedsecurityadditionalflows.html
    /// </summary>
    private static readonly Dictionary<AdvancedSecurityMode, string> CustomAuthModes = new()
    {
        [AdvancedSecurityMode.AUDIT] = "AUDIT",
        [AdvancedSecurityMode.ENFORCED] = "ENFORCED",
    };

    private readonly Dictionary<string, CfnUserPoolGroup> _groups = new(StringComparer.Ordinal);
    private readonly string _resourceServerIdentifier;

    /// <summary>Creates the user pool and what belongs to it.</summary>
    public UserDirectory(Construct scope, string id, UserDirectoryProps props)
        : base(scope, id)
    {
        UserPool = CreateUserPool(props);
        foreach (var group in props.Groups)
        {
            _groups[group.Name] = CreateGroup(group);
        }

        _resourceServerIdentifier = props.ResourceServerIdentifier;
        (ResourceServer, Scopes) = CreateResourceServer(props);
        Domain = UserPool.AddDomain("Domain", new UserPoolDomainOptions
        {
            CognitoDomain = new CognitoDomainOptions { DomainPrefix = props.DomainPrefix },
        });
        // Beside the prefix domain, which stays: removing it would replace the domain every app knows.
        CustomDomain = props.CustomDomain is { } custom
            ? UserPool.AddDomain("CustomDomain", new UserPoolDomainOptions { CustomDomain = custom })
            : null;
        ((CfnUserPoolDomain?)CustomDomain?.Node.DefaultChild)?.AddPropertyOverride("CustomDomainConfig.SecurityPolicy", props.CustomDomainSecurityPolicy);
        foreach (var domain in new[] { Domain, CustomDomain }.OfType<UserPoolDomain>())
        {
            // Changes in place: the domain keeps its name and URL; the pages switch within minutes.
            // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolDomain.html
            ((CfnUserPoolDomain)domain.Node.DefaultChild!).AddPropertyOverride("ManagedLoginVersion", props.ManagedLoginVersion);
        }

        CustomizeHostedUi(props.HostedUiCss);
    }

    /// <summary>The user pool.</summary>
    public UserPool UserPool { get; }

    /// <summary>The resource server whose scopes protect the item routes.</summary>
    public UserPoolResourceServer ResourceServer { get; }

    /// <summary>The resource server's scopes by name (<c>read</c>, <c>write</c>, …).</summary>
    public IReadOnlyDictionary<string, OAuthScope> Scopes { get; }

    /// <summary>The Hosted UI prefix domain.</summary>
    public UserPoolDomain Domain { get; }

    /// <summary>The custom Hosted UI domain; null when the environment has none.</summary>
    public UserPoolDomain? CustomDomain { get; }

    /// <summary>The full scope string (<c>IDENTIFIER/NAME</c>) as it appears in access tokens; a plain string, not a token.</summary>
    public string ScopeString(string name) => $"{_resourceServerIdentifier}/{name}";

    /// <summary>
    /// Sets the IAM role that members of <paramref name="groupName"/> receive through the identity pool's
    /// token-based role mapping (claim <c>cognito:preferred_role</c>).
    /// </summary>
    public void AssignGroupRole(string groupName, IRole role) => _groups[groupName].RoleArn = role.RoleArn;

    private UserPool CreateUserPool(UserDirectoryProps props)
    {
        var pool = new UserPool(this, "UserPool", new UserPoolProps
        {
            SignInAliases = new SignInAliases { Email = true },
            SignInCaseSensitive = false,
            SelfSignUpEnabled = props.SelfSignUp,
            AutoVerify = new AutoVerifiedAttrs { Email = true },
            KeepOriginal = new KeepOriginalAttrs { Email = true },
            // No StandardAttributes, so the template has no Schema: with one, every later update of an
            // existing pool fails with "Invalid AttributeDataType input" (aws-amplify/amplify-backend#3299,
            // aws/aws-cdk#8585). Leaving it out changes no attribute of a deployed pool; email stays the
            // sign-in name. Evidence and decision: docs/replication.md#the-update-path-no-schema-in-the-template
            AccountRecovery = AccountRecovery.EMAIL_ONLY,
            PasswordPolicy = new PasswordPolicy
            {
                MinLength = props.PasswordMinimumLength,
                RequireLowercase = true,
                RequireUppercase = true,
                RequireDigits = true,
                RequireSymbols = true,
                TempPasswordValidity = props.TemporaryPasswordValidity,
            },
            Mfa = props.Mfa,
            MfaSecondFactor = props.Mfa == Mfa.OFF ? null : new MfaSecondFactor { Otp = true, Sms = false },
            AdvancedSecurityMode = props.ThreatProtection,
            DeletionProtection = props.DeletionProtection,
            RemovalPolicy = props.RemovalPolicy,
            Email = props.Email,
            UserVerification = props.UserVerification,
            UserInvitation = props.UserInvitation,
            CustomAttributes = props.CustomAttributes.Count == 0 ? null : props.CustomAttributes.ToDictionary(),
        });

        var cfnPool = (CfnUserPool)pool.Node.DefaultChild!;

        // aws-cdk-lib 2.160 predates the feature plans: set the property CloudFormation now has directly.
        cfnPool.AddPropertyOverride("UserPoolTier", props.FeaturePlan);
        if (CustomAuthModes.TryGetValue(props.ThreatProtection, out var customAuthMode))
        {
            // Security Hub Cognito.4: protect custom authentication flows as well as the standard ones.
            cfnPool.AddPropertyOverride("UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode", customAuthMode);
        }

        props.SignIn.ApplyTo(cfnPool, mfaOn: props.Mfa != Mfa.OFF);
        return pool;
    }

    private void CustomizeHostedUi(string? css)
    {
        if (css is null)
        {
            return;
        }

        var customization = new CfnUserPoolUICustomizationAttachment(this, "HostedUiCustomization", new CfnUserPoolUICustomizationAttachmentProps
        {
            UserPoolId = UserPool.UserPoolId,
            ClientId = "ALL",
            Css = css,
        });
        // Cognito accepts a UI customization only once the pool has a domain.
        customization.Node.AddDependency(Domain);
    }

    private CfnUserPoolGroup CreateGroup(UserGroup group) =>
        // The group name is the group's identity (renaming it replaces the group), so its construct ID
        // may follow the name without adding a new way to lose memberships.
        new(this, $"Group-{group.Name}", new CfnUserPoolGroupProps
        {
            UserPoolId = UserPool.UserPoolId,
            GroupName = group.Name,
            Precedence = group.Precedence,
            Description = group.Description,
        });

    private (UserPoolResourceServer, IReadOnlyDictionary<string, OAuthScope>) CreateResourceServer(UserDirectoryProps props)
    {
        var server = UserPool.AddResourceServer("ResourceServer", new UserPoolResourceServerOptions
        {
            Identifier = props.ResourceServerIdentifier,
            UserPoolResourceServerName = props.ResourceServerName,
            Scopes = [.. props.Scopes],
        });
        var byName = props.Scopes.ToDictionary(s => s.ScopeName, s => OAuthScope.ResourceServer(server, s), StringComparer.Ordinal);
        return (server, byName);
    }
}
