using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.IAM;
using CognitoStack.Cdk.Configuration;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="UserDirectory"/>.</summary>
public sealed record UserDirectoryProps
{
    /// <summary>User pool settings of the environment.</summary>
    public required UserPoolSettings UserPool { get; init; }

    /// <summary>Hosted UI domain settings.</summary>
    public required DomainSettings Domain { get; init; }

    /// <summary>The resource server and its scopes.</summary>
    public required ResourceServerSettings ResourceServer { get; init; }

    /// <summary>Whether the pool survives removal from the stack.</summary>
    public required bool RetainData { get; init; }

    /// <summary>Hosted UI look.</summary>
    public required HostedUiSettings HostedUi { get; init; }

    /// <summary>Sign-in factors, passkeys and password history, in CloudFormation spellings.</summary>
    public required UserPoolSignIn SignIn { get; init; }

    /// <summary>Branding version of the domains: 2 is managed login, 1 the classic Hosted UI.</summary>
    public required int ManagedLoginVersion { get; init; }
}

/// <summary>
/// The user directory: a user pool signed in to by email, its groups, the resource server with the API's
/// custom scopes and the Hosted UI prefix domain.
/// </summary>
public sealed class UserDirectory : Construct
{
    private readonly Dictionary<string, CfnUserPoolGroup> _groups = new(StringComparer.Ordinal);
    private readonly string _resourceServerIdentifier;

    /// <summary>Creates the user pool and what belongs to it.</summary>
    public UserDirectory(Construct scope, string id, UserDirectoryProps props)
        : base(scope, id)
    {
        UserPool = CreateUserPool(props);
        foreach (var group in props.UserPool.Groups)
        {
            _groups[group.Name] = CreateGroup(group);
        }

        _resourceServerIdentifier = props.ResourceServer.Identifier;
        (ResourceServer, Scopes) = CreateResourceServer(props.ResourceServer);
        Domain = UserPool.AddDomain("Domain", new UserPoolDomainOptions
        {
            CognitoDomain = new CognitoDomainOptions { DomainPrefix = props.Domain.Prefix },
        });
        CustomDomain = CreateCustomDomain(props.Domain.CustomDomain);
        foreach (var domain in new[] { Domain, CustomDomain }.OfType<UserPoolDomain>())
        {
            // Changes in place: the domain keeps its name and URL; the pages switch within minutes.
            // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolDomain.html
            ((CfnUserPoolDomain)domain.Node.DefaultChild!).AddPropertyOverride("ManagedLoginVersion", props.ManagedLoginVersion);
        }

        CustomizeHostedUi(props.HostedUi);
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
        var settings = props.UserPool;
        var pool = new UserPool(this, "UserPool", new UserPoolProps
        {
            SignInAliases = new SignInAliases { Email = true },
            SignInCaseSensitive = false,
            SelfSignUpEnabled = settings.SelfSignUp,
            AutoVerify = new AutoVerifiedAttrs { Email = true },
            KeepOriginal = new KeepOriginalAttrs { Email = true },
            StandardAttributes = new StandardAttributes
            {
                Email = new StandardAttribute { Required = true, Mutable = true },
            },
            AccountRecovery = AccountRecovery.EMAIL_ONLY,
            PasswordPolicy = new PasswordPolicy
            {
                MinLength = settings.PasswordMinimumLength,
                RequireLowercase = true,
                RequireUppercase = true,
                RequireDigits = true,
                RequireSymbols = true,
                TempPasswordValidity = Duration.Days(settings.TemporaryPasswordValidityDays),
            },
            Mfa = settings.Mfa switch
            {
                MfaMode.Required => Mfa.REQUIRED,
                MfaMode.Optional => Mfa.OPTIONAL,
                _ => Mfa.OFF,
            },
            MfaSecondFactor = settings.Mfa == MfaMode.Off ? null : new MfaSecondFactor { Otp = true, Sms = false },
            AdvancedSecurityMode = settings.ThreatProtection switch
            {
                ThreatProtectionMode.Enforced => AdvancedSecurityMode.ENFORCED,
                ThreatProtectionMode.Audit => AdvancedSecurityMode.AUDIT,
                _ => AdvancedSecurityMode.OFF,
            },
            DeletionProtection = settings.DeletionProtection,
            RemovalPolicy = props.RetainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });

        var cfnPool = (CfnUserPool)pool.Node.DefaultChild!;

        // aws-cdk-lib 2.160 predates the feature plans: set the property CloudFormation now has directly.
        cfnPool.AddPropertyOverride("UserPoolTier", SettingsReader.ToConfigName(settings.FeaturePlan.ToString()));
        if (settings.ThreatProtection != ThreatProtectionMode.Off)
        {
            // Security Hub Cognito.4: protect custom authentication flows as well as the standard ones.
            cfnPool.AddPropertyOverride("UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode",
                SettingsReader.ToConfigName(settings.ThreatProtection.ToString()));
        }

        props.SignIn.ApplyTo(cfnPool, mfaOn: settings.Mfa != MfaMode.Off);
        SuppressChosenRisks(pool, settings);
        return pool;
    }

