using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="AppClients"/>.</summary>
public sealed record AppClientsProps
{
    /// <summary>The directory the clients belong to.</summary>
    public required UserDirectory Directory { get; init; }

    /// <summary>Where the Hosted UI may send users after sign-in (web and confidential clients).</summary>
    public required IReadOnlyList<string> CallbackUrls { get; init; }

    /// <summary>Where the Hosted UI may send users after sign-out (web and confidential clients).</summary>
    public required IReadOnlyList<string> LogoutUrls { get; init; }

    /// <summary>Access token validity of every client.</summary>
    public required Duration AccessTokenValidity { get; init; }

    /// <summary>ID token validity of every client.</summary>
    public required Duration IdTokenValidity { get; init; }

    /// <summary>Refresh token validity of every client.</summary>
    public required Duration RefreshTokenValidity { get; init; }

    /// <summary>External providers the web and confidential clients offer besides Cognito's own sign-in.</summary>
    public required ExternalProviders IdentityProviders { get; init; }

    /// <summary>Adds the client scripts/smoke-test.sh signs in with. Default false: no such client.</summary>
    public bool SmokeTestClient { get; init; }

    /// <summary>Whether the web client may start choice-based sign-in (<c>ALLOW_USER_AUTH</c>: passkeys, email codes).</summary>
    public required bool WebClientChoiceBasedSignIn { get; init; }

    /// <summary>
    /// Whether the web client may ask for <c>aws.cognito.signin.user.admin</c>: StartWebAuthnRegistration and
    /// CompleteWebAuthnRegistration accept only an access token with that scope, so an app that lets users
    /// register passkeys in its own UI needs it after a managed login sign-in. Default false: not offered.
    /// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html
    /// </summary>
    public bool WebClientSelfServiceScope { get; init; }

    /// <summary>
    /// Grace period of the web client's refresh-token rotation (the old token stays valid this long for
    /// retries). Null turns rotation off.
    /// </summary>
    public Duration? WebClientRefreshTokenRotationGrace { get; init; }

    /// <summary>Attributes the web client may read and write (standard names and <c>custom:NAME</c>).</summary>
    public required ClientAttributeAccess WebClientAttributes { get; init; }

    /// <summary>Attributes the confidential client may read and write.</summary>
    public required ClientAttributeAccess ConfidentialClientAttributes { get; init; }

    /// <summary>The agent client's token exchange. Null (the default): no agent client.</summary>
    public AgentClientOptions? Agent { get; init; }
}

/// <summary>
/// A confidential client for a service or AI agent that acts for a user through token exchange (RFC 8693,
/// <c>GetDerivedToken</c>): it presents the user's token as subject and its own client-credentials token as actor,
/// and gets a narrowed, audience-bound token with an <c>act</c> claim and no refresh token.
/// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-token-exchange.html
/// </summary>
public sealed record AgentClientOptions
{
    /// <summary>The resource server scopes the client may ask for, for its actor token and for derived tokens.</summary>
    public required IReadOnlyList<OAuthScope> Scopes { get; init; }

    /// <summary>Whether the client may exchange without an actor token (<c>ALLOW_TOKEN_EXCHANGE_IMPERSONATION</c>). Default false.</summary>
    public bool Impersonation { get; init; }
}

/// <summary>
/// The attributes one app client may read (ID tokens, GetUser) and write (SignUp, UpdateUserAttributes with the
/// user's access token): CloudFormation's <c>ReadAttributes</c> and <c>WriteAttributes</c>.
/// </summary>
public sealed record ClientAttributeAccess
{
    /// <summary>Readable attributes.</summary>
    public required IReadOnlyList<string> Read { get; init; }

    /// <summary>Writable attributes.</summary>
    public required IReadOnlyList<string> Write { get; init; }

    /// <summary>What the smoke test's client needs: read the address, write nothing.</summary>
    public static ClientAttributeAccess ReadEmailOnly { get; } = new() { Read = ["email", "email_verified"], Write = [] };
}

