namespace CognitoStack.Cdk.Configuration;

/// <summary>
/// An explicit map between the values of <typeparamref name="TEnum"/> and how they are written (in cdk.json,
/// and where noted in <see cref="Choices"/> also in templates), so renaming an enum member can never change
/// a setting's spelling, a template or a message. Every value must have exactly one spelling.
/// </summary>
/// <typeparam name="TEnum">The enum whose values are spelled.</typeparam>
public sealed class Spellings<TEnum>
    where TEnum : struct, Enum
{
    private readonly Dictionary<TEnum, string> _byValue = [];
    private readonly Dictionary<string, TEnum> _byName = new(StringComparer.Ordinal);

    /// <summary>Creates the map; fails when a value is missing or spelled twice, or a spelling is used twice.</summary>
    public Spellings(params (TEnum Value, string Name)[] entries)
    {
        foreach (var (value, name) in entries)
        {
            if (!_byValue.TryAdd(value, name) || !_byName.TryAdd(name, value))
            {
                throw new ArgumentException($"{typeof(TEnum).Name}.{value} or \"{name}\" is spelled twice", nameof(entries));
            }
        }

        var missing = Enum.GetValues<TEnum>().Where(v => !_byValue.ContainsKey(v)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{typeof(TEnum).Name}.{missing[0]} has no spelling", nameof(entries));
        }

        Names = [.. entries.Select(e => e.Name)];
    }

    /// <summary>Every spelling, in the order the map lists them (the order error messages offer them).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>How <paramref name="value"/> is written.</summary>
    public string NameOf(TEnum value) => _byValue[value];

    /// <summary>The value written <paramref name="name"/> (exact, case-sensitive); false when none is.</summary>
    public bool TryParse(string name, out TEnum value) => _byName.TryGetValue(name, out value);
}

/// <summary>
/// The spellings of every enum setting: one explicit map per enum, used for reading cdk.json, for error and
/// suppression messages, and, where CloudFormation spells the value the same way (documented per map), for
/// templates.
/// </summary>
public static class Choices
{
    /// <summary><c>removalPolicy</c>. Config only: the stacks turn it into a CDK <c>RemovalPolicy</c>.</summary>
    public static readonly Spellings<StatefulRemovalPolicy> RemovalPolicy = new(
        (StatefulRemovalPolicy.Retain, "RETAIN"),
        (StatefulRemovalPolicy.Destroy, "DESTROY"));

    /// <summary><c>backup.lockMode</c>, spelled as CloudFormation's Object Lock <c>Mode</c>.</summary>
    public static readonly Spellings<ExportLockMode> LockMode = new(
        (ExportLockMode.Governance, "GOVERNANCE"),
        (ExportLockMode.Compliance, "COMPLIANCE"));

    /// <summary><c>userPool.mfa</c>. Config only: the stacks turn it into the CDK's <c>Mfa</c>.</summary>
    public static readonly Spellings<MfaMode> Mfa = new(
        (MfaMode.Off, "OFF"),
        (MfaMode.Optional, "OPTIONAL"),
        (MfaMode.Required, "REQUIRED"));

    /// <summary>
    /// <c>userPool.featurePlan</c>, spelled as CloudFormation's <c>UserPoolTier</c>, which the template takes
    /// from here: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpool.html#cfn-cognito-userpool-userpooltier
    /// </summary>
    public static readonly Spellings<FeaturePlan> FeaturePlan = new(
        (Configuration.FeaturePlan.Lite, "LITE"),
        (Configuration.FeaturePlan.Essentials, "ESSENTIALS"),
        (Configuration.FeaturePlan.Plus, "PLUS"));

    /// <summary><c>userPool.threatProtection</c>. Config only: the stacks turn it into the CDK's <c>AdvancedSecurityMode</c>.</summary>
    public static readonly Spellings<ThreatProtectionMode> ThreatProtection = new(
        (ThreatProtectionMode.Off, "OFF"),
        (ThreatProtectionMode.Audit, "AUDIT"),
        (ThreatProtectionMode.Enforced, "ENFORCED"));

    /// <summary>
    /// <c>userPool.signInFactors</c>, spelled as CloudFormation's <c>Policies.SignInPolicy.AllowedFirstAuthFactors</c>,
    /// which the template takes from here:
    /// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignInPolicyType.html
    /// </summary>
    public static readonly Spellings<SignInFactor> SignInFactor = new(
        (Configuration.SignInFactor.Password, "PASSWORD"),
        (Configuration.SignInFactor.EmailOtp, "EMAIL_OTP"),
        (Configuration.SignInFactor.WebAuthn, "WEB_AUTHN"));

    /// <summary><c>userPool.mfaFactors</c>. Config only: the stacks map it to <c>EnabledMfas</c> and amplify_outputs names.</summary>
    public static readonly Spellings<MfaFactor> MfaFactor = new(
        (Configuration.MfaFactor.Totp, "TOTP"),
        (Configuration.MfaFactor.Email, "EMAIL"));

