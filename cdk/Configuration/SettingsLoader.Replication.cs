using System.Text.RegularExpressions;

namespace CognitoStack.Cdk.Configuration;

/// <summary>The <c>replication</c> section and the rules between it and the rest of an environment.</summary>
public static partial class SettingsLoader
{
    /// <summary>AWS's page on multi-Region replication, quoted by the rules below.</summary>
    internal const string ReplicationPage = "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html";

    /// <summary>AWS's user pool endpoints reference, whose OIDC issuer section the issuer rule quotes.</summary>
    internal const string IssuerPage = "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html";

    private static ReplicationSettings ReadReplication(SettingsReader r)
    {
        var enabled = r.Bool("enabled", false);
        var region = r.OptionalString("region", RegionName(), RegionRule);
        return new ReplicationSettings
        {
            Enabled = enabled,
            Region = enabled && region is null
                ? throw r.Missing("region", $"set the replica Region while enabled is true; {RegionRule}")
                : region,
            ExistingKeyArn = r.OptionalString("existingKeyArn", MultiRegionKeyArn(),
                "use the ARN of a multi-Region KMS key (arn:aws:kms:REGION:ACCOUNT:key/mrk-<32 hex digits>); AWS requires a multi-Region key for replication"),
            Issuer = r.Enum("issuer", Choices.Issuer, IssuerType.Original),
            Status = r.Enum("status", Choices.ReplicaStatus, ReplicaStatus.Inactive),
            FailoverHealthCheckId = r.OptionalString("failoverHealthCheckId", HealthCheckId(),
                "use the id of a Route 53 health check (a UUID such as 11111111-2222-3333-4444-555555555555)"),
            AllowTotpLockout = r.Bool("allowTotpLockout", false),
            AllowDestroy = r.Bool("allowDestroy", false),
        };
    }

    /// <summary>Rules between <c>replication</c> and the rest; each names both keys and links AWS's page.</summary>
    private static void CheckReplication(EnvironmentSettings s, string path)
    {
        var replication = s.Replication;
        if (!replication.Enabled)
        {
            return;
        }

        var key = $"{path}.replication";
        if (s.UserPool.FeaturePlan == FeaturePlan.Lite)
        {
            throw new ConfigurationException(
                $"{key}.enabled true is invalid with userPool.featurePlan \"LITE\": multi-Region replication needs ESSENTIALS or PLUS ({ReplicationPage}); choose one of those or set enabled false");
        }

        if (s.Region is not { } primary)
        {
            throw new ConfigurationException(
                $"{key}.region \"{replication.Region}\" is invalid with region left out: the replica Region must differ from the primary, so write the primary region out");
        }

        if (replication.Region == primary)
        {
            throw new ConfigurationException(
                $"{key}.region \"{replication.Region}\" is invalid: it is the primary region; use another region of the {CognitoRules.SupportedPartition} partition");
        }

        if (replication.ExistingKeyArn is { } arn)
        {
            var match = MultiRegionKeyArn().Match(arn);
            if (match.Groups["region"].Value != primary)
            {
                throw new ConfigurationException(
                    $"{key}.existingKeyArn \"{arn}\" is invalid with region \"{primary}\": the pool uses the key in its own Region; use the ARN of the key's copy in {primary}");
            }

            if (s.Account is { } account && match.Groups["account"].Value != account)
            {
                throw new ConfigurationException(
                    $"{key}.existingKeyArn \"{arn}\" is invalid with account \"{account}\": use a key of that account");
            }
        }

        if (s.Waf.Enabled && CognitoRules.RegionsWithoutUserPoolWaf.Contains(replication.Region!))
        {
            throw new ConfigurationException(
                $"{key}.region \"{replication.Region}\" is invalid with waf.enabled true: AWS WAF cannot protect user pools in {string.Join(" and ", CognitoRules.RegionsWithoutUserPoolWaf)}, and the replica gets the pool's web ACL; choose another region or set waf.enabled false");
        }

        if (s.UserPool.Mfa != MfaMode.Off && !s.UserPool.MfaFactors.Contains(MfaFactor.Email) && !replication.AllowTotpLockout)
        {
            throw new ConfigurationException(
                $"{key}.enabled true is invalid with userPool.mfa \"{Choices.Mfa.NameOf(s.UserPool.Mfa)}\" and mfaFactors without EMAIL: secondary replicas do not support TOTP MFA, so users with TOTP cannot sign in in the replica ({ReplicationPage}); add EMAIL to userPool.mfaFactors or write out replication.allowTotpLockout true");
        }

        if (replication.Issuer == IssuerType.Updated && s.Api.Authorizer == ApiAuthorizer.Cognito)
        {
            throw new ConfigurationException(
                $"{key}.issuer \"UPDATED\" is invalid with api.authorizer \"COGNITO\": \"The updated issuer type is not currently compatible with ... Amazon API Gateway Amazon Cognito authorizers\" ({IssuerPage}); use ORIGINAL, or set api.authorizer to JWT");
        }

        // "Email configuration for threat protection notifications" is one of the settings each replica configures
        // on its own ({ReplicationPage}, "Things to know"), and AWS::Cognito::UserPoolRegionalConfigurationAttachment
        // takes no such property (registry spec 0.1.216: EmailConfiguration, LambdaConfig, SmsConfiguration, Status,
        // UserPoolTags): the replica would notify no one, or from an address nobody chose.
        if (s.UserPool.RiskActions is { NotifyUsers: true })
        {
            throw new ConfigurationException(
                $"{key}.enabled true is invalid with userPool.riskActions.notifyUsers true: each replica has its own email configuration for threat-protection notifications ({ReplicationPage}), which CloudFormation cannot set, so users would get no notice from the replica; set notifyUsers false or replication.enabled false");
        }

        if (s.RemovalPolicy == StatefulRemovalPolicy.Destroy && !replication.AllowDestroy)
        {
            throw new ConfigurationException(
                $"{key}.enabled true is invalid with removalPolicy \"DESTROY\": deleting the stack deletes the directory and its replica; use RETAIN, or write out replication.allowDestroy true for a throwaway environment");
        }
    }

    /// <summary>
    /// AWS names the Regions that take a replica in its launch post (June 2026) and on <see cref="ReplicationPage"/>;
    /// this app keeps no copy of that list it could verify, so a replicated environment is reminded at synth.
    /// </summary>
    private static IReadOnlyList<string> ReplicationWarnings(EnvironmentSettings settings) =>
        settings.Replication is { Enabled: true, Region: { } region }
            ? [$"environments.{settings.Name}.replication.region \"{region}\" is not checked against the Regions AWS offers replication in: the list is not verified here; confirm the Region on {ReplicationPage} before deploying (docs/replication.md)."]
            : [];

    /// <summary>A multi-Region key ARN of the aws partition (key ids of multi-Region keys start with <c>mrk-</c>).</summary>
    [GeneratedRegex("^arn:aws:kms:(?<region>(?!cn-)[a-z]{2}-[a-z]+-[0-9]):(?<account>[0-9]{12}):key/mrk-[0-9a-f]{32}\\z")]
    private static partial Regex MultiRegionKeyArn();

    /// <summary>A Route 53 health check id (a UUID; Cognito takes at most 64 characters).</summary>
    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\z")]
    private static partial Regex HealthCheckId();
}
