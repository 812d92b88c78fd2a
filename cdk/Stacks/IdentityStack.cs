using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.Lambda;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Constructs;
using CognitoStack.Contract;
using Constructs;

namespace CognitoStack.Cdk.Stacks;

/// <summary>What the Identity stack needs from outside: the triggers' code and the removal policy.</summary>
public sealed record IdentityStackProps
{
    /// <summary>The published (or, in tests, unbundled) triggers.</summary>
    public required Code TriggersCode { get; init; }

    /// <summary>What happens to the user pool, identity pool, buckets and log groups when they leave the stack.</summary>
    public required RemovalPolicy RemovalPolicy { get; init; }

    /// <summary>Stack properties (name, environment, termination protection).</summary>
    public required IStackProps StackProps { get; init; }
}

/// <summary>
/// The stateful stack: users, identities and their files. It changes rarely, keeps its data when
/// resources leave it (unless the environment chose DESTROY) and is termination-protected where data
/// is retained.
/// </summary>
public sealed class IdentityStack : Stack
{
    /// <summary>Wires the user directory, app clients, user-files bucket and identity federation.</summary>
    public IdentityStack(Construct scope, string id, EnvironmentSettings settings, IdentityStackProps props)
        : base(scope, id, props.StackProps)
    {
        Directory = new UserDirectory(this, "UserDirectory", PropsFromSettings.UserDirectory(this, settings, props.RemovalPolicy));
        SuppressChosenRisks(Directory.UserPool, settings.UserPool);
        if (settings.Replication is { Enabled: true } replication)
        {
            Replication = new UserPoolReplication(this, "Replication", new UserPoolReplicationProps
            {
                UserPool = Directory.UserPool,
                ReplicaRegion = replication.Region!,
                ExistingKeyArn = replication.ExistingKeyArn,
                IssuerType = Choices.Issuer.NameOf(replication.Issuer),
                CreateReplica = replication.Status != ReplicaStatus.KeyOnly,
                // The domain users reach managed login on: the custom one where there is one.
                FailoverDomain = replication.FailoverHealthCheckId is null ? null : Directory.CustomDomain ?? Directory.Domain,
                FailoverHealthCheckId = replication.FailoverHealthCheckId,
                ParameterPrefix = ReplicaStack.ParameterPrefix(settings),
                RemovalPolicy = props.RemovalPolicy,
                LogExport = true,
            });
        }

        var providers = new ExternalProviders(this, "IdentityProviders", PropsFromSettings.ExternalProviders(Directory.UserPool, settings.IdentityProviders));
        Clients = new AppClients(this, "AppClients", new AppClientsProps
        {
            Directory = Directory,
            CallbackUrls = settings.Clients.CallbackUrls,
            LogoutUrls = settings.Clients.LogoutUrls,
            AccessTokenValidity = Duration.Minutes(settings.Clients.AccessTokenValidityMinutes),
            IdTokenValidity = Duration.Minutes(settings.Clients.IdTokenValidityMinutes),
            RefreshTokenValidity = Duration.Days(settings.Clients.RefreshTokenValidityDays),
            IdentityProviders = providers,
            SmokeTestClient = settings.Clients.SmokeTestClient,
            WebClientChoiceBasedSignIn = settings.UserPool.Passwordless,
            WebClientSelfServiceScope = settings.UserPool.SignInFactors.Contains(SignInFactor.WebAuthn),
            WebClientRefreshTokenRotationGrace = settings.Clients.RefreshTokenRotation.Enabled
                ? Duration.Seconds(settings.Clients.RefreshTokenRotation.RetryGracePeriodSeconds)
                : null,
            WebClientAttributes = PropsFromSettings.ClientAttributes(settings.Clients.Web),
            ConfidentialClientAttributes = PropsFromSettings.ClientAttributes(settings.Clients.Confidential),
            Agent = settings.Clients.Agent is { } agent
                ? new AgentClientOptions { Scopes = [.. agent.Scopes.Select(name => Directory.Scopes[name])], Impersonation = agent.Impersonation }
                : null,
        });
        if (settings.HostedUi.Style == HostedUiStyle.ManagedLogin)
        {
            LoginStyles = new ManagedLoginStyles(this, "ManagedLogin", SignInOptions.Styles(settings.HostedUi, Directory, Clients));
        }

        if (settings.Terms is { } terms)
        {
            Terms = new TermsDocuments(this, "Terms", ProtectionOptions.Terms(terms, Directory.UserPool, Clients));
        }

        if (settings.UserPool.RiskActions is { } risk)
        {
            ThreatResponses = new ThreatResponses(this, "ThreatResponses",
                ProtectionOptions.ThreatResponses(this, risk, settings.Email, Directory.UserPool));
        }
        Triggers = new TriggerFunctions(this, "Triggers", new TriggerFunctionsProps
        {
            UserPool = Directory.UserPool,
            PreTokenGeneration = settings.Triggers.PreTokenGeneration,
            PostConfirmation = settings.Triggers.PostConfirmation,
            MachineTokenClaims = settings.Triggers.MachineTokenClaims,
            SnapStart = settings.Triggers.SnapStart,
            NativeAot = settings.Triggers.Publish == LambdaPublish.NativeAot,
            Code = props.TriggersCode,
            AdminGroup = GroupNames.Admin,
            DefaultGroup = GroupNames.Users,
            LogRetention = LogRetentionPeriods.FromDays(settings.LogRetentionDays),
            LogRemovalPolicy = props.RemovalPolicy,
            LogEncryptionKey = new LogEncryptionKey(this, "LogKey", new LogEncryptionKeyProps { RemovalPolicy = props.RemovalPolicy }).Key,
            MigrationSource = settings.Migration is { } migration
                ? new UserMigrationSource { UserPoolId = migration.OldUserPoolId, ClientId = migration.OldClientId, Region = migration.OldRegion }
                : null,
            AllowedEmailDomains = settings.Triggers.PreSignUp?.AllowedEmailDomains,
            MessageLocales = settings.Triggers.CustomMessage?.Locales,
            ClaimMappingsJson = settings.Triggers.InboundFederation is { } federation
                ? TriggerSettingsReader.ClaimMappingsJson(TriggerSettingsReader.EffectiveMappings(federation, settings.IdentityProviders))
                : null,
        });
        UserFiles = new UserFilesBucket(this, "UserFiles", new UserFilesBucketProps
        {
            AllowedOrigins = settings.WebOrigins,
            RemovalPolicy = props.RemovalPolicy,
        });
        Federation = new IdentityFederation(this, "IdentityFederation", new IdentityFederationProps
        {
            UserPool = Directory.UserPool,
            Clients = Clients.UserClients,
            UserFiles = UserFiles.Bucket,
            AllowGuests = settings.IdentityPool.AllowGuests,
            RemovalPolicy = props.RemovalPolicy,
            PrincipalTags = settings.IdentityPool.PrincipalTags,
            TenantTag = ProtectionOptions.TenantTag(settings.IdentityPool),
        });
        Directory.AssignGroupRole(GroupNames.Admin, Federation.AdminRole);
        if (settings.Waf.Enabled)
        {
            // The pool's own ACL lives beside it: deleting or failing the stateless Api stack never
            // leaves the Hosted UI and the Cognito API unprotected.
            UserPoolWebAcl = new WebAcl(this, "UserPoolWebAcl", new WebAclProps
            {
                Target = WebAclTarget.UserPool,
                MetricNamePrefix = $"CognitoStack-{settings.Name}",
                ResourceArn = Directory.UserPool.UserPoolArn,
                RateLimitPer5Minutes = settings.Waf.RateLimitPer5Minutes,
            });
        }
        LogExport = new UserPoolLogExport(this, "UserPoolLogs", new UserPoolLogExportProps
        {
            UserPool = Directory.UserPool,
            ExportUserAuthEvents = settings.UserPool.FeaturePlan == FeaturePlan.Plus
                && settings.UserPool.ThreatProtection != ThreatProtectionMode.Off,
            Retention = LogRetentionPeriods.FromDays(settings.LogRetentionDays),
            RemovalPolicy = props.RemovalPolicy,
        });

        if (settings.Authorization.Mode == AuthorizationMode.VerifiedPermissions)
        {
            Authorization = new AuthorizationPolicies(this, "Authorization", new AuthorizationPoliciesProps
            {
                Schema = settings.Authorization.Schema,
                Policies = settings.Authorization.Policies,
                UserPool = Directory.UserPool,
                Clients = Clients.UserClients,
                ResourceServerIdentifier = settings.ResourceServer.Identifier,
                DeletionProtection = props.RemovalPolicy == RemovalPolicy.RETAIN,
            });
        }

        AddOutputs();
    }

