namespace CognitoStack.Cdk.Configuration;

/// <summary>Lambda facts the settings are checked against, each with the AWS page it comes from.</summary>
public static class LambdaRules
{
    /// <summary>
    /// Regions where Lambda SnapStart is not offered: "available in all commercial Regions except Asia
    /// Pacific (New Zealand) and Asia Pacific (Taipei)" (Supported Regions,
    /// https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html), that is ap-southeast-6 (Auckland)
    /// and ap-east-2 (Taipei).
    /// </summary>
    public static readonly IReadOnlyList<string> RegionsWithoutSnapStart = ["ap-southeast-6", "ap-east-2"];
}
