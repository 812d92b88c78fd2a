using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Identity;

[Collection(SynthCollection.Name)]
public sealed class OutputTests(SynthFixture synth)
{
    [Theory]
    [InlineData("dev", "SmokeTestClientId")]
    [InlineData("prod")]
    public void IdentityStack_Should_OutputWhatClientsNeed(string env, params string[] optional)
    {
        // Exports of cross-stack references are CDK-generated and not part of this list.
        var outputs = synth[env].Json["Identity"]["Outputs"]!.AsObject().Select(o => o.Key)
            .Where(k => !k.StartsWith("ExportsOutput", StringComparison.Ordinal));

        string[] always = ["ConfidentialClientId", "HostedUiUrl", "IdentityPoolId", "MachineClientId", "Region", "UserFilesBucketName", "UserPoolArn", "UserPoolId", "WebClientId"];
        Assert.Equal(always.Concat(optional).Order(StringComparer.Ordinal), outputs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IdentityStack_Should_OutputTheAgentClientId_When_TheEnvironmentHasAnAgentClient() =>
        Assert.Contains("AgentClientId", synth["complete"].Json["Identity"]["Outputs"]!.AsObject().Select(o => o.Key));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void HostedUiUrl_Should_BeBuiltFromTheDomainAndRegion(string env)
    {
        var value = SynthesizedEnvironment.Text(synth[env].Json["Identity"]["Outputs"]!["HostedUiUrl"]!["Value"]);

        Assert.Contains("https://", value, StringComparison.Ordinal);
        Assert.Contains(".auth.", value, StringComparison.Ordinal);
        Assert.Contains("amazoncognito.com", value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void ApiStack_Should_OutputTheApiUrl(string env) =>
        Assert.NotNull(synth[env].Json["Api"]["Outputs"]!["ApiUrl"]);

    [Fact]
    public void NoOutput_Should_ExposeAClientSecret() =>
        Assert.All(synth.All, env => Assert.All(env.StackIds, stack =>
            Assert.DoesNotContain("ClientSecret", SynthesizedEnvironment.Text(env.Json[stack]["Outputs"]), StringComparison.Ordinal)));
}
