using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using CognitoStack.Cdk.Configuration;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="AppClients"/>.</summary>
public sealed record AppClientsProps
{
    /// <summary>The directory the clients belong to.</summary>
    public required UserDirectory Directory { get; init; }

    /// <summary>Redirect URLs and token validities.</summary>
    public required ClientSettings Settings { get; init; }

    /// <summary>External providers the web and confidential clients offer besides Cognito's own sign-in.</summary>
    public required ExternalProviders IdentityProviders { get; init; }
}

/// <summary>
/// The three app clients: a public web client (code flow with PKCE, no secret), a confidential client
/// for server-side apps (code flow with a secret) and a machine-to-machine client (client_credentials,
/// custom scopes only). All prevent user-existence errors and allow token revocation.
/// </summary>
public sealed class AppClients : Construct
{
    /// <summary>Creates the clients.</summary>
    public AppClients(Construct scope, string id, AppClientsProps props)
        : base(scope, id)
    {
        var directory = props.Directory;
        OAuthScope[] userScopes =
            [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE, .. directory.Scopes.Values];

        UserPoolClientIdentityProvider[] providers = [UserPoolClientIdentityProvider.COGNITO, .. props.IdentityProviders.ClientProviders];
        WebClient = new UserPoolClient(this, "WebClient", UserClientProps(directory.UserPool, props.Settings, userScopes, providers,
            generateSecret: false, new AuthFlow { UserSrp = true }));
        ConfidentialClient = new UserPoolClient(this, "ConfidentialClient", UserClientProps(directory.UserPool, props.Settings, userScopes, providers,
            generateSecret: true, new AuthFlow { UserSrp = true, AdminUserPassword = true }));

        // A client that names a provider before the provider exists fails to deploy.
        foreach (var provider in props.IdentityProviders.Resources)
        {
            WebClient.Node.AddDependency(provider);
            ConfidentialClient.Node.AddDependency(provider);
        }

        MachineClient = CreateMachineClient(directory, props.Settings);
    }

    /// <summary>The public client for browser and mobile apps.</summary>
    public UserPoolClient WebClient { get; }

    /// <summary>The server-side client with a secret.</summary>
    public UserPoolClient ConfidentialClient { get; }

    /// <summary>The machine-to-machine client.</summary>
    public UserPoolClient MachineClient { get; }

    /// <summary>The clients whose users federate into the identity pool.</summary>
    public IReadOnlyList<IUserPoolClient> UserClients => [WebClient, ConfidentialClient];

    private static UserPoolClientProps UserClientProps(
        IUserPool userPool, ClientSettings settings, OAuthScope[] scopes, UserPoolClientIdentityProvider[] providers, bool generateSecret, AuthFlow authFlows) => new()
        {
            UserPool = userPool,
            GenerateSecret = generateSecret,
            AuthFlows = authFlows,
            OAuth = new OAuthSettings
            {
                Flows = new OAuthFlows { AuthorizationCodeGrant = true },
                Scopes = scopes,
                CallbackUrls = [.. settings.CallbackUrls],
                LogoutUrls = [.. settings.LogoutUrls],
            },
            SupportedIdentityProviders = providers,
            PreventUserExistenceErrors = true,
            EnableTokenRevocation = true,
            AccessTokenValidity = Duration.Minutes(settings.AccessTokenValidityMinutes),
            IdTokenValidity = Duration.Minutes(settings.IdTokenValidityMinutes),
            RefreshTokenValidity = Duration.Days(settings.RefreshTokenValidityDays),
        };

    private UserPoolClient CreateMachineClient(UserDirectory directory, ClientSettings settings)
    {
        var client = new UserPoolClient(this, "MachineClient", new UserPoolClientProps
        {
            UserPool = directory.UserPool,
            GenerateSecret = true,
            OAuth = new OAuthSettings
            {
                Flows = new OAuthFlows { ClientCredentials = true },
                Scopes = [.. directory.Scopes.Values],
            },
            // Left out, the CDK would list every identity provider of the pool.
            SupportedIdentityProviders = [UserPoolClientIdentityProvider.COGNITO],
            PreventUserExistenceErrors = true,
            EnableTokenRevocation = true,
            AccessTokenValidity = Duration.Minutes(settings.AccessTokenValidityMinutes),
            IdTokenValidity = Duration.Minutes(settings.IdTokenValidityMinutes),
            RefreshTokenValidity = Duration.Days(settings.RefreshTokenValidityDays),
        });

        // No user sign-in flows: left empty, Cognito would enable SRP and custom auth by default.
        ((CfnUserPoolClient)client.Node.DefaultChild!).ExplicitAuthFlows = ["ALLOW_REFRESH_TOKEN_AUTH"];
        return client;
    }
}
