namespace CognitoStack.Cdk.Tests.Docs;

/// <summary>One-line descriptions of the settings, by dotted key below the environment (the generated reference's source).</summary>
internal static class SettingDescriptions
{
    public static IReadOnlyDictionary<string, string> ByKey { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["backend.snapStart"] = "boolean — Lambda SnapStart for the backend: each deployment publishes a version Lambda snapshots after initialization, and API Gateway invokes its `live` alias; billed per cached snapshot and per restore (see docs/performance.md); not offered in ap-southeast-6 and ap-east-2",
        ["triggers.snapStart"] = "boolean — Lambda SnapStart for both triggers, Cognito invoking their `live` alias (its trigger settings take a qualified ARN); billed per cached snapshot and per restore (see docs/performance.md); not offered in ap-southeast-6 and ap-east-2",
    };
}