    /// <summary><c>userPool.passkeys.userVerification</c>. Config only: CloudFormation spells it in lower case.</summary>
    public static readonly Spellings<PasskeyUserVerification> PasskeyUserVerification = new(
        (Configuration.PasskeyUserVerification.Preferred, "PREFERRED"),
        (Configuration.PasskeyUserVerification.Required, "REQUIRED"));

    /// <summary><c>domain.customDomain.securityPolicy</c>, spelled as CloudFormation's <c>CustomDomainConfig.SecurityPolicy</c>.</summary>
    public static readonly Spellings<TlsPolicy> TlsPolicy = new(
        (Configuration.TlsPolicy.Tls12, "TLS_V1_2_2021"),
        (Configuration.TlsPolicy.Tls13, "TLS_V1_3_2025"));

    /// <summary><c>hostedUi.style</c>. Config only: the stacks turn it into the domains' <c>ManagedLoginVersion</c>.</summary>
    public static readonly Spellings<HostedUiStyle> HostedUiStyle = new(
        (Configuration.HostedUiStyle.ManagedLogin, "MANAGED_LOGIN"),
        (Configuration.HostedUiStyle.Classic, "CLASSIC"));

    /// <summary><c>backend.publish</c>, <c>triggers.publish</c>, <c>backup.publish</c>. Config only: the stacks pick the runtime and the publish from it.</summary>
    public static readonly Spellings<LambdaPublish> Publish = new(
        (LambdaPublish.ReadyToRun, "readyToRun"),
        (LambdaPublish.NativeAot, "nativeAot"));

    /// <summary><c>email.sender</c>. Config only: SES becomes <c>EmailSendingAccount: DEVELOPER</c> through the CDK's <c>UserPoolEmail.WithSES</c>.</summary>
    public static readonly Spellings<EmailSender> EmailSender = new(
        (Configuration.EmailSender.Ses, "SES"),
        (Configuration.EmailSender.Cognito, "COGNITO"));

    /// <summary>
    /// <c>userPool.riskActions.*Risk</c> and <c>compromisedCredentials</c>, spelled as CloudFormation's <c>EventAction</c>:
    /// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AccountTakeoverActionType.html
    /// </summary>
    public static readonly Spellings<RiskAction> RiskAction = new(
        (Configuration.RiskAction.NoAction, "NO_ACTION"),
        (Configuration.RiskAction.MfaIfConfigured, "MFA_IF_CONFIGURED"),
        (Configuration.RiskAction.MfaRequired, "MFA_REQUIRED"),
        (Configuration.RiskAction.Block, "BLOCK"));

    /// <summary>
    /// <c>replication.issuer</c>, spelled as CloudFormation's <c>IssuerConfiguration.Type</c>, which the template takes from here:
    /// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html
    /// </summary>
    public static readonly Spellings<IssuerType> Issuer = new(
        (IssuerType.Updated, "UPDATED"),
        (IssuerType.Original, "ORIGINAL"));

    /// <summary>
    /// <c>api.authorizer</c>: API Gateway's <c>COGNITO_USER_POOLS</c> authorizer or a REST API JWT authorizer
    /// (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer.html).
    /// </summary>
    public static readonly Spellings<ApiAuthorizer> ApiAuthorizer = new(
        (Configuration.ApiAuthorizer.Cognito, "COGNITO"),
        (Configuration.ApiAuthorizer.Jwt, "JWT"));

    /// <summary>
    /// <c>replication.status</c>; <c>ACTIVE</c> and <c>INACTIVE</c> are the regional configuration's <c>Status</c>
    /// spellings, which the template takes from here (<c>KEY_ONLY</c> creates no replica).
    /// </summary>
    public static readonly Spellings<ReplicaStatus> ReplicaStatus = new(
        (Configuration.ReplicaStatus.KeyOnly, "KEY_ONLY"),
        (Configuration.ReplicaStatus.Inactive, "INACTIVE"),
        (Configuration.ReplicaStatus.Active, "ACTIVE"));

    /// <summary>
    /// <c>userPool.customAttributes[].type</c>, spelled as CloudFormation's <c>Schema[].AttributeDataType</c>:
    /// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SchemaAttributeType.html
    /// (the stacks map it to the CDK's attribute classes).
    /// </summary>
    public static readonly Spellings<CustomAttributeType> CustomAttributeType = new(
        (Configuration.CustomAttributeType.Text, "String"),
        (Configuration.CustomAttributeType.WholeNumber, "Number"),
        (Configuration.CustomAttributeType.TrueFalse, "Boolean"),
        (Configuration.CustomAttributeType.DateTime, "DateTime"));

    /// <summary><c>authorization.mode</c>, spelled as the contract's <c>AuthorizationModes</c> (the backend reads it).</summary>
    public static readonly Spellings<AuthorizationMode> AuthorizationMode = new(
        (Configuration.AuthorizationMode.Scopes, Contract.AuthorizationModes.Scopes),
        (Configuration.AuthorizationMode.VerifiedPermissions, Contract.AuthorizationModes.VerifiedPermissions));
}
