using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Constructs;

namespace CognitoStack.Cdk.Stacks;

/// <summary>
/// Translates the sign-in settings into construct props, with explicit maps from setting values to the
/// CloudFormation spellings of <c>AWS::Cognito::UserPool</c> (checked against the registry spec).
/// </summary>
internal static class SignInOptions
{
    /// <summary><c>EnabledMfas</c> values.</summary>
    public static readonly IReadOnlyDictionary<MfaFactor, string> MfaNames = new Dictionary<MfaFactor, string>
    {
        [MfaFactor.Totp] = "SOFTWARE_TOKEN_MFA",
        [MfaFactor.Email] = "EMAIL_OTP",
    };

    /// <summary><c>WebAuthnUserVerification</c> values (lower case in CloudFormation and in amplify_outputs).</summary>
    public static readonly IReadOnlyDictionary<PasskeyUserVerification, string> VerificationNames = new Dictionary<PasskeyUserVerification, string>
    {
        [PasskeyUserVerification.Preferred] = "preferred",
        [PasskeyUserVerification.Required] = "required",
    };

    /// <summary>
    /// The passkey relying party: the custom domain when there is one (Cognito requires it then), otherwise
    /// the whole prefix domain, because its parent <c>auth.REGION.amazoncognito.com</c> is a public suffix.
    /// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html
    /// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
    /// </summary>
    public static string RelyingPartyId(EnvironmentSettings settings, string region) =>
        settings.Domain.CustomDomain?.DomainName ?? PrefixDomain(settings, region);

    /// <summary>The Cognito prefix domain's host name.</summary>
    public static string PrefixDomain(EnvironmentSettings settings, string region) =>
        $"{settings.Domain.Prefix}.auth.{region}.{CognitoRules.PrefixDomainSuffix}";

    /// <summary>The pool's sign-in options; LITE pools get none of the ESSENTIALS-only properties.</summary>
    public static UserPoolSignIn ForPool(EnvironmentSettings settings, string region)
    {
        var pool = settings.UserPool;
        var paid = pool.FeaturePlan != FeaturePlan.Lite;
        var passkeys = pool.SignInFactors.Contains(SignInFactor.WebAuthn);
        return new UserPoolSignIn
        {
            // The config spelling is CloudFormation's (see Choices.SignInFactor).
            FirstAuthFactors = paid ? [.. pool.SignInFactors.Select(Choices.SignInFactor.NameOf)] : null,
            EnabledMfas = [.. pool.MfaFactors.Select(f => MfaNames[f])],
            PasswordHistorySize = paid ? pool.PasswordHistorySize : null,
            PasskeyRelyingPartyId = passkeys ? RelyingPartyId(settings, region) : null,
            PasskeyUserVerification = passkeys ? VerificationNames[pool.Passkeys.UserVerification] : null,
            // A passkey that verifies the user is two factors, so passkey users pass required MFA.
            PasskeyFactorConfiguration = !passkeys ? null
                : pool.Passkeys.UserVerification == PasskeyUserVerification.Required ? "MULTI_FACTOR_WITH_USER_VERIFICATION" : "SINGLE_FACTOR",
        };
    }

    /// <summary>Domain branding version: 2 for managed login, 1 for the classic Hosted UI.</summary>
    public static int ManagedLoginVersion(HostedUiSettings hostedUi) => hostedUi.Style switch
    {
        HostedUiStyle.ManagedLogin => 2,
        HostedUiStyle.Classic => 1,
        var other => throw new ArgumentOutOfRangeException(nameof(hostedUi), other, "no managed login version"),
    };

    /// <summary>A managed login style for the web and confidential clients: the branding file and images, or Cognito's look.</summary>
    public static ManagedLoginStylesProps Styles(HostedUiSettings hostedUi, UserDirectory directory, AppClients clients) => new()
    {
        UserPool = directory.UserPool,
        Clients = new Dictionary<string, Amazon.CDK.AWS.Cognito.IUserPoolClient>
        {
            ["WebClient"] = clients.WebClient,
            ["ConfidentialClient"] = clients.ConfidentialClient,
        },
        Settings = hostedUi.Branding,
        Images = [.. hostedUi.Assets.Select(a => new ManagedLoginImage(a.Category, a.ColorMode, a.Extension, a.Base64))],
        Domains = [directory.Domain, .. new[] { directory.CustomDomain }.OfType<Amazon.CDK.AWS.Cognito.UserPoolDomain>()],
    };
}