    /// <summary>The Verified Permissions policy store; null unless <c>authorization.mode</c> is <c>verifiedPermissions</c>.</summary>
    public AuthorizationPolicies? Authorization { get; }

    /// <summary>The user directory (pool, groups, resource server, domain).</summary>
    public UserDirectory Directory { get; }

    /// <summary>The user pool's key, issuer and replica; null unless <c>replication.enabled</c>.</summary>
    public UserPoolReplication? Replication { get; }

    /// <summary>The app clients.</summary>
    public AppClients Clients { get; }

    /// <summary>Managed login styles of the user clients; null with the classic Hosted UI.</summary>
    public ManagedLoginStyles? LoginStyles { get; }

    /// <summary>Terms documents of the user clients; null without a <c>terms</c> section.</summary>
    public TermsDocuments? Terms { get; }

    /// <summary>What threat protection does at each risk; null without <c>userPool.riskActions</c>.</summary>
    public ThreatResponses? ThreatResponses { get; }

    /// <summary>The user pool's Lambda triggers.</summary>
    public TriggerFunctions Triggers { get; }

    /// <summary>The user-files bucket.</summary>
    public UserFilesBucket UserFiles { get; }

    /// <summary>The user pool's exported logs (message delivery, user activity).</summary>
    public UserPoolLogExport LogExport { get; }

