namespace CognitoStack.Cdk.Configuration;

/// <summary>Everything one deployment environment (<c>-c env=NAME</c>) may choose, validated.</summary>
public sealed record EnvironmentSettings
{
    /// <summary>The environment name; part of every stack name.</summary>
    public required string Name { get; init; }

    /// <summary>Target account. Left out: the stacks are environment-agnostic (the CLI's credentials decide).</summary>
    public string? Account { get; init; }

    /// <summary>Target region. Left out: the stacks are environment-agnostic (the CLI's credentials decide).</summary>
    public string? Region { get; init; }

    /// <summary>What happens to the user pool, identity pool, bucket and logs when they leave the stack.</summary>
    public required StatefulRemovalPolicy RemovalPolicy { get; init; }

    /// <summary>Browser origins allowed to call the API and the user-files bucket (CORS).</summary>
    public required IReadOnlyList<string> WebOrigins { get; init; }

    /// <summary>Retention of the API access logs and the function logs, in days.</summary>
    public required int LogRetentionDays { get; init; }

    /// <summary>The user directory.</summary>
    public required UserPoolSettings UserPool { get; init; }

    /// <summary>The Hosted UI domain.</summary>
    public required DomainSettings Domain { get; init; }

    /// <summary>Settings shared by the app clients.</summary>
    public required ClientSettings Clients { get; init; }

    /// <summary>The OAuth resource server that the API's scopes belong to.</summary>
    public required ResourceServerSettings ResourceServer { get; init; }

    /// <summary>The identity pool.</summary>
    public required IdentityPoolSettings IdentityPool { get; init; }

    /// <summary>The REST API.</summary>
    public required ApiSettings Api { get; init; }

    /// <summary>The backend function.</summary>
    public required BackendSettings Backend { get; init; }

    /// <summary>The WAF web ACLs in front of the API stage and the user pool (one each).</summary>
    public required WafSettings Waf { get; init; }

    /// <summary>External identity providers (Google, OpenID Connect, SAML). Left out: none.</summary>
    public required IdentityProviderSettings IdentityProviders { get; init; }

    /// <summary>User pool Lambda triggers.</summary>
    public required TriggerSettings Triggers { get; init; }

    /// <summary>Hosted UI look.</summary>
    public required HostedUiSettings HostedUi { get; init; }

    /// <summary>Alarms, the operations dashboard and where alarms are sent.</summary>
    public required MonitoringSettings Monitoring { get; init; }

    /// <summary>How the user pool sends email (codes, invitations), and the messages it sends.</summary>
    public required EmailSettings Email { get; init; }

    /// <summary>Terms of use and privacy policy links on managed login's sign-up page. Left out: none.</summary>
    public TermsSettings? Terms { get; init; }

    /// <summary>Multi-Region replication of the user pool. Left out: off (docs/replication.md).</summary>
    public required ReplicationSettings Replication { get; init; }

    /// <summary>How the API authorizes. Left out: <c>scopes</c> (docs/authorization.md).</summary>
    public required AuthorizationSettings Authorization { get; init; }

    /// <summary>The scheduled user export to a locked bucket (the Backup stack).</summary>
    public required BackupSettings Backup { get; init; }

    /// <summary>
    /// Moving users from an old user pool into this one at their next sign-in or password reset (the user
    /// migration trigger). Left out: no migration trigger.
    /// </summary>
    public MigrationSettings? Migration { get; init; }
}

/// <summary>
/// Multi-Region replication of the user pool: a secondary replica in <see cref="Region"/>, a multi-Region
/// customer-managed key and the multi-Region issuer
/// (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html).
/// </summary>
public sealed record ReplicationSettings
{
    /// <summary>Whether the pool is replicated. Default false.</summary>
    public required bool Enabled { get; init; }

    /// <summary>The replica Region; required when enabled, never the primary <c>region</c>.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// ARN of an existing multi-Region (<c>mrk-</c>) key in the primary Region with a replica in <see cref="Region"/>.
    /// Left out: this app creates the key and its replica (both retained).
    /// </summary>
    public string? ExistingKeyArn { get; init; }

    /// <summary>
    /// The token issuer. Default ORIGINAL: the updated (multi-Region) issuer is not compatible with API Gateway's
    /// Cognito authorizers, so UPDATED needs <c>api.authorizer: JWT</c>.
    /// </summary>
    public required IssuerType Issuer { get; init; }

    /// <summary>How far the replica is set up. Default INACTIVE.</summary>
    public required ReplicaStatus Status { get; init; }

    /// <summary>Route 53 health check that routes the managed login domain to the replica. Left out: no routing.</summary>
    public string? FailoverHealthCheckId { get; init; }

    /// <summary>Written-out acceptance that users with TOTP MFA cannot sign in in the replica. Default false.</summary>
    public required bool AllowTotpLockout { get; init; }

    /// <summary>Written-out acceptance of replication with <c>removalPolicy: DESTROY</c>. Default false.</summary>
    public required bool AllowDestroy { get; init; }
}

/// <summary>The user pool's token issuer (<c>IssuerConfiguration.Type</c>).</summary>
public enum IssuerType
{
    /// <summary><c>https://issuer-cognito-idp.PRIMARY.amazonaws.com/POOL</c>, the same in every Region.</summary>
    Updated,

    /// <summary><c>https://cognito-idp.REGION.amazonaws.com/POOL</c>.</summary>
    Original,
}

