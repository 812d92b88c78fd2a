using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="ExternalProviders"/>.</summary>
public sealed record ExternalProvidersProps
{
    /// <summary>The user pool the providers federate into.</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>Sign in with Google. Left out: none.</summary>
    public GoogleProvider? Google { get; init; }

    /// <summary>OpenID Connect providers. Left out: none.</summary>
    public IReadOnlyList<OidcProvider> Oidc { get; init; } = [];

    /// <summary>SAML providers. Left out: none.</summary>
    public IReadOnlyList<SamlProvider> Saml { get; init; } = [];
}

/// <summary>Sign in with Google.</summary>
public sealed record GoogleProvider
{
    /// <summary>The OAuth client id from the Google Cloud console.</summary>
    public required string ClientId { get; init; }

    /// <summary>The OAuth client secret: a dynamic reference, never a literal.</summary>
    public required SecretValue ClientSecret { get; init; }
}

/// <summary>A generic OpenID Connect provider.</summary>
public sealed record OidcProvider
{
    /// <summary>Provider name shown in the Hosted UI; also its identity (renaming replaces it).</summary>
    public required string Name { get; init; }

    /// <summary>The OAuth client id at the provider.</summary>
    public required string ClientId { get; init; }

    /// <summary>The OAuth client secret: a dynamic reference, never a literal.</summary>
    public required SecretValue ClientSecret { get; init; }

    /// <summary>The issuer URL (https).</summary>
    public required string IssuerUrl { get; init; }

    /// <summary>Scopes to request.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>The provider's <c>acr</c> value per Cognito level (<c>Level1</c> to <c>Level4</c>). Left out: no mapping.</summary>
    public IReadOnlyDictionary<string, string> AcrMapping { get; init; } = new Dictionary<string, string>();
}

/// <summary>A SAML 2.0 provider.</summary>
public sealed record SamlProvider
{
    /// <summary>Provider name shown in the Hosted UI; also its identity (renaming replaces it).</summary>
    public required string Name { get; init; }

    /// <summary>The IdP's metadata, by URL or as a document.</summary>
    public required UserPoolIdentityProviderSamlMetadata Metadata { get; init; }

    /// <summary>The SAML attribute holding the email address.</summary>
    public required string EmailAttribute { get; init; }

    /// <summary>The SAML attribute holding the display name.</summary>
    public required string NameAttribute { get; init; }
}

/// <summary>
/// External identity providers (Google, OpenID Connect, SAML) with email and name mapped onto the user
/// pool's attributes. Client secrets are CloudFormation dynamic references to Secrets Manager, never
/// literals in the template.
/// </summary>
public sealed class ExternalProviders : Construct
{
    private readonly List<IDependable> _resources = [];
    private readonly List<UserPoolClientIdentityProvider> _clientProviders = [];

    /// <summary>Declares the configured providers; with none configured it declares nothing.</summary>
    public ExternalProviders(Construct scope, string id, ExternalProvidersProps props)
        : base(scope, id)
    {
        if (props.Google is { } google)
        {
            Add(new UserPoolIdentityProviderGoogle(this, "Google", new UserPoolIdentityProviderGoogleProps
            {
                UserPool = props.UserPool,
                ClientId = google.ClientId,
                ClientSecretValue = google.ClientSecret,
                Scopes = ["openid", "email", "profile"],
                AttributeMapping = new AttributeMapping { Email = ProviderAttribute.GOOGLE_EMAIL, Fullname = ProviderAttribute.GOOGLE_NAME },
            }), UserPoolClientIdentityProvider.GOOGLE);
        }

        foreach (var oidc in props.Oidc)
        {
            // The provider name is the provider's identity (renaming replaces it), so its construct ID follows it.
            var provider = new UserPoolIdentityProviderOidc(this, $"Oidc-{oidc.Name}", new UserPoolIdentityProviderOidcProps
            {
                UserPool = props.UserPool,
                Name = oidc.Name,
                ClientId = oidc.ClientId,
                ClientSecret = oidc.ClientSecret.UnsafeUnwrap(),
                IssuerUrl = oidc.IssuerUrl,
                Scopes = [.. oidc.Scopes],
                AttributeRequestMethod = OidcAttributeRequestMethod.GET,
                AttributeMapping = new AttributeMapping { Email = ProviderAttribute.Other("email"), Fullname = ProviderAttribute.Other("name") },
            });
            MapAcr(provider, oidc.AcrMapping);
            Add(provider, UserPoolClientIdentityProvider.Custom(oidc.Name));
        }

        foreach (var saml in props.Saml)
        {
            Add(new UserPoolIdentityProviderSaml(this, $"Saml-{saml.Name}", new UserPoolIdentityProviderSamlProps
            {
                UserPool = props.UserPool,
                Name = saml.Name,
                Metadata = saml.Metadata,
                AttributeMapping = new AttributeMapping
                {
                    Email = ProviderAttribute.Other(saml.EmailAttribute),
                    Fullname = ProviderAttribute.Other(saml.NameAttribute),
                },
            }), UserPoolClientIdentityProvider.Custom(saml.Name));
        }
    }

    /// <summary>
    /// <c>AcrMapping</c> (step-up, October 2026): which of the provider's <c>acr</c> values reaches each Cognito level, so a
    /// federated user meets <c>api.stepUp</c> rules. aws-cdk-lib 2.160 and the pinned registry spec (0.1.216) predate it:
    /// a property override, its shape from the API's <c>IdentityProviderType.AcrMapping</c> (keys <c>Level1</c> to
    /// <c>Level4</c>), listed as a documented exception of the registry gate (tools/registry/README.md).
    /// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-step-up-authentication.html
    /// </summary>
    private static void MapAcr(UserPoolIdentityProviderOidc provider, IReadOnlyDictionary<string, string> mapping)
    {
        if (mapping.Count > 0)
        {
            ((CfnUserPoolIdentityProvider)provider.Node.DefaultChild!).AddPropertyOverride("AcrMapping",
                mapping.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => (object)e.Value));
        }
    }

    /// <summary>What the app clients list in SupportedIdentityProviders (Cognito itself not included).</summary>
    public IReadOnlyList<UserPoolClientIdentityProvider> ClientProviders => _clientProviders;

    /// <summary>The provider resources, for clients to depend on (a client naming a provider that does not exist yet fails to deploy).</summary>
    public IReadOnlyList<IDependable> Resources => _resources;

    private void Add(IDependable resource, UserPoolClientIdentityProvider clientProvider)
    {
        _resources.Add(resource);
        _clientProviders.Add(clientProvider);
    }
}
