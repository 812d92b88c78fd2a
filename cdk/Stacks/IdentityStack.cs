using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.Lambda;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Constructs;
using Constructs;

namespace CognitoStack.Cdk.Stacks;

/// <summary>
/// The stateful stack: users, identities and their files. It changes rarely, keeps its data when
/// resources leave it (unless the environment chose DESTROY) and is termination-protected where data
/// is retained.
/// </summary>
public sealed class IdentityStack : Stack
{
    /// <summary>Wires the user directory, app clients, user-files bucket and identity federation.</summary>
    public IdentityStack(Construct scope, string id, EnvironmentSettings settings, Code triggersCode, IStackProps props)
        : base(scope, id, props)
    {
        Directory = new UserDirectory(this, "UserDirectory", new UserDirectoryProps
        {
            UserPool = settings.UserPool,
            Domain = settings.Domain,
            ResourceServer = settings.ResourceServer,
            RetainData = settings.RetainsData,
            HostedUi = settings.HostedUi,
            SignIn = SignInOptions.ForPool(settings, Region),
            ManagedLoginVersion = SignInOptions.ManagedLoginVersion(settings.HostedUi),
        });
        var providers = new ExternalProviders(this, "IdentityProviders", new ExternalProvidersProps
        {
            UserPool = Directory.UserPool,
            Settings = settings.IdentityProviders,
        });
        Clients = new AppClients(this, "AppClients", new AppClientsProps
        {
            Directory = Directory,
            Settings = settings.Clients,
            IdentityProviders = providers,
            WebClientChoiceBasedSignIn = settings.UserPool.Passwordless,
            WebClientRefreshTokenRotationGrace = settings.Clients.RefreshTokenRotation.Enabled
                ? Duration.Seconds(settings.Clients.RefreshTokenRotation.RetryGracePeriodSeconds)
                : null,
        });
        if (settings.HostedUi.Style == HostedUiStyle.ManagedLogin)
        {
            LoginStyles = new ManagedLoginStyles(this, "ManagedLogin", new ManagedLoginStylesProps
            {
                UserPool = Directory.UserPool,
                Clients = new Dictionary<string, IUserPoolClient>
                {
                    ["WebClient"] = Clients.WebClient,
                    ["ConfidentialClient"] = Clients.ConfidentialClient,
                },
                Settings = settings.HostedUi.Branding,
                Images = [.. settings.HostedUi.Assets.Select(a => new ManagedLoginImage(a.Category, a.ColorMode, a.Extension, a.Base64))],
                Domains = [Directory.Domain, .. new[] { Directory.CustomDomain }.OfType<UserPoolDomain>()],
            });
        }
        Triggers = new TriggerFunctions(this, "Triggers", new TriggerFunctionsProps
        {
            UserPool = Directory.UserPool,
            Settings = settings.Triggers,
            Code = triggersCode,
            AdminGroup = SettingsLoader.AdminGroup,
            DefaultGroup = SettingsLoader.UsersGroup,
            LogRetention = LogRetention.FromDays(settings.LogRetentionDays),
            RetainLogs = settings.RetainsData,
        });
        UserFiles = new UserFilesBucket(this, "UserFiles", new UserFilesBucketProps
        {
            AllowedOrigins = settings.WebOrigins,
            RetainData = settings.RetainsData,
        });
        Federation = new IdentityFederation(this, "IdentityFederation", new IdentityFederationProps
        {
            UserPool = Directory.UserPool,
            Clients = Clients.UserClients,
            UserFiles = UserFiles.Bucket,
            AllowGuests = settings.IdentityPool.AllowGuests,
            RetainData = settings.RetainsData,
        });
        Directory.AssignGroupRole(SettingsLoader.AdminGroup, Federation.AdminRole);

        AddOutputs();
    }

    /// <summary>The user directory (pool, groups, resource server, domain).</summary>
    public UserDirectory Directory { get; }

    /// <summary>The app clients.</summary>
    public AppClients Clients { get; }

    /// <summary>Managed login styles of the user clients; null with the classic Hosted UI.</summary>
    public ManagedLoginStyles? LoginStyles { get; }

    /// <summary>The user pool's Lambda triggers.</summary>
    public TriggerFunctions Triggers { get; }

    /// <summary>The user-files bucket.</summary>
    public UserFilesBucket UserFiles { get; }

    /// <summary>The identity pool and its roles.</summary>
    public IdentityFederation Federation { get; }

    private void AddOutputs()
    {
        Output("UserPoolId", Directory.UserPool.UserPoolId, "User pool id");
        Output("UserPoolArn", Directory.UserPool.UserPoolArn, "User pool ARN");
        Output("WebClientId", Clients.WebClient.UserPoolClientId, "Public web/mobile client id (code flow with PKCE, no secret)");
        Output("ConfidentialClientId", Clients.ConfidentialClient.UserPoolClientId, "Server-side client id; read its secret with aws cognito-idp describe-user-pool-client");
        Output("MachineClientId", Clients.MachineClient.UserPoolClientId, "Machine-to-machine client id (client_credentials)");
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

    private void Output(string id, string value, string description) =>
        new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });
}