/// <summary>How the API authorizes (<c>authorization</c>; docs/authorization.md).</summary>
public sealed record AuthorizationSettings
{
    /// <summary>
    /// <c>scopes</c> (the default): a Cognito user pools authorizer with method scopes, the backend checks
    /// the admin group. <c>verifiedPermissions</c>: a Lambda authorizer asks a Verified Permissions policy
    /// store whose schema and policies are <c>config/authorization/</c>.
    /// </summary>
    public required AuthorizationMode Mode { get; init; }

    /// <summary>Seconds API Gateway caches an authorizer decision per token, method and path, 0–3,600. Default 300.</summary>
    public required int CacheTtlSeconds { get; init; }

    /// <summary>The Cedar schema (JSON) of the policy store; read only in the <c>verifiedPermissions</c> mode, else empty.</summary>
    public required string Schema { get; init; }

    /// <summary>The policies by name (the file name without <c>.cedar</c>), in name order; empty outside the <c>verifiedPermissions</c> mode.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Policies { get; init; }
}

/// <summary>How the API authorizes.</summary>
public enum AuthorizationMode
{
    /// <summary>Cognito user pools authorizer and OAuth scopes.</summary>
    Scopes,

    /// <summary>A Lambda authorizer asking Amazon Verified Permissions.</summary>
    VerifiedPermissions,
}

/// <summary>How far the replica is set up.</summary>
public enum ReplicaStatus
{
    /// <summary>Only the key (and its replica) and the issuer: the first step when this app creates the key.</summary>
    KeyOnly,

    /// <summary>The replica exists and does not serve.</summary>
    Inactive,

    /// <summary>The replica exists and may serve.</summary>
    Active,
}

/// <summary>The user pool users migrate from (see docs/disaster-recovery.md).</summary>
public sealed record MigrationSettings
{
    /// <summary>The old pool's ID, e.g. <c>eu-west-1_AbCdEf123</c>; same AWS account as this stack.</summary>
    public required string OldUserPoolId { get; init; }

    /// <summary>The old pool's app client for the migration: no secret, <c>ALLOW_ADMIN_USER_PASSWORD_AUTH</c>.</summary>
    public required string OldClientId { get; init; }

    /// <summary>The old pool's region. Default: the region its ID names.</summary>
    public required string OldRegion { get; init; }
}

/// <summary>Removal policy of stateful resources. RETAIN unless an environment chooses DESTROY.</summary>
public enum StatefulRemovalPolicy
{
    /// <summary>Keep the resource (and its users or files) when it leaves the stack.</summary>
    Retain,

    /// <summary>Delete it: only for throwaway environments.</summary>
    Destroy,
}

/// <summary>Multi-factor authentication with the factors of <c>userPool.mfaFactors</c> (SMS is never enabled).</summary>
public enum MfaMode
{
    /// <summary>No MFA: must be chosen explicitly.</summary>
    Off,

    /// <summary>Users may add a second factor.</summary>
    Optional,

    /// <summary>Every user must sign in with a second factor.</summary>
    Required,
}

/// <summary>Cognito feature plan (<c>UserPoolTier</c>).</summary>
public enum FeaturePlan
{
    /// <summary>Lite.</summary>
    Lite,

    /// <summary>Essentials.</summary>
    Essentials,

    /// <summary>Plus: needed for threat protection.</summary>
    Plus,
}

/// <summary>Cognito threat protection (advanced security) mode.</summary>
public enum ThreatProtectionMode
{
    /// <summary>Off: must be chosen explicitly.</summary>
    Off,

    /// <summary>Detect and log risky sign-ins.</summary>
    Audit,

    /// <summary>Detect and block risky sign-ins.</summary>
    Enforced,
}

/// <summary>User pool settings.</summary>
public sealed record UserPoolSettings
{
    /// <summary>Whether anyone may sign up. Default false.</summary>
    public required bool SelfSignUp { get; init; }

    /// <summary>MFA mode. Default REQUIRED.</summary>
    public required MfaMode Mfa { get; init; }

    /// <summary>Feature plan. Default PLUS.</summary>
    public required FeaturePlan FeaturePlan { get; init; }

    /// <summary>Threat protection. Default ENFORCED (needs PLUS).</summary>
    public required ThreatProtectionMode ThreatProtection { get; init; }

    /// <summary>Cognito deletion protection. Default true.</summary>
    public required bool DeletionProtection { get; init; }

    /// <summary>Minimum password length, 12–99. Default 12.</summary>
    public required int PasswordMinimumLength { get; init; }

    /// <summary>Days an administrator-set temporary password stays valid, 1–7. Default 7.</summary>
    public required int TemporaryPasswordValidityDays { get; init; }

    /// <summary>User groups. Must contain the admin and users groups.</summary>
    public required IReadOnlyList<GroupSettings> Groups { get; init; }

    /// <summary>First factors users may sign in with. Default <c>PASSWORD</c> only.</summary>
    public required IReadOnlyList<SignInFactor> SignInFactors { get; init; }

    /// <summary>Passkey options; used when <see cref="SignInFactors"/> holds <c>WEB_AUTHN</c>.</summary>
    public required PasskeySettings Passkeys { get; init; }

    /// <summary>Second factors users may set up. Default <c>TOTP</c>; never SMS.</summary>
    public required IReadOnlyList<MfaFactor> MfaFactors { get; init; }

