using Amazon.CDK.AWS.Cognito;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Who sends threat protection's emails: an SES identity and the addresses, as the pool's sender has them.</summary>
/// <param name="SourceArn">ARN of the verified SES identity (domain or address).</param>
/// <param name="From">The From header.</param>
/// <param name="ReplyTo">Where replies go; null for the From address.</param>
public sealed record RiskNotificationSender(string SourceArn, string From, string? ReplyTo);

/// <summary>Props of <see cref="ThreatResponses"/>. Actions are CloudFormation's <c>EventAction</c> spellings.</summary>
public sealed record ThreatResponsesProps
{
    /// <summary>The pool whose threat protection acts.</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>On compromised credentials: <c>BLOCK</c> or <c>NO_ACTION</c>.</summary>
    public required string CompromisedCredentials { get; init; }

    /// <summary>On low account-takeover risk.</summary>
    public required string LowRisk { get; init; }

    /// <summary>On medium account-takeover risk.</summary>
    public required string MediumRisk { get; init; }

    /// <summary>On high account-takeover risk.</summary>
    public required string HighRisk { get; init; }

    /// <summary>Emails users about risky sign-ins at every level; null sends none.</summary>
    public RiskNotificationSender? Notifications { get; init; }

    /// <summary>CIDR ranges always blocked.</summary>
    public required IReadOnlyList<string> BlockedIpRanges { get; init; }

    /// <summary>CIDR ranges never risk-checked.</summary>
    public required IReadOnlyList<string> SkippedIpRanges { get; init; }
}

/// <summary>
/// The pool-wide risk configuration (<c>ClientId: ALL</c>) that makes threat protection in ENFORCED mode act:
/// what happens on a leaked password and at each account-takeover risk level, who is told, and which IP ranges
/// are always blocked or never checked.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolriskconfigurationattachment.html
/// </summary>
public sealed class ThreatResponses : Construct
{
    /// <summary>Creates the risk configuration.</summary>
    public ThreatResponses(Construct scope, string id, ThreatResponsesProps props)
        : base(scope, id)
    {
        var notify = props.Notifications is not null;
        Configuration = new CfnUserPoolRiskConfigurationAttachment(this, "RiskConfiguration", new CfnUserPoolRiskConfigurationAttachmentProps
        {
            UserPoolId = props.UserPool.UserPoolId,
            // ALL: the default of every client without its own configuration (none here has one).
            ClientId = "ALL",
            // No EventFilter: sign-in, password change and sign-up, Cognito's default.
            CompromisedCredentialsRiskConfiguration = new CfnUserPoolRiskConfigurationAttachment.CompromisedCredentialsRiskConfigurationTypeProperty
            {
                Actions = new CfnUserPoolRiskConfigurationAttachment.CompromisedCredentialsActionsTypeProperty { EventAction = props.CompromisedCredentials },
            },
            AccountTakeoverRiskConfiguration = new CfnUserPoolRiskConfigurationAttachment.AccountTakeoverRiskConfigurationTypeProperty
            {
                Actions = new CfnUserPoolRiskConfigurationAttachment.AccountTakeoverActionsTypeProperty
                {
                    LowAction = Action(props.LowRisk, notify),
                    MediumAction = Action(props.MediumRisk, notify),
                    HighAction = Action(props.HighRisk, notify),
                },
                NotifyConfiguration = props.Notifications is { } sender
                    ? new CfnUserPoolRiskConfigurationAttachment.NotifyConfigurationTypeProperty
                    {
                        SourceArn = sender.SourceArn,
                        From = sender.From,
                        ReplyTo = sender.ReplyTo,
                    }
                    : null,
            },
            RiskExceptionConfiguration = props.BlockedIpRanges.Count + props.SkippedIpRanges.Count > 0
                ? new CfnUserPoolRiskConfigurationAttachment.RiskExceptionConfigurationTypeProperty
                {
                    BlockedIpRangeList = props.BlockedIpRanges.Count > 0 ? [.. props.BlockedIpRanges] : null,
                    SkippedIpRangeList = props.SkippedIpRanges.Count > 0 ? [.. props.SkippedIpRanges] : null,
                }
                : null,
        });
    }

    /// <summary>The risk configuration resource.</summary>
    public CfnUserPoolRiskConfigurationAttachment Configuration { get; }

    private static CfnUserPoolRiskConfigurationAttachment.AccountTakeoverActionTypeProperty Action(string action, bool notify) =>
        new() { EventAction = action, Notify = notify };
}
