namespace CognitoStack.Cdk.Tests.Docs;

/// <summary>One-line descriptions of settings for the generated configuration reference, by key path below the environment.</summary>
internal static class SettingDescriptions
{
    public static IReadOnlyDictionary<string, string> ByKey { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["replication.enabled"] = "Replicates the user pool to a secondary Region (multi-Region replication; needs ESSENTIALS or PLUS and a primary region written out).",
        ["replication.region"] = "The replica Region: aws partition, not the primary region; required while enabled.",
        ["replication.existingKeyArn"] = "ARN of an existing multi-Region (mrk-) KMS key in the primary region with a replica in replication.region; left out, the key and its replica are created here and retained.",
        ["replication.issuer"] = "Token issuer: UPDATED (multi-Region, the same in every Region) or ORIGINAL; changes the iss of new tokens.",
        ["replication.status"] = "KEY_ONLY (key and issuer only, first step with a created key), INACTIVE or ACTIVE (the replica's regional status).",
        ["replication.failoverHealthCheckId"] = "Route 53 health check id that routes the managed login domain to the replica Region while unhealthy; left out, no routing.",
        ["replication.allowTotpLockout"] = "Written-out acceptance that users with TOTP MFA cannot sign in in the replica (secondaries do not support TOTP).",
        ["replication.allowDestroy"] = "Written-out acceptance of replication with removalPolicy DESTROY (throwaway environments).",
    };
}