    /// <summary>Previous passwords a user may not reuse, 0–24 (0: no history). Default 0.</summary>
    public required int PasswordHistorySize { get; init; }

    /// <summary>
    /// What threat protection does at each risk (needs PLUS and ENFORCED). Left out: no risk configuration,
    /// so the pool takes no declared action.
    /// </summary>
    public RiskActionSettings? RiskActions { get; init; }

    /// <summary>
    /// Custom attributes (<c>custom:NAME</c>), 0–25. Cognito can add one to an existing pool but never change
    /// or remove it. Left out: none.
    /// </summary>
    public required IReadOnlyList<CustomAttributeSettings> CustomAttributes { get; init; }

    /// <summary>True when a first factor other than the password is on (choice-based sign-in).</summary>
    public bool Passwordless => SignInFactors.Any(f => f != SignInFactor.Password);
}

/// <summary>The type of a custom attribute (<c>AttributeDataType</c>).</summary>
public enum CustomAttributeType
{
    /// <summary>Text, with optional length limits (<c>String</c>).</summary>
    Text,

    /// <summary>A whole number, with optional value limits (<c>Number</c>).</summary>
    WholeNumber,

    /// <summary><c>true</c> or <c>false</c> (<c>Boolean</c>).</summary>
    TrueFalse,

    /// <summary>A date and time.</summary>
    DateTime,
}

/// <summary>A custom attribute of the user pool.</summary>
public sealed record CustomAttributeSettings
{
    /// <summary>The name without the <c>custom:</c> prefix.</summary>
    public required string Name { get; init; }

    /// <summary>The full attribute name, as tokens and app clients spell it: <c>custom:NAME</c>.</summary>
    public string AttributeName => $"custom:{Name}";

    /// <summary>The type.</summary>
    public required CustomAttributeType Type { get; init; }

    /// <summary>Whether the value may change after the user is created. Required: it can never change later.</summary>
    public required bool Mutable { get; init; }

    /// <summary>
    /// Whether the backend or the triggers rely on the value (a tenant, a role, a group from the identity
    /// provider): then no client a user holds may write it. Default false.
    /// </summary>
    public required bool Trusted { get; init; }

    /// <summary>Shortest value (String only). Left out: Cognito's default (0).</summary>
    public int? MinLength { get; init; }

    /// <summary>Longest value (String only). Left out: Cognito's default (2,048).</summary>
    public int? MaxLength { get; init; }

    /// <summary>Smallest value (Number only). Left out: no limit.</summary>
    public int? MinValue { get; init; }

    /// <summary>Largest value (Number only). Left out: no limit.</summary>
    public int? MaxValue { get; init; }
}

/// <summary>A first sign-in factor (<c>Policies.SignInPolicy.AllowedFirstAuthFactors</c>).</summary>
public enum SignInFactor
{
    /// <summary>Password (with SRP).</summary>
    Password,

    /// <summary>A one-time code sent by email.</summary>
    EmailOtp,

    /// <summary>A passkey (WebAuthn).</summary>
    WebAuthn,
}

/// <summary>A second factor (<c>EnabledMfas</c>).</summary>
public enum MfaFactor
{
    /// <summary>An authenticator app (TOTP).</summary>
    Totp,

    /// <summary>A code sent by email; needs SES email and ESSENTIALS or PLUS.</summary>
    Email,
}

/// <summary>Whether passkeys must verify the user (PIN, biometrics).</summary>
public enum PasskeyUserVerification
{
    /// <summary>Asked for, not required.</summary>
    Preferred,

    /// <summary>Required; a passkey then also counts as a second factor.</summary>
    Required,
}

/// <summary>Passkey (WebAuthn) settings.</summary>
public sealed record PasskeySettings
{
    /// <summary>User verification. Default REQUIRED.</summary>
    public required PasskeyUserVerification UserVerification { get; init; }
}

/// <summary>A user pool group.</summary>
public sealed record GroupSettings
{
    /// <summary>The group name, as it appears in the <c>cognito:groups</c> claim.</summary>
    public required string Name { get; init; }

    /// <summary>Lower wins when a user is in several groups. Unique per pool.</summary>
    public required int Precedence { get; init; }

    /// <summary>What the group is for. Left out: no description.</summary>
    public string? Description { get; init; }
}

/// <summary>Hosted UI domain settings.</summary>
public sealed record DomainSettings
{
    /// <summary>The Cognito prefix domain: <c>https://PREFIX.auth.REGION.amazoncognito.com</c>.</summary>
    public required string Prefix { get; init; }

    /// <summary>
    /// An own domain for the Hosted UI (<c>auth.example.com</c>) beside the prefix domain. Left out: only the
    /// prefix domain.
    /// </summary>
    public CustomDomainSettings? CustomDomain { get; init; }
}

/// <summary>A custom Hosted UI domain.</summary>
public sealed record CustomDomainSettings
{
    /// <summary>The fully qualified domain name, e.g. <c>auth.example.com</c>.</summary>
    public required string DomainName { get; init; }

    /// <summary>ARN of an ACM certificate for the domain; it must be in us-east-1 (CloudFront).</summary>
    public required string CertificateArn { get; init; }

    /// <summary>The lowest TLS the domain serves. Left out: <see cref="TlsPolicy.Tls12"/>, the minimum AWS recommends.</summary>
    public TlsPolicy SecurityPolicy { get; init; } = TlsPolicy.Tls12;
}