    private static void SuppressChosenRisks(UserPool pool, UserPoolSettings settings)
    {
        if (settings.FeaturePlan != FeaturePlan.Plus)
        {
            NagSuppressions.Add(pool, "AwsSolutions-COG8",
                $"This environment chose featurePlan {SettingsReader.ToConfigName(settings.FeaturePlan.ToString())} in cdk.json to avoid Plus pricing; prod runs PLUS with threat protection ENFORCED.");
        }

        if (settings.Mfa != MfaMode.Required)
        {
            NagSuppressions.Add(pool, "AwsSolutions-COG2",
                $"This environment chose mfa {SettingsReader.ToConfigName(settings.Mfa.ToString())} in cdk.json; prod requires TOTP MFA.");
        }
    }

    private UserPoolDomain? CreateCustomDomain(CustomDomainSettings? settings) =>
        // Beside the prefix domain, which stays: removing it would replace the domain every app knows.
        settings is null ? null : UserPool.AddDomain("CustomDomain", new UserPoolDomainOptions
        {
            CustomDomain = new CustomDomainOptions
            {
                DomainName = settings.DomainName,
                Certificate = Certificate.FromCertificateArn(this, "CustomDomainCertificate", settings.CertificateArn),
            },
        });

    private void CustomizeHostedUi(HostedUiSettings settings)
    {
        if (settings.Css is null)
        {
            return;
        }

        var customization = new CfnUserPoolUICustomizationAttachment(this, "HostedUiCustomization", new CfnUserPoolUICustomizationAttachmentProps
        {
            UserPoolId = UserPool.UserPoolId,
            ClientId = "ALL",
            Css = settings.Css,
        });
        // Cognito accepts a UI customization only once the pool has a domain.
        customization.Node.AddDependency(Domain);
    }

    private CfnUserPoolGroup CreateGroup(GroupSettings group) =>
        // The group name is the group's identity (renaming it replaces the group), so its construct ID
        // may follow the name without adding a new way to lose memberships.
        new(this, $"Group-{group.Name}", new CfnUserPoolGroupProps
        {
            UserPoolId = UserPool.UserPoolId,
            GroupName = group.Name,
            Precedence = group.Precedence,
            Description = group.Description,
        });

    private (UserPoolResourceServer, IReadOnlyDictionary<string, OAuthScope>) CreateResourceServer(ResourceServerSettings settings)
    {
        var scopes = settings.Scopes
            .Select(s => new ResourceServerScope(new ResourceServerScopeProps { ScopeName = s.Name, ScopeDescription = s.Description }))
            .ToList();
        var server = UserPool.AddResourceServer("ResourceServer", new UserPoolResourceServerOptions
        {
            Identifier = settings.Identifier,
            UserPoolResourceServerName = settings.Name,
            Scopes = [.. scopes],
        });
        var byName = scopes.ToDictionary(s => s.ScopeName, s => OAuthScope.ResourceServer(server, s), StringComparer.Ordinal);
        return (server, byName);
    }
}
