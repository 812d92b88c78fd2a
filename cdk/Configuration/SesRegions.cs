namespace CognitoStack.Cdk.Configuration;

/// <summary>
/// Where a user pool may send email through SES. Cognito's email settings page ("Amazon SES email
/// configuration Regions",
/// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html#user-pool-email-developer-region-mapping)
/// says a pool may always use SES in its own Region, and pools in the Regions of its table may instead
/// use the alternates listed there (us-east-1, us-west-2, eu-west-1). The alternates below are that
/// table; pools in Regions it does not list use their own Region only.
/// </summary>
internal static class SesRegions
{
    private const string UsEast1 = "us-east-1";
    private const string UsWest2 = "us-west-2";
    private const string EuWest1 = "eu-west-1";

    private static readonly string[] Legacy = [UsEast1, UsWest2, EuWest1];

    private static readonly Dictionary<string, string[]> Alternates = new(StringComparer.Ordinal)
    {
        ["us-east-1"] = Legacy,
        ["us-east-2"] = Legacy,
        ["us-west-2"] = Legacy,
        ["ca-central-1"] = Legacy,
        ["ap-northeast-1"] = Legacy,
        ["ap-northeast-2"] = Legacy,
        ["ap-south-1"] = Legacy,
        ["ap-southeast-1"] = Legacy,
        ["ap-southeast-2"] = Legacy,
        ["eu-west-1"] = Legacy,
        ["eu-west-2"] = Legacy,
        ["eu-central-1"] = Legacy,
    };

    /// <summary>The SES Regions a user pool in <paramref name="poolRegion"/> may send through, its own first.</summary>
    public static IReadOnlyList<string> For(string poolRegion) =>
        [poolRegion, .. Alternates.GetValueOrDefault(poolRegion, []).Where(r => r != poolRegion)];

    /// <summary>The user pool Regions that may send through SES in <paramref name="sesRegion"/>, sorted.</summary>
    public static IReadOnlyList<string> PoolRegionsUsing(string sesRegion) =>
        [.. Alternates.Where(a => a.Value.Contains(sesRegion, StringComparer.Ordinal)).Select(a => a.Key)
            .Append(sesRegion).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