/// <summary>
/// A custom domain's TLS policy (CustomDomainConfigType.SecurityPolicy): AWS calls TLS_V1_2_2021 "recommended"
/// (TLS 1.3 preferred, 1.2 allowed) and TLS_V1_3_2025 "strictest" (TLS 1.3 only); TLS_V1 ("strongly
/// discouraged") is not offered. https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CustomDomainConfigType.html
/// </summary>
public enum TlsPolicy
{
    /// <summary>TLS_V1_2_2021: TLS 1.3 preferred, TLS 1.2 for older clients.</summary>
    Tls12,

    /// <summary>TLS_V1_3_2025: TLS 1.3 only.</summary>
    Tls13,
}

/// <summary>External identity providers users may sign in with through the Hosted UI.</summary>
public sealed record IdentityProviderSettings
{
    /// <summary>Google. Left out: no Google sign-in.</summary>
    public GoogleProviderSettings? Google { get; init; }

    /// <summary>OpenID Connect providers.</summary>
    public required IReadOnlyList<OidcProviderSettings> Oidc { get; init; }

    /// <summary>SAML providers.</summary>
    public required IReadOnlyList<SamlProviderSettings> Saml { get; init; }

    /// <summary>True when any provider is configured.</summary>
    public bool Any => Google is not null || Oidc.Count > 0 || Saml.Count > 0;
}

/// <summary>A secret in AWS Secrets Manager, rendered as a CloudFormation dynamic reference.</summary>
public sealed record SecretReference
{
    /// <summary>The secret's ARN or name.</summary>
    public required string SecretId { get; init; }

    /// <summary>A key of the secret's JSON value. Left out: the whole secret string.</summary>
    public string? JsonField { get; init; }
}

/// <summary>Sign in with Google.</summary>
public sealed record GoogleProviderSettings
{
    /// <summary>The OAuth client id from the Google Cloud console.</summary>
    public required string ClientId { get; init; }

    /// <summary>Where the OAuth client secret is kept.</summary>
    public required SecretReference ClientSecret { get; init; }
}

/// <summary>A generic OpenID Connect provider.</summary>
public sealed record OidcProviderSettings
{
    /// <summary>Provider name shown in the Hosted UI and used in <c>identity_provider</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The OAuth client id at the provider.</summary>
    public required string ClientId { get; init; }

    /// <summary>Where the OAuth client secret is kept.</summary>
    public required SecretReference ClientSecret { get; init; }

    /// <summary>The issuer URL (https).</summary>
    public required string IssuerUrl { get; init; }

    /// <summary>Scopes to request. Default: openid, email, profile.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>
    /// The provider's <c>acr</c> value per Cognito level (<c>Level1</c> to <c>Level4</c>), so a federated sign-in
    /// reaches the level step-up rules ask for; needs ESSENTIALS or PLUS. Left out: no mapping.
    /// </summary>
    public IReadOnlyDictionary<string, string> AcrMapping { get; init; } = new Dictionary<string, string>();
}

/// <summary>A SAML 2.0 provider.</summary>
public sealed record SamlProviderSettings
{
    /// <summary>Provider name shown in the Hosted UI.</summary>
    public required string Name { get; init; }

    /// <summary>The IdP's metadata URL (https); null when the metadata comes from a file.</summary>
    public string? MetadataUrl { get; init; }

    /// <summary>The metadata document read from <c>metadataFile</c>; null when a URL is used.</summary>
    public string? MetadataDocument { get; init; }

    /// <summary>The SAML attribute holding the email address.</summary>
    public required string EmailAttribute { get; init; }

    /// <summary>The SAML attribute holding the display name.</summary>
    public required string NameAttribute { get; init; }
}

/// <summary>User pool Lambda triggers.</summary>
public sealed record TriggerSettings
{
    /// <summary>Add <c>tenant</c> and <c>role_hint</c> claims to ID and access tokens (V2 event). Default true.</summary>
    public required bool PreTokenGeneration { get; init; }

    /// <summary>Put newly confirmed users into the <c>users</c> group. Default true.</summary>
    public required bool PostConfirmation { get; init; }

    /// <summary>
    /// Customize client_credentials access tokens too (V3_0 trigger event; billed per request). Default false.
    /// </summary>
    public required bool MachineTokenClaims { get; init; }

    /// <summary>
    /// Lambda SnapStart on published versions of both triggers, with Cognito invoking their <c>live</c>
    /// alias. Default false (billed per cached snapshot and restore; see docs/performance.md).
    /// </summary>
    public required bool SnapStart { get; init; }

    /// <summary>
    /// How every trigger is published: <c>readyToRun</c> (default: the managed <c>dotnet10</c> runtime) or
    /// <c>nativeAot</c> (a native <c>bootstrap</c> on <c>provided.al2023</c>, built here without Docker;
    /// cannot be combined with SnapStart). See docs/performance.md.
    /// </summary>
    public required LambdaPublish Publish { get; init; }

    /// <summary>Self sign-up only for email addresses of listed domains. Left out: no pre sign-up trigger.</summary>
    public PreSignUpSettings? PreSignUp { get; init; }

    /// <summary>Every message Cognito sends, per <c>locale</c> attribute. Left out: no custom message trigger.</summary>
    public CustomMessageSettings? CustomMessage { get; init; }

    /// <summary>Claims of external providers mapped to custom attributes. Left out: no inbound federation trigger.</summary>
    public InboundFederationSettings? InboundFederation { get; init; }
}