/// <summary>
/// The app clients: a public web client (code flow with PKCE, no secret), a confidential client for
/// server-side apps (code flow with a secret), a machine-to-machine client (client_credentials, custom
/// scopes only) and, where an environment opts in, the smoke test's client. All prevent user-existence
/// errors and allow token revocation.
/// </summary>
public sealed class AppClients : Construct
{
    /// <summary>Creates the clients.</summary>
    public AppClients(Construct scope, string id, AppClientsProps props)
        : base(scope, id)
    {
        var directory = props.Directory;
        var pool = directory.UserPool;
        var userSignIn = new OAuthSettings
        {
            Flows = new OAuthFlows { AuthorizationCodeGrant = true },
            Scopes = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE, .. directory.Scopes.Values],
            CallbackUrls = [.. props.CallbackUrls],
            LogoutUrls = [.. props.LogoutUrls],
        };
        UserPoolClientIdentityProvider[] userProviders = [UserPoolClientIdentityProvider.COGNITO, .. props.IdentityProviders.ClientProviders];

        var webSignIn = new OAuthSettings
        {
            Flows = userSignIn.Flows,
            Scopes = [.. userSignIn.Scopes!, .. props.WebClientSelfServiceScope ? [OAuthScope.COGNITO_ADMIN] : Array.Empty<OAuthScope>()],
            CallbackUrls = userSignIn.CallbackUrls,
            LogoutUrls = userSignIn.LogoutUrls,
        };
        WebClient = CreateClient("WebClient", pool, props, generateSecret: false,
            new AuthFlow { UserSrp = true }, webSignIn, userProviders);
        ConfigureWebSignIn(WebClient, props.WebClientChoiceBasedSignIn, props.WebClientRefreshTokenRotationGrace);
        LimitAttributes(WebClient, props.WebClientAttributes);
        ConfidentialClient = CreateClient("ConfidentialClient", pool, props, generateSecret: true,
            new AuthFlow { UserSrp = true }, userSignIn, userProviders);
        LimitAttributes(ConfidentialClient, props.ConfidentialClientAttributes);

        // A client that names a provider before the provider exists fails to deploy.
        foreach (var provider in props.IdentityProviders.Resources)
        {
            WebClient.Node.AddDependency(provider);
            ConfidentialClient.Node.AddDependency(provider);
        }

        // Only the API's custom scopes, and only Cognito: left out, the CDK would list every provider of the pool.
        MachineClient = CreateClient("MachineClient", pool, props, generateSecret: true, authFlows: null,
            new OAuthSettings { Flows = new OAuthFlows { ClientCredentials = true }, Scopes = [.. directory.Scopes.Values] },
            [UserPoolClientIdentityProvider.COGNITO]);

        // No user sign-in flows: left empty, Cognito would enable SRP and custom auth by default.
        ((CfnUserPoolClient)MachineClient.Node.DefaultChild!).ExplicitAuthFlows = ["ALLOW_REFRESH_TOKEN_AUTH"];

        if (props.Agent is { } agent)
        {
            AgentClient = CreateAgentClient(pool, props, agent);
        }

