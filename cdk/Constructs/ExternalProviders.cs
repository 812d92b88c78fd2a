using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using CognitoStack.Cdk.Configuration;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="ExternalProviders"/>.</summary>
public sealed record ExternalProvidersProps
{
    /// <summary>The user pool the providers federate into.</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>Which providers to declare.</summary>
    public required IdentityProviderSettings Settings { get; init; }
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
        var settings = props.Settings;
        if (settings.Google is { } google)
        {
            Add(new UserPoolIdentityProviderGoogle(this, "Google", new UserPoolIdentityProviderGoogleProps
            {
                UserPool = props.UserPool,
                ClientId = google.ClientId,
                ClientSecretValue = Secret(google.ClientSecret),
                Scopes = ["openid", "email", "profile"],
                AttributeMapping = new AttributeMapping { Email = ProviderAttribute.GOOGLE_EMAIL, Fullname = ProviderAttribute.GOOGLE_NAME },
            }), UserPoolClientIdentityProvider.GOOGLE);
        }

        foreach (var oidc in settings.Oidc)
        {
            // The provider name is the provider's identity (renaming replaces it), so its construct ID follows it.
            Add(new UserPoolIdentityProviderOidc(this, $"Oidc-{oidc.Name}", new UserPoolIdentityProviderOidcProps
            {
                UserPool = props.UserPool,
                Name = oidc.Name,
                ClientId = oidc.ClientId,
                ClientSecret = Secret(oidc.ClientSecret).UnsafeUnwrap(),
                IssuerUrl = oidc.IssuerUrl,
                Scopes = [.. oidc.Scopes],
                AttributeRequestMethod = OidcAttributeRequestMethod.GET,
                AttributeMapping = new AttributeMapping { Email = ProviderAttribute.Other("email"), Fullname = ProviderAttribute.Other("name") },
            }), UserPoolClientIdentityProvider.Custom(oidc.Name));
        }

        foreach (var saml in settings.Saml)
        {
            Add(new UserPoolIdentityProviderSaml(this, $"Saml-{saml.Name}", new UserPoolIdentityProviderSamlProps
            {
                UserPool = props.UserPool,
                Name = saml.Name,
                Metadata = saml.MetadataUrl is { } url
                    ? UserPoolIdentityProviderSamlMetadata.Url(url)
                    : UserPoolIdentityProviderSamlMetadata.File(saml.MetadataDocument!),
                AttributeMapping = new AttributeMapping
                {
                    Email = ProviderAttribute.Other(saml.EmailAttribute),
                    Fullname = ProviderAttribute.Other(saml.NameAttribute),
                },
            }), UserPoolClientIdentityProvider.Custom(saml.Name));
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

    /// <summary>A <c>{{resolve:secretsmanager:…}}</c> dynamic reference; the secret never enters the template.</summary>
    private static SecretValue Secret(SecretReference reference) =>
        SecretValue.SecretsManager(reference.SecretId, new SecretsManagerSecretOptions { JsonField = reference.JsonField });
}
