using Amazon.CDK.AWS.Cognito;

namespace CognitoStack.Cdk.Constructs;

/// <summary>
/// Sign-in options of a user pool as CloudFormation spells them (aws-cdk-lib 2.160 has no typed API for them).
/// Names and values checked against the CloudFormation registry spec of <c>AWS::Cognito::UserPool</c>.
/// </summary>
public sealed record UserPoolSignIn
{
    /// <summary><c>Policies.SignInPolicy.AllowedFirstAuthFactors</c>; null leaves the policy out (LITE pools).</summary>
    public IReadOnlyList<string>? FirstAuthFactors { get; init; }

    /// <summary><c>EnabledMfas</c> (<c>SOFTWARE_TOKEN_MFA</c>, <c>EMAIL_OTP</c>); used when MFA is not off.</summary>
    public required IReadOnlyList<string> EnabledMfas { get; init; }

    /// <summary><c>Policies.PasswordPolicy.PasswordHistorySize</c>; null leaves it out (LITE pools).</summary>
    public int? PasswordHistorySize { get; init; }

    /// <summary><c>WebAuthnRelyingPartyID</c>; null when passkeys are off.</summary>
    public string? PasskeyRelyingPartyId { get; init; }

    /// <summary><c>WebAuthnUserVerification</c>: <c>required</c> or <c>preferred</c>.</summary>
    public string? PasskeyUserVerification { get; init; }

    /// <summary><c>WebAuthnFactorConfiguration</c>: <c>MULTI_FACTOR_WITH_USER_VERIFICATION</c> or <c>SINGLE_FACTOR</c>.</summary>
    public string? PasskeyFactorConfiguration { get; init; }

    /// <summary>Writes the options onto the pool; <c>EnabledMfas</c> only when MFA is on.</summary>
    public void ApplyTo(CfnUserPool pool, bool mfaOn)
    {
        if (FirstAuthFactors is { } factors)
        {
            pool.AddPropertyOverride("Policies.SignInPolicy.AllowedFirstAuthFactors", factors.ToArray());
        }

        if (PasswordHistorySize is { } history)
        {
            pool.AddPropertyOverride("Policies.PasswordPolicy.PasswordHistorySize", history);
        }

        if (mfaOn)
        {
            pool.AddPropertyOverride("EnabledMfas", EnabledMfas.ToArray());
        }

        if (PasskeyRelyingPartyId is { } relyingParty)
        {
            pool.AddPropertyOverride("WebAuthnRelyingPartyID", relyingParty);
            pool.AddPropertyOverride("WebAuthnUserVerification", PasskeyUserVerification!);
            pool.AddPropertyOverride("WebAuthnFactorConfiguration", PasskeyFactorConfiguration!);
        }
    }
}