/// <summary>The pre sign-up trigger: an allow-list of email domains for self sign-up.</summary>
public sealed record PreSignUpSettings
{
    /// <summary>Domains (lower case, exact match, no subdomains) whose addresses may sign up, 1–50.</summary>
    public required IReadOnlyList<string> AllowedEmailDomains { get; init; }
}

/// <summary>The custom message trigger: message text per locale from <c>config/messages/LOCALE.json</c>.</summary>
public sealed record CustomMessageSettings
{
    /// <summary>Locales with a message file, 1–20; the first is the default.</summary>
    public required IReadOnlyList<string> Locales { get; init; }

    /// <summary>The locale used when the user's <c>locale</c> attribute has no file: the first of <see cref="Locales"/>.</summary>
    public string DefaultLocale => Locales[0];
}

/// <summary>The inbound federation trigger: claims of external providers written to custom attributes.</summary>
public sealed record InboundFederationSettings
{
    /// <summary>What to map, 1–25 entries.</summary>
    public required IReadOnlyList<ClaimMappingSettings> Mappings { get; init; }
}

/// <summary>One claim of one provider mapped to one custom attribute.</summary>
public sealed record ClaimMappingSettings
{
    /// <summary>The provider name (<c>Google</c>, or an OIDC or SAML provider's name).</summary>
    public required string Provider { get; init; }

    /// <summary>The claim (OIDC ID token or userInfo) or SAML attribute name.</summary>
    public required string Claim { get; init; }

    /// <summary>The target: a declared, mutable, trusted custom attribute, <c>custom:NAME</c>.</summary>
    public required string Attribute { get; init; }
}

/// <summary>Which generation of Cognito's hosted sign-in pages the domains serve.</summary>
public enum HostedUiStyle
{
    /// <summary>Managed login (domain version 2), styled per app client; needs ESSENTIALS or PLUS.</summary>
    ManagedLogin,

    /// <summary>The classic Hosted UI (domain version 1), styled with CSS.</summary>
    Classic,
}

/// <summary>Hosted sign-in pages: style and look.</summary>
public sealed record HostedUiSettings
{
    /// <summary>Managed login or the classic Hosted UI. Default MANAGED_LOGIN.</summary>
    public required HostedUiStyle Style { get; init; }

    /// <summary>CSS read from <c>hostedUi.cssFile</c> (CLASSIC only). Left out: Cognito's default look.</summary>
    public string? Css { get; init; }

    /// <summary>
    /// The managed login settings document read from <c>hostedUi.brandingFile</c> (MANAGED_LOGIN only), as
    /// JSON text. Left out: Cognito's own look.
    /// </summary>
    public string? Branding { get; init; }

    /// <summary>Images of the managed login style (<c>hostedUi.assets</c>); empty without a branding file.</summary>
    public required IReadOnlyList<BrandingAsset> Assets { get; init; }
}

/// <summary>One image of a managed login style, checked at synth.</summary>
public sealed record BrandingAsset
{
    /// <summary>Where the image appears (<c>FORM_LOGO</c>, <c>PAGE_BACKGROUND</c>, …), CloudFormation spelling.</summary>
    public required string Category { get; init; }

    /// <summary><c>LIGHT</c>, <c>DARK</c> or <c>DYNAMIC</c>.</summary>
    public required string ColorMode { get; init; }

    /// <summary>The file type found in the file (<c>PNG</c>, <c>SVG</c>, …), CloudFormation spelling.</summary>
    public required string Extension { get; init; }

    /// <summary>The file, Base64-encoded.</summary>
    public required string Base64 { get; init; }
}

/// <summary>Settings of the web and confidential app clients.</summary>
public sealed record ClientSettings
{
    /// <summary>Where the Hosted UI may send users after sign-in.</summary>
    public required IReadOnlyList<string> CallbackUrls { get; init; }

    /// <summary>Where the Hosted UI may send users after sign-out.</summary>
    public required IReadOnlyList<string> LogoutUrls { get; init; }

    /// <summary>Access token validity, 5–1,440 minutes. Default 60.</summary>
    public required int AccessTokenValidityMinutes { get; init; }

    /// <summary>ID token validity, 5–1,440 minutes. Default 60.</summary>
    public required int IdTokenValidityMinutes { get; init; }

    /// <summary>Refresh token validity, 1–3,650 days. Default 30.</summary>
    public required int RefreshTokenValidityDays { get; init; }

    /// <summary>
    /// Adds the client scripts/smoke-test.sh signs in with (ADMIN_USER_PASSWORD_AUTH, which needs IAM
    /// credentials). Default false: production clients never carry a test-only flow.
    /// </summary>
    public required bool SmokeTestClient { get; init; }
    /// <summary>Refresh-token rotation on the web client.</summary>
    public required RefreshTokenRotationSettings RefreshTokenRotation { get; init; }

    /// <summary>Attributes the public web (browser, mobile) client may read and write.</summary>
    public required ClientAttributeSettings Web { get; init; }

    /// <summary>Attributes the confidential (server-side) client may read and write.</summary>
    public required ClientAttributeSettings Confidential { get; init; }

    /// <summary>
    /// The agent client: a service or AI agent that exchanges a user's token for a narrowed, audience-bound one
    /// (token exchange, <c>GetDerivedToken</c>); needs ESSENTIALS or PLUS. Left out: no such client.
    /// </summary>
    public AgentClientSettings? Agent { get; init; }
}

