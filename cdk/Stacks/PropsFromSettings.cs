using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.Cognito;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Constructs;
using Constructs;

namespace CognitoStack.Cdk.Stacks;

/// <summary>
/// Translates validated settings into construct props (CDK types and plain values), so constructs never
/// see a configuration record. Choices map explicitly, never through an enum member's name.
/// </summary>
internal static class PropsFromSettings
{
    /// <summary>
    /// The one place RETAIN vs DESTROY is decided; the user pool, identity pool, buckets and log groups all
    /// receive this policy.
    /// </summary>
    public static RemovalPolicy RemovalPolicy(EnvironmentSettings settings) => settings.RemovalPolicy switch
    {
        StatefulRemovalPolicy.Retain => Amazon.CDK.RemovalPolicy.RETAIN,
        StatefulRemovalPolicy.Destroy => Amazon.CDK.RemovalPolicy.DESTROY,
        var other => throw new ArgumentOutOfRangeException(nameof(settings), other, "no removal policy"),
    };

    /// <summary>The CDK's MFA setting for <paramref name="mode"/>.</summary>
    public static Mfa Mfa(MfaMode mode) => mode switch
    {
        MfaMode.Off => Amazon.CDK.AWS.Cognito.Mfa.OFF,
        MfaMode.Optional => Amazon.CDK.AWS.Cognito.Mfa.OPTIONAL,
        MfaMode.Required => Amazon.CDK.AWS.Cognito.Mfa.REQUIRED,
        var other => throw new ArgumentOutOfRangeException(nameof(mode), other, "no MFA setting"),
    };

    /// <summary>The CDK's advanced security mode for <paramref name="mode"/>.</summary>
    public static AdvancedSecurityMode ThreatProtection(ThreatProtectionMode mode) => mode switch
    {
        ThreatProtectionMode.Off => AdvancedSecurityMode.OFF,
        ThreatProtectionMode.Audit => AdvancedSecurityMode.AUDIT,
        ThreatProtectionMode.Enforced => AdvancedSecurityMode.ENFORCED,
        var other => throw new ArgumentOutOfRangeException(nameof(mode), other, "no advanced security mode"),
    };

    /// <summary>The user directory of <paramref name="settings"/>; the certificate is imported into <paramref name="scope"/>.</summary>
    public static UserDirectoryProps UserDirectory(Construct scope, EnvironmentSettings settings, RemovalPolicy removalPolicy)
    {
        var pool = settings.UserPool;
        return new UserDirectoryProps
        {
            SelfSignUp = pool.SelfSignUp,
            Mfa = Mfa(pool.Mfa),
            // The config spelling is CloudFormation's UserPoolTier spelling (see Choices.FeaturePlan).
            FeaturePlan = Choices.FeaturePlan.NameOf(pool.FeaturePlan),
            ThreatProtection = ThreatProtection(pool.ThreatProtection),
            DeletionProtection = pool.DeletionProtection,
            PasswordMinimumLength = pool.PasswordMinimumLength,
            TemporaryPasswordValidity = Duration.Days(pool.TemporaryPasswordValidityDays),
            Groups = [.. pool.Groups.Select(g => new UserGroup { Name = g.Name, Precedence = g.Precedence, Description = g.Description })],
            DomainPrefix = settings.Domain.Prefix,
            CustomDomain = settings.Domain.CustomDomain is { } custom
                ? new CustomDomainOptions
                {
                    DomainName = custom.DomainName,
                    Certificate = Certificate.FromCertificateArn(scope, "CustomDomainCertificate", custom.CertificateArn),
                }
                : null,
            CustomDomainSecurityPolicy = Choices.TlsPolicy.NameOf(settings.Domain.CustomDomain?.SecurityPolicy ?? TlsPolicy.Tls12),
            ResourceServerIdentifier = settings.ResourceServer.Identifier,
            ResourceServerName = settings.ResourceServer.Name,
            Scopes = [.. settings.ResourceServer.Scopes.Select(s =>
                new ResourceServerScope(new ResourceServerScopeProps { ScopeName = s.Name, ScopeDescription = s.Description }))],
            RemovalPolicy = removalPolicy,
            HostedUiCss = settings.HostedUi.Css,
            SignIn = SignInOptions.ForPool(settings, Stack.Of(scope).Region),
            ManagedLoginVersion = SignInOptions.ManagedLoginVersion(settings.HostedUi),
            Email = DirectoryEmail.Sender(Stack.Of(scope), settings.Email),
            UserVerification = DirectoryEmail.Verification(settings.Email),
            UserInvitation = DirectoryEmail.Invitation(settings.Email),
            CustomAttributes = pool.CustomAttributes.ToDictionary(a => a.Name, CustomAttribute, StringComparer.Ordinal),
        };
    }

    /// <summary>The CDK's custom attribute for one setting; its type maps explicitly.</summary>
    public static ICustomAttribute CustomAttribute(CustomAttributeSettings a) => a.Type switch
    {
        CustomAttributeType.Text => new StringAttribute(new StringAttributeProps { Mutable = a.Mutable, MinLen = a.MinLength, MaxLen = a.MaxLength }),
        CustomAttributeType.WholeNumber => new NumberAttribute(new NumberAttributeProps { Mutable = a.Mutable, Min = a.MinValue, Max = a.MaxValue }),
        CustomAttributeType.TrueFalse => new BooleanAttribute(new CustomAttributeProps { Mutable = a.Mutable }),
        CustomAttributeType.DateTime => new DateTimeAttribute(new CustomAttributeProps { Mutable = a.Mutable }),
        var other => throw new ArgumentOutOfRangeException(nameof(a), other, "no custom attribute type"),
    };

    /// <summary>One client's attribute lists.</summary>
    public static ClientAttributeAccess ClientAttributes(ClientAttributeSettings settings) =>
        new() { Read = settings.ReadAttributes, Write = settings.WriteAttributes };

    /// <summary>The external identity providers of <paramref name="settings"/>.</summary>
    public static ExternalProvidersProps ExternalProviders(IUserPool userPool, IdentityProviderSettings settings) => new()
    {
        UserPool = userPool,
        Google = settings.Google is { } google
            ? new GoogleProvider { ClientId = google.ClientId, ClientSecret = Secret(google.ClientSecret) }
            : null,
        Oidc = [.. settings.Oidc.Select(o => new OidcProvider
        {
            Name = o.Name,
            ClientId = o.ClientId,
            ClientSecret = Secret(o.ClientSecret),
            IssuerUrl = o.IssuerUrl,
            Scopes = o.Scopes,
        })],
        Saml = [.. settings.Saml.Select(s => new SamlProvider
        {
            Name = s.Name,
            Metadata = s.MetadataUrl is { } url
                ? UserPoolIdentityProviderSamlMetadata.Url(url)
                : UserPoolIdentityProviderSamlMetadata.File(s.MetadataDocument!),
            EmailAttribute = s.EmailAttribute,
            NameAttribute = s.NameAttribute,
        })],
    };

    /// <summary>A <c>{{resolve:secretsmanager:…}}</c> dynamic reference; the secret never enters the template.</summary>
    private static SecretValue Secret(SecretReference reference) =>
        SecretValue.SecretsManager(reference.SecretId, new SecretsManagerSecretOptions { JsonField = reference.JsonField });
}
