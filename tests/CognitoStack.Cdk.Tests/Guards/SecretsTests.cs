using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Guards;

/// <summary>Nothing secret is ever a literal in a template, and client secrets are never read out.</summary>
[Collection(SynthCollection.Name)]
public sealed partial class SecretsTests(SynthFixture synth)
{
    [Fact]
    public void NoTemplate_Should_ContainASecret()
    {
        var findings = synth.All
            .SelectMany(env => env.StackIds.SelectMany(stack =>
                Scan(env.Json[stack]).Select(f => $"{env.Settings.Name}/{stack}: {f}")))
            .ToList();

        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("""{"Outputs":{"Leak":{"Value":{"Fn::GetAtt":["Client","ClientSecret"]}}}}""", "ClientSecret")]
    [InlineData("""{"Resources":{"Idp":{"Properties":{"ProviderDetails":{"client_secret":"s3cr3t-literal"}}}}}""", "client_secret")]
    [InlineData("""{"Resources":{"Fn":{"Properties":{"Environment":{"Variables":{"DB_PASSWORD":"hunter22"}}}}}}""", "DB_PASSWORD")]
    [InlineData("""{"Resources":{"Fn":{"Properties":{"Environment":{"Variables":{"KEY":"AKIAABCDEFGHIJKLMNOP"}}}}}}""", "access key")]
    public void Scan_Should_Flag_When_ASecretIsPlanted(string template, string expected) =>
        Assert.Contains(Scan(JsonNode.Parse(template)!), f => f.Contains(expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("""{"Resources":{"Idp":{"Properties":{"ProviderDetails":{"client_secret":"{{resolve:secretsmanager:google-oauth:SecretString:clientSecret}}"}}}}}""")]
    [InlineData("""{"Resources":{"Client":{"Properties":{"GenerateSecret":true}}}}""")]
    public void Scan_Should_Allow_DynamicReferencesAndFlags(string template) =>
        Assert.Empty(Scan(JsonNode.Parse(template)!));

    /// <summary>Every place in a template that holds or reads out a secret.</summary>
    internal static IEnumerable<string> Scan(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var childPath = $"{path}/{key}";
                    if (key == "Fn::GetAtt" && SynthesizedEnvironment.Text(value).Contains("ClientSecret", StringComparison.Ordinal))
                    {
                        yield return $"{childPath} reads a ClientSecret";
                    }

                    if (SecretName().IsMatch(key) && value is JsonValue literal && literal.TryGetValue<string>(out var text)
                        && !text.StartsWith("{{resolve:secretsmanager:", StringComparison.Ordinal))
                    {
                        yield return $"{childPath} is a literal secret ({key})";
                    }

                    foreach (var finding in Scan(value, childPath))
                    {
                        yield return finding;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var finding in Scan(array[i], $"{path}[{i}]"))
                    {
                        yield return finding;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var s) && AccessKey().IsMatch(s):
                yield return $"{path} holds an AWS access key id";
                break;
        }
    }

    [GeneratedRegex("(secret|password|passwd|private_?key|api_?key)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("(AKIA|ASIA)[0-9A-Z]{16}")]
    private static partial Regex AccessKey();
}
