namespace CognitoStack.Cdk.Tests.Docs;

/// <summary>One-line description of each setting key (dotted path below the environment), for the generated configuration reference.</summary>
internal static class SettingDescriptions
{
    public static IReadOnlyDictionary<string, string> ByKey { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["backup.enabled"] = "Whether the Backup stack (scheduled user export to a locked bucket) is deployed.",
        ["backup.schedule"] = "When the export runs: an EventBridge rate expression from rate(1 hour) to rate(6 days).",
        ["backup.retentionDays"] = "Days each export stays locked (S3 Object Lock, governance mode).",
        ["backup.expireAfterDays"] = "Days after which exports expire; at least retentionDays.",
        ["backup.maxDropPercent"] = "Fall of the exported user count since the previous export, in percent, that raises the mass-deletion alarm.",
    };
}