/// <summary>
/// The agent client (<c>clients.agent</c>, issue 28.3): confidential, with <c>ALLOW_TOKEN_EXCHANGE_DELEGATION</c>
/// (and <c>ALLOW_TOKEN_EXCHANGE_IMPERSONATION</c> only when <see cref="Impersonation"/> is written out).
/// </summary>
public sealed record AgentClientSettings
{
    /// <summary>The audiences a derived token may be bound to: this app's resource server identifier.</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary>The resource server's scope names (without the identifier) a derived token may carry.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>Whether the client may also exchange without an actor token (impersonation). Default false.</summary>
    public required bool Impersonation { get; init; }
}

/// <summary>
/// The attributes one app client may read (in ID tokens, GetUser) and write (SignUp, UpdateUserAttributes with
/// the user's access token). Least privilege by default.
/// </summary>
public sealed record ClientAttributeSettings
{
    /// <summary>Readable attributes. Default: email, email_verified, name, locale.</summary>
    public required IReadOnlyList<string> ReadAttributes { get; init; }

    /// <summary>Writable attributes. Default: email, name, locale.</summary>
    public required IReadOnlyList<string> WriteAttributes { get; init; }
}

/// <summary>Refresh-token rotation: every refresh returns a new refresh token and retires the old one.</summary>
public sealed record RefreshTokenRotationSettings
{
    /// <summary>Whether the web client rotates refresh tokens. Default true.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Seconds the old refresh token stays valid for client retries, 0–60. Default 0.</summary>
    public required int RetryGracePeriodSeconds { get; init; }
}

/// <summary>The OAuth resource server.</summary>
public sealed record ResourceServerSettings
{
    /// <summary>Identifier; scopes are written <c>IDENTIFIER/SCOPE</c>.</summary>
    public required string Identifier { get; init; }

    /// <summary>Display name. Default: the identifier.</summary>
    public required string Name { get; init; }

    /// <summary>Custom scopes; must contain <c>read</c> and <c>write</c>, which the API routes require.</summary>
    public required IReadOnlyList<ScopeSettings> Scopes { get; init; }
}

/// <summary>A custom OAuth scope.</summary>
public sealed record ScopeSettings
{
    /// <summary>Scope name without the identifier.</summary>
    public required string Name { get; init; }

    /// <summary>What the scope grants.</summary>
    public required string Description { get; init; }
}

/// <summary>Identity pool settings.</summary>
public sealed record IdentityPoolSettings
{
    /// <summary>Whether unauthenticated (guest) identities get credentials. Default false.</summary>
    public required bool AllowGuests { get; init; }

    /// <summary>
    /// Session tags from token claims, by tag key (attribute-based access control). A <c>tenant</c> tag adds
    /// the shared <c>tenants/TENANT/</c> prefix to the roles. Empty: no principal tags.
    /// </summary>
    public required IReadOnlyDictionary<string, string> PrincipalTags { get; init; }
}

/// <summary>REST API settings.</summary>
public sealed record ApiSettings
{
    /// <summary>Stage-wide steady request rate, 1–10,000 per second.</summary>
    public required int ThrottlingRateLimit { get; init; }

    /// <summary>Stage-wide burst, 1–5,000 requests.</summary>
    public required int ThrottlingBurstLimit { get; init; }

    /// <summary>
    /// Whether this app declares the account's API Gateway CloudWatch role (retained, never deleted with
    /// the stack). Default true; false for accounts that already have one.
    /// </summary>
    public required bool ManageAccountCloudWatchRole { get; init; }

    /// <summary>
    /// What verifies tokens: COGNITO (a <c>COGNITO_USER_POOLS</c> authorizer, the default) or JWT (a REST API JWT
    /// authorizer that trusts the pool's original and updated issuers).
    /// </summary>
    public required ApiAuthorizer Authorizer { get; init; }

    /// <summary>
    /// Step-up authentication per route group (<c>me</c>, <c>admin</c>, <c>items</c>): the lowest <c>acr</c>
    /// level and the oldest <c>auth_time</c> the backend accepts, else a 401 RFC 9470 challenge; needs
    /// ESSENTIALS or PLUS. Left out: no route requires a level or a recent sign-in.
    /// </summary>
    public IReadOnlyList<CognitoStack.Contract.StepUpRule> StepUp { get; init; } = [];
}

/// <summary>The API's authorizer (<c>api.authorizer</c>).</summary>
public enum ApiAuthorizer
{
    /// <summary>API Gateway's Amazon Cognito user pools authorizer (<c>COGNITO_USER_POOLS</c>).</summary>
    Cognito,

    /// <summary>A REST API JWT authorizer trusting the pool's original and updated (multi-Region) issuers.</summary>
    Jwt,
}

/// <summary>Backend function settings.</summary>
public sealed record BackendSettings
{
    /// <summary>Memory, 128–10,240 MB. Default 512.</summary>
    public required int MemorySizeMb { get; init; }

    /// <summary>Timeout, 1–29 seconds (the API integration limit). Default 10.</summary>
    public required int TimeoutSeconds { get; init; }

    /// <summary>
    /// Lambda SnapStart on published versions, with API Gateway invoking the <c>live</c> alias. Default false
    /// (billed per cached snapshot and restore; see docs/performance.md).
    /// </summary>
    public required bool SnapStart { get; init; }