    /// <summary>The identity pool and its roles.</summary>
    public IdentityFederation Federation { get; }

    /// <summary>The user pool's web ACL; null where the environment chose <c>waf.enabled false</c>.</summary>
    public WebAcl? UserPoolWebAcl { get; }

    private void AddOutputs()
    {
        Output("UserPoolId", Directory.UserPool.UserPoolId, "User pool id");
        Output("UserPoolArn", Directory.UserPool.UserPoolArn, "User pool ARN");
        Output("WebClientId", Clients.WebClient.UserPoolClientId, "Public web/mobile client id (code flow with PKCE, no secret)");
        Output("ConfidentialClientId", Clients.ConfidentialClient.UserPoolClientId, "Server-side client id; read its secret with aws cognito-idp describe-user-pool-client");
        Output("MachineClientId", Clients.MachineClient.UserPoolClientId, "Machine-to-machine client id (client_credentials)");
        if (Clients.AgentClient is { } agentClient)
        {
            Output("AgentClientId", agentClient.UserPoolClientId, "Agent client id (token exchange: GetDerivedToken with an actor token)");
        }
        if (Clients.SmokeTestClient is { } smoke)
        {
            Output("SmokeTestClientId", smoke.UserPoolClientId, "Client scripts/smoke-test.sh signs in with (clients.smokeTestClient)");
        }

        Output("HostedUiUrl", Directory.Domain.BaseUrl(), "Hosted UI base URL");
        Output("IdentityPoolId", Federation.IdentityPool.Ref, "Identity pool id");
        Output("UserFilesBucketName", UserFiles.Bucket.BucketName, "User-files bucket name");
        Output("Region", Region, "Region of the stack");
        if (Directory.CustomDomain is { } custom)
        {
            Output("CustomDomainUrl", custom.BaseUrl(), "Hosted UI on the custom domain");
            // The attribute, not the L2's CloudFrontDomainName, which adds a custom resource to look it up.
            Output("CustomDomainCloudFrontTarget", ((CfnUserPoolDomain)custom.Node.DefaultChild!).AttrCloudFrontDistribution,
                "Point an alias (A/AAAA) or CNAME record of the custom domain at this CloudFront name");
        }
    }

    /// <summary>Risks this environment chose in cdk.json, with the choice as the reason, next to the pool.</summary>
    private static void SuppressChosenRisks(UserPool pool, UserPoolSettings settings)
    {
        if (settings.FeaturePlan != FeaturePlan.Plus)
        {
            NagSuppressions.Add(pool, "AwsSolutions-COG8",
                $"This environment chose featurePlan {Choices.FeaturePlan.NameOf(settings.FeaturePlan)} in cdk.json to avoid Plus pricing; prod runs PLUS with threat protection ENFORCED.");
        }

        if (settings.Mfa != MfaMode.Required)
        {
            NagSuppressions.Add(pool, "AwsSolutions-COG2",
                $"This environment chose mfa {Choices.Mfa.NameOf(settings.Mfa)} in cdk.json; prod requires TOTP MFA.");
        }
    }

    private void Output(string id, string value, string description) =>
        new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });
}
