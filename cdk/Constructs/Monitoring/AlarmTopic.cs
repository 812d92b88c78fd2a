using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;

namespace CognitoStack.Cdk.Constructs.Monitoring;

/// <summary>Props of <see cref="AlarmTopic"/>.</summary>
public sealed record AlarmTopicProps
{
    /// <summary>Addresses subscribed to the topic (each confirms by email once).</summary>
    public required IReadOnlyList<string> EmailAddresses { get; init; }
}

/// <summary>
/// The SNS topic alarms publish to: encrypted with a customer managed key (CloudWatch cannot publish to a
/// topic encrypted with the AWS managed SNS key), publishing only over TLS, and open to CloudWatch alarms of
/// this account only.
/// </summary>
public sealed class AlarmTopic : Construct
{
    /// <summary>Creates the key, the topic, its policy and the email subscriptions.</summary>
    public AlarmTopic(Construct scope, string id, AlarmTopicProps props)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        var key = new Key(this, "Key", new KeyProps
        {
            Description = "Encrypts the CognitoStack alarm topic",
            EnableKeyRotation = true,
            // Alarm messages are not kept: nothing stays encrypted under the key once the topic is gone.
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        KeyPolicies.LimitGrantsToAwsServices(key);

        Topic = new Topic(this, "Topic", new TopicProps
        {
            DisplayName = "CognitoStack alarms",
            MasterKey = key,
            // A topic policy that denies sns:Publish without aws:SecureTransport (cdk-nag SNS3).
            EnforceSSL = true,
        });

        // A topic policy replaces SNS's default one, so CloudWatch must be allowed explicitly; to publish to an
        // encrypted topic it also needs the key. Both only for alarms of this account and region.
        // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
        var cloudWatch = new ServicePrincipal("cloudwatch.amazonaws.com");
        var conditions = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
            ["ArnLike"] = new Dictionary<string, object>
            {
                ["aws:SourceArn"] = stack.FormatArn(new ArnComponents
                {
                    Service = "cloudwatch",
                    Resource = "alarm",
                    ResourceName = "*",
                    ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
                }),
            },
        };
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchAlarmsOfThisAccount",
            Principals = [cloudWatch],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = conditions,
        }));
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchAlarmsOfThisAccount",
            Principals = [cloudWatch],
            Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resources = ["*"],
            Conditions = conditions,
        }));

        foreach (var address in props.EmailAddresses)
        {
            var subscription = Topic.AddSubscription(new EmailSubscription(address));
            NagSuppressions.Add(subscription, "Serverless-SNSRedrivePolicy",
                "An email subscription of the alarm topic: a dead-letter queue would hold undelivered alarm emails where nobody reads them; "
                + "failed deliveries show as the topic's NumberOfNotificationsFailed on the operations dashboard, and every alarm's state stays in CloudWatch.");
        }
    }

    /// <summary>The topic.</summary>
    public ITopic Topic { get; }
}
