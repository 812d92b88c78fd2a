using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using CognitoStack.Cdk.Configuration;
using EmailSettings = CognitoStack.Cdk.Configuration.EmailSettings;

namespace CognitoStack.Cdk.Stacks;

/// <summary>Translates the <c>email</c> settings into the user directory's email props.</summary>
internal static class DirectoryEmail
{
    /// <summary>
    /// SES as the pool's sender (<c>DEVELOPER</c>); null with COGNITO, which leaves the template as it was
    /// (the synth warns about the quota, see <see cref="SettingsLoader.Warnings"/>).
    /// </summary>
    public static UserPoolEmail? Sender(Stack stack, EmailSettings email)
    {
        if (email.Sender == EmailSender.Cognito)
        {
            return null;
        }

        if (email.SesRegion is { } sesRegion && Token.IsUnresolved(stack.Region))
        {
            RequireSesRegionSupported(stack, sesRegion);
        }

        var from = email.FromAddress!;
        var domainIdentity = email.SesIdentity!.Contains('@', StringComparison.Ordinal) ? null : email.SesIdentity;
        return UserPoolEmail.WithSES(new UserPoolSESOptions
        {
            FromEmail = from.Address,
            FromName = from.DisplayName,
            // The L2 builds SourceArn arn:<partition>:ses:<region>:<account>:identity/<identity> with the
            // stack's partition and account; an environment-agnostic stack gets the AWS::Region token.
            SesVerifiedDomain = domainIdentity,
            SesRegion = email.SesRegion ?? stack.Region,
            ReplyTo = email.ReplyTo,
            ConfigurationSetName = email.ConfigurationSet,
        });
    }

    /// <summary>The verification email with the code placeholder; null for Cognito's default.</summary>
    public static UserVerificationConfig? Verification(EmailSettings email) =>
        email.Verification is { } t
            ? new UserVerificationConfig { EmailStyle = VerificationEmailStyle.CODE, EmailSubject = t.Subject, EmailBody = t.HtmlBody }
            : null;

    /// <summary>The invitation email; null for Cognito's default.</summary>
    public static UserInvitationConfig? Invitation(EmailSettings email) =>
        email.Invitation is { } t ? new UserInvitationConfig { EmailSubject = t.Subject, EmailBody = t.HtmlBody } : null;

    /// <summary>
    /// An environment-agnostic stack with a named SES Region: the Region check of the settings cannot run at
    /// synth, so a template rule refuses a deploy to a Region whose pools cannot send through it.
    /// </summary>
    private static void RequireSesRegionSupported(Stack stack, string sesRegion)
    {
        var poolRegions = SesRegions.PoolRegionsUsing(sesRegion);
        _ = new CfnRule(stack, "SesRegionSupported", new CfnRuleProps
        {
            Assertions =
            [
                new CfnRuleAssertion
                {
                    Assert = Fn.ConditionContains([.. poolRegions], Aws.REGION),
                    AssertDescription = $"email.sesRegion {sesRegion} serves user pools in {string.Join(", ", poolRegions)} only: deploy there or change email.sesRegion",
                },
            ],
        });
    }
}