    /// <summary>
    /// How the function, and the API's Lambda authorizer (the <c>verifiedPermissions</c> mode), are published:
    /// <c>readyToRun</c> (default: the managed <c>dotnet10</c> runtime) or
    /// <c>nativeAot</c> (a native <c>bootstrap</c> on <c>provided.al2023</c>, built here without Docker;
    /// cannot be combined with SnapStart). See docs/performance.md.
    /// </summary>
    public required LambdaPublish Publish { get; init; }
}

/// <summary>WAF settings.</summary>
public sealed record WafSettings
{
    /// <summary>Whether web ACLs protect the API stage and the user pool. Default true.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Requests per client IP per 5 minutes before each ACL's rate rule blocks, 100–2,000,000,000.</summary>
    public required int RateLimitPer5Minutes { get; init; }
}

/// <summary>Alarms and the operations dashboard (the Monitoring stack).</summary>
public sealed record MonitoringSettings
{
    /// <summary>Whether the Monitoring stack (alarms, topic, dashboard) is deployed. Default true.</summary>
    public required bool Enabled { get; init; }

    /// <summary>0–10 addresses subscribed to an alarm topic the stack creates. Left out: no topic is created unless needed.</summary>
    public required IReadOnlyList<string> AlarmEmails { get; init; }

    /// <summary>An existing SNS topic that receives every alarm and recovery. Left out: only <see cref="AlarmEmails"/>.</summary>
    public string? AlarmTopicArn { get; init; }

    /// <summary>API 5XX responses as a percentage of requests over 5 minutes, 1–100. Default 1.</summary>
    public required int ApiErrorRatePercent { get; init; }

    /// <summary>API p99 latency in milliseconds over 5 minutes, 50–29,000. Default 2,000.</summary>
    public required int ApiLatencyP99Ms { get; init; }

    /// <summary>Backend p99 duration as a percentage of its timeout, 10–100. Default 80.</summary>
    public required int BackendDurationPercentOfTimeout { get; init; }

    /// <summary>Requests a web ACL blocks in 5 minutes before it counts as a spike, 1–1,000,000. Default 100.</summary>
    public required int WafBlockedRequestsPer5Minutes { get; init; }

    /// <summary>Sign-ins with compromised credentials or high account-takeover risk in 5 minutes, 1–100,000. Default 10.</summary>
    public required int RiskyRequestsPer5Minutes { get; init; }
}

/// <summary>How a function group is published (<c>backend.publish</c>, <c>triggers.publish</c>, <c>backup.publish</c>).</summary>
public enum LambdaPublish
{
    /// <summary>Framework-dependent ReadyToRun on the managed <c>dotnet10</c> runtime: the default.</summary>
    ReadyToRun,

    /// <summary>A Native AOT <c>bootstrap</c> on <c>provided.al2023</c> (arm64); no SnapStart (see docs/performance.md).</summary>
    NativeAot,
}

/// <summary>Who delivers the user pool's email.</summary>
public enum EmailSender
{
    /// <summary>Amazon SES in this account (<c>EmailSendingAccount: DEVELOPER</c>): the default.</summary>
    Ses,

    /// <summary>Cognito's built-in sender, limited to a few emails a day: must be chosen explicitly.</summary>
    Cognito,
}

/// <summary>Email delivery and message templates of the user pool.</summary>
public sealed record EmailSettings
{
    /// <summary>Who sends. Default SES.</summary>
    public required EmailSender Sender { get; init; }

    /// <summary>The From header: <c>address</c> or <c>Display Name &lt;address&gt;</c>. Required with SES; null with COGNITO.</summary>
    public EmailAddress? FromAddress { get; init; }

    /// <summary>The verified SES identity (a domain or an address) the from address belongs to. Required with SES.</summary>
    public string? SesIdentity { get; init; }

    /// <summary>Region of the SES identity. Left out: the stack's region.</summary>
    public string? SesRegion { get; init; }

    /// <summary>Where replies go. Left out: the from address.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>SES configuration set applied to every message. Left out: none.</summary>
    public string? ConfigurationSet { get; init; }

    /// <summary>The verification email (sign-up code, password reset, attribute update). Left out: Cognito's default text.</summary>
    public EmailTemplate? Verification { get; init; }

    /// <summary>The invitation email of <c>AdminCreateUser</c>. Left out: Cognito's default text.</summary>
    public EmailTemplate? Invitation { get; init; }
}

/// <summary>An email address with an optional display name.</summary>
public sealed record EmailAddress
{
    /// <summary>The address, such as <c>no-reply@example.com</c>.</summary>
    public required string Address { get; init; }

    /// <summary>The display name, such as <c>My App</c>. Left out: the address alone.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The domain part of the address.</summary>
    public string Domain => Address[(Address.LastIndexOf('@') + 1)..];
}

/// <summary>An email message template read from repository files.</summary>
public sealed record EmailTemplate
{
    /// <summary>The subject line.</summary>
    public required string Subject { get; init; }

    /// <summary>The HTML body with Cognito's placeholders.</summary>
    public required string HtmlBody { get; init; }
}

/// <summary>Links to the terms of use and the privacy policy, per managed login language.</summary>
public sealed record TermsSettings
{
    /// <summary>Terms of use URL by language (<c>default</c>, <c>english</c>, <c>french</c>, …); holds <c>default</c>.</summary>
    public required IReadOnlyDictionary<string, string> TermsOfUse { get; init; }

    /// <summary>Privacy policy URL by language; holds <c>default</c>.</summary>
    public required IReadOnlyDictionary<string, string> PrivacyPolicy { get; init; }
}

