using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="UserPoolLogExport"/>.</summary>
public sealed record UserPoolLogExportProps
{
    /// <summary>The user pool whose logs are exported.</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>
    /// Whether to export threat protection's user-activity logs (<c>userAuthEvents</c>); Cognito writes
    /// them only on the Plus plan with threat protection on.
    /// </summary>
    public required bool ExportUserAuthEvents { get; init; }

    /// <summary>Retention of the log groups.</summary>
    public required RetentionDays Retention { get; init; }

    /// <summary>What happens to the log groups when they leave the stack.</summary>
    public required RemovalPolicy RemovalPolicy { get; init; }
}

/// <summary>
/// Exports the user pool's own logs to CloudWatch Logs: message-delivery errors (<c>userNotification</c>,
/// ERROR, every plan) and, where enabled, threat protection's user-activity log (<c>userAuthEvents</c>, INFO).
/// https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html
/// </summary>
/// <remarks>
/// No account-level <c>AWS::Logs::ResourcePolicy</c> is declared: an account has at most 10 of them per
/// region. When the delivery is set up, CloudWatch Logs gives each log group a policy of its own that lets
/// <c>delivery.logs.amazonaws.com</c> write only to that group, conditioned on this account
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-CWL.html, "Logging that
/// requires additional permissions"); the deploying role needs <c>logs:CreateLogDelivery</c>,
/// <c>logs:PutResourcePolicy</c>, <c>logs:DescribeResourcePolicies</c> and <c>logs:DescribeLogGroups</c>
/// (the last three on every log group of the account), which the CDK's CloudFormation execution role has.
/// Where an account-level policy already grants the delivery service access through wildcards, no group
/// policy is created and that account policy decides (same page).
/// The <c>/aws/vendedlogs/</c> prefix keeps delivery working where an account still uses the shared,
/// size-limited account policy, which then falls back to allowing that prefix
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-logdeliveryconfiguration-cloudwatchlogsconfiguration.html).
/// The log groups are not KMS-encrypted: Cognito cannot deliver to an encrypted group (same page).
/// </remarks>
public sealed class UserPoolLogExport : Construct
{
    /// <summary>Creates the log groups and the delivery configuration.</summary>
    public UserPoolLogExport(Construct scope, string id, UserPoolLogExportProps props)
        : base(scope, id)
    {
        UserNotificationLogs = CreateLogGroup("UserNotificationLogs", "user-notification", props);
        var configurations = new List<CfnLogDeliveryConfiguration.ILogConfigurationProperty>
        {
            Configuration("userNotification", "ERROR", UserNotificationLogs),
        };
        if (props.ExportUserAuthEvents)
        {
            UserAuthEventLogs = CreateLogGroup("UserAuthEventLogs", "user-auth-events", props);
            configurations.Add(Configuration("userAuthEvents", "INFO", UserAuthEventLogs));
        }

        // AWS::Cognito::LogDeliveryConfiguration: UserPoolId, LogConfigurations (at most 2) of
        // EventSource, LogLevel and CloudWatchLogsConfiguration.LogGroupArn.
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-logdeliveryconfiguration.html
        new CfnLogDeliveryConfiguration(this, "Delivery", new CfnLogDeliveryConfigurationProps
        {
            UserPoolId = props.UserPool.UserPoolId,
            LogConfigurations = configurations.ToArray(),
        });
    }

    /// <summary>Message-delivery errors (email and SMS the pool could not send).</summary>
    public LogGroup UserNotificationLogs { get; }

    /// <summary>Threat protection's user-activity log; null where it is not exported.</summary>
    public LogGroup? UserAuthEventLogs { get; }

    private LogGroup CreateLogGroup(string id, string suffix, UserPoolLogExportProps props) =>
        new(this, id, new LogGroupProps
        {
            // Named after the pool id: unique per pool, so a retained group never blocks a new pool's stack.
            LogGroupName = $"/aws/vendedlogs/cognito/{props.UserPool.UserPoolId}/{suffix}",
            Retention = props.Retention,
            RemovalPolicy = props.RemovalPolicy,
        });

    private CfnLogDeliveryConfiguration.LogConfigurationProperty Configuration(string eventSource, string level, LogGroup logGroup) => new()
    {
        EventSource = eventSource,
        LogLevel = level,
        CloudWatchLogsConfiguration = new CfnLogDeliveryConfiguration.CloudWatchLogsConfigurationProperty
        {
            // The group's own ARN: LogGroup.LogGroupArn ends in ":*", which LogGroupArn's pattern rejects.
            LogGroupArn = Stack.Of(this).FormatArn(new ArnComponents
            {
                Service = "logs",
                Resource = "log-group",
                ResourceName = logGroup.LogGroupName,
                ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
            }),
        },
    };
}