        // The smoke test signs in with a password through AdminInitiateAuth, which needs IAM credentials;
        // only this client allows that flow. No OAuth: the smoke test's scoped calls use the machine client.
        if (props.SmokeTestClient)
        {
            SmokeTestClient = CreateClient("SmokeTestClient", pool, props, generateSecret: true,
                new AuthFlow { AdminUserPassword = true }, oauth: null, [UserPoolClientIdentityProvider.COGNITO]);
            LimitAttributes(SmokeTestClient, ClientAttributeAccess.ReadEmailOnly);
        }
    }

    /// <summary>The public client for browser and mobile apps.</summary>
    public UserPoolClient WebClient { get; }

    /// <summary>The server-side client with a secret.</summary>
    public UserPoolClient ConfidentialClient { get; }

    /// <summary>The machine-to-machine client.</summary>
    public UserPoolClient MachineClient { get; }

    /// <summary>The agent client (token exchange); null unless <see cref="AppClientsProps.Agent"/> is set.</summary>
    public UserPoolClient? AgentClient { get; }

    /// <summary>The smoke test's client (ADMIN_USER_PASSWORD_AUTH with a secret); null unless opted in.</summary>
    public UserPoolClient? SmokeTestClient { get; }

    /// <summary>The clients whose users federate into the identity pool.</summary>
    public IReadOnlyList<IUserPoolClient> UserClients =>
        SmokeTestClient is { } smoke ? [WebClient, ConfidentialClient, smoke] : [WebClient, ConfidentialClient];

    /// <summary>
    /// The web client's sign-in flows and refresh-token rotation (aws-cdk-lib 2.160 has neither <c>ALLOW_USER_AUTH</c>
    /// nor rotation). A rotating client must not allow <c>REFRESH_TOKEN_AUTH</c>: it refreshes with
    /// GetTokensFromRefreshToken or the token endpoint only.
    /// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
    /// </summary>
    private static CfnUserPoolClient ConfigureWebSignIn(UserPoolClient client, bool choiceBased, Duration? rotationGrace)
    {
        var cfn = (CfnUserPoolClient)client.Node.DefaultChild!;
        string[] choice = choiceBased ? ["ALLOW_USER_AUTH"] : [];
        string[] refresh = rotationGrace is null ? ["ALLOW_REFRESH_TOKEN_AUTH"] : [];
        cfn.ExplicitAuthFlows = ["ALLOW_USER_SRP_AUTH", .. choice, .. refresh];
        cfn.AddPropertyOverride("RefreshTokenRotation", rotationGrace is null
            ? new Dictionary<string, object> { ["Feature"] = "DISABLED" }
            : new Dictionary<string, object> { ["Feature"] = "ENABLED", ["RetryGracePeriodSeconds"] = rotationGrace.ToSeconds() });
        return cfn;
    }

    /// <summary>
    /// The agent client: a secret; client_credentials with only the agent's scopes, for its actor token; and the
    /// token-exchange flows as explicit auth flows, delegation always (the derived token names the agent in
    /// <c>act</c>), impersonation only when asked for (no <c>act</c>: the API could not tell the agent from the user).
    /// GetDerivedToken fails for a client without the flow its request needs
    /// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDerivedToken.html).
    /// No refresh-token flow: derived tokens come without one, and the actor token is renewed by client_credentials.
    /// </summary>
    private UserPoolClient CreateAgentClient(IUserPool pool, AppClientsProps props, AgentClientOptions agent)
    {
        var client = CreateClient("AgentClient", pool, props, generateSecret: true, authFlows: null,
            new OAuthSettings { Flows = new OAuthFlows { ClientCredentials = true }, Scopes = [.. agent.Scopes] },
            [UserPoolClientIdentityProvider.COGNITO]);
        string[] impersonation = agent.Impersonation ? [TokenExchangeImpersonation] : [];
        ((CfnUserPoolClient)client.Node.DefaultChild!).ExplicitAuthFlows = [TokenExchangeDelegation, .. impersonation];
        return client;
    }

    /// <summary>The explicit auth flow that lets a client exchange tokens with an actor token (delegation).</summary>
    public const string TokenExchangeDelegation = "ALLOW_TOKEN_EXCHANGE_DELEGATION";

    /// <summary>The explicit auth flow that lets a client exchange tokens without an actor token (impersonation).</summary>
    public const string TokenExchangeImpersonation = "ALLOW_TOKEN_EXCHANGE_IMPERSONATION";

    /// <summary>
    /// Sets the client's attribute lists (sorted, so templates stay stable). Left unset, Cognito lets a client read
    /// and write every standard attribute and write no custom one by default: the lists make the choice explicit.
    /// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html
    /// </summary>
    private static void LimitAttributes(UserPoolClient client, ClientAttributeAccess access)
    {
        var cfn = (CfnUserPoolClient)client.Node.DefaultChild!;
        cfn.ReadAttributes = [.. access.Read.Order(StringComparer.Ordinal)];
        cfn.WriteAttributes = [.. access.Write.Order(StringComparer.Ordinal)];
    }

    /// <summary>A client with what every client here shares: no user-existence errors, revocable tokens, explicit validities. OAuth null: none.</summary>
    private UserPoolClient CreateClient(string id, IUserPool pool, AppClientsProps props, bool generateSecret,
        AuthFlow? authFlows, OAuthSettings? oauth, UserPoolClientIdentityProvider[] providers) =>
        new(this, id, new UserPoolClientProps
        {
            UserPool = pool,
            GenerateSecret = generateSecret,
            AuthFlows = authFlows,
            OAuth = oauth,
            DisableOAuth = oauth is null,
            SupportedIdentityProviders = providers,
            PreventUserExistenceErrors = true,
            EnableTokenRevocation = true,
            AccessTokenValidity = props.AccessTokenValidity,
            IdTokenValidity = props.IdTokenValidity,
            RefreshTokenValidity = props.RefreshTokenValidity,
        });
}