/// <summary>An automated response of adaptive authentication (CloudFormation's <c>EventAction</c>).</summary>
public enum RiskAction
{
    /// <summary>Allow the sign-in.</summary>
    NoAction,

    /// <summary>Ask for MFA where the user has a factor; allow otherwise.</summary>
    MfaIfConfigured,

    /// <summary>Ask for MFA; block users without a factor.</summary>
    MfaRequired,

    /// <summary>Block the sign-in.</summary>
    Block,
}

/// <summary>Threat protection's declared responses (<c>AWS::Cognito::UserPoolRiskConfigurationAttachment</c>, all clients).</summary>
public sealed record RiskActionSettings
{
    /// <summary>On a password found in leaks: BLOCK (default) or NO_ACTION.</summary>
    public required RiskAction CompromisedCredentials { get; init; }

    /// <summary>Low account-takeover risk. Default NO_ACTION.</summary>
    public required RiskAction LowRisk { get; init; }

    /// <summary>Medium account-takeover risk. Default MFA_IF_CONFIGURED.</summary>
    public required RiskAction MediumRisk { get; init; }

    /// <summary>High account-takeover risk. Default BLOCK.</summary>
    public required RiskAction HighRisk { get; init; }

    /// <summary>Email the user at every risk level through the pool's SES sender. Default true (needs email.sender SES).</summary>
    public required bool NotifyUsers { get; init; }

    /// <summary>CIDR ranges always blocked, 0–200.</summary>
    public required IReadOnlyList<string> BlockedIpRanges { get; init; }

    /// <summary>CIDR ranges never risk-checked, 0–200.</summary>
    public required IReadOnlyList<string> SkippedIpRanges { get; init; }
}

/// <summary>The scheduled user export (issue #19): schedule, Object Lock retention, expiry, mass-deletion alarm.</summary>
public sealed record BackupSettings
{
    /// <summary>Whether the Backup stack (export function, schedule, locked bucket) is deployed. Default true.</summary>
    public required bool Enabled { get; init; }

    /// <summary>An EventBridge rate expression, <c>rate(1 day)</c> by default; 1 hour to 6 days.</summary>
    public required string Schedule { get; init; }

    /// <summary>The schedule's interval in hours (what the no-successful-export alarm waits for, plus 2 hours).</summary>
    public required int ScheduleHours { get; init; }

    /// <summary>Days each export stays locked (Object Lock, in <see cref="LockMode"/>), 1-3,650. Default 35.</summary>
    public required int RetentionDays { get; init; }

    /// <summary>
    /// The exports' Object Lock mode. Default GOVERNANCE. Replication copies each export with its retention, so this
    /// is also the mode of the copies in the vault.
    /// </summary>
    public required ExportLockMode LockMode { get; init; }

    /// <summary>The copy in a backup account (issue #27). Left out: no vault, no replication.</summary>
    public VaultSettings? Vault { get; init; }

    /// <summary>Days after which an export expires (lifecycle), at least <see cref="RetentionDays"/>, up to 3,650. Default 90.</summary>
    public required int ExpireAfterDays { get; init; }

    /// <summary>Fall of the exported user count since the last export, in percent, that raises the alarm, 1-100. Default 10.</summary>
    public required int MaxDropPercent { get; init; }

    /// <summary>
    /// How the export function is published: <c>readyToRun</c> (default: the managed <c>dotnet10</c> runtime) or
    /// <c>nativeAot</c> (a native <c>bootstrap</c> on <c>provided.al2023</c>, built here without Docker).
    /// See docs/performance.md.
    /// </summary>
    public required LambdaPublish Publish { get; init; }

    /// <summary>
    /// Share of Cognito's <c>UserList</c> quota (30 requests per second per account and Region) the export uses, 0.05-1.
    /// Default a third (10 per second): sign-ins' lookups and admin tools keep the rest.
    /// </summary>
    public required double QuotaShare { get; init; }
}

/// <summary>
/// S3 Object Lock retention modes, spelled as CloudFormation's <c>DefaultRetention.Mode</c>
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html#object-lock-retention-modes).
/// </summary>
public enum ExportLockMode
{
    /// <summary>A principal with <c>s3:BypassGovernanceRetention</c> can delete a locked version or shorten its lock.</summary>
    Governance,

    /// <summary>No principal, the account root included, can delete a locked version or shorten its lock.</summary>
    Compliance,
}

/// <summary>
/// The vault: a bucket with Object Lock and its own KMS key in a backup account (the <c>CognitoStack-&lt;env&gt;-Vault</c>
/// stack, deployed with that account's credentials), to which S3 Replication copies every export.
/// </summary>
public sealed record VaultSettings
{
    /// <summary>The backup account's 12-digit id; not the pool's account.</summary>
    public required string Account { get; init; }

    /// <summary>The vault's Region (may be the pool's).</summary>
    public required string Region { get; init; }

    /// <summary>
    /// The ARN of the Vault stack's key (its output <c>VaultKeyArn</c>). Left out: the Vault stack is declared but the
    /// export bucket does not replicate yet (deploy the Vault stack first, then set this).
    /// </summary>
    public string? KeyArn { get; init; }

    /// <summary>Days after which the copies expire in the vault, at least <see cref="BackupSettings.RetentionDays"/>. Default: <c>backup.expireAfterDays</c>.</summary>
    public required int ExpireAfterDays { get; init; }
}
