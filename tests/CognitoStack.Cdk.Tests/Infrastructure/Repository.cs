using System.Text.Json;

namespace CognitoStack.Cdk.Tests.Infrastructure;

/// <summary>Paths and files of the repository the tests run in.</summary>
internal static class Repository
{
    /// <summary>The directory holding CognitoStack.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>cdk.json, parsed.</summary>
    public static JsonElement CdkJson { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "cdk.json"))).RootElement;

    /// <summary>The <c>environments</c> context of cdk.json.</summary>
    public static JsonElement Environments => CdkJson.GetProperty("context").GetProperty("environments");

    /// <summary>Names of the environments in cdk.json.</summary>
    public static IReadOnlyList<string> EnvironmentNames => [.. Environments.EnumerateObject().Select(e => e.Name)];

    /// <summary>
    /// Environments only the tests synthesize (Fixtures/test-environments.json): everything optional turned
    /// on, such as external identity providers and a custom domain.
    /// </summary>
    public static JsonElement TestEnvironments { get; } = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(Root, "tests", "CognitoStack.Cdk.Tests", "Fixtures", "test-environments.json"))).RootElement;

    /// <summary>Names of the test-only environments.</summary>
    public static IReadOnlyList<string> TestEnvironmentNames => [.. TestEnvironments.EnumerateObject().Select(e => e.Name)];

    /// <summary>Every environment the tests synthesize: cdk.json's and the test-only ones.</summary>
    public static IReadOnlyList<string> AllEnvironmentNames => [.. EnvironmentNames, .. TestEnvironmentNames];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CognitoStack.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CognitoStack.sln above {AppContext.BaseDirectory}");
    }
}
