using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Identity;

/// <summary>
/// A changed logical ID replaces the resource: for the user pool that is a new, empty directory. These
/// IDs are a contract; a test failing here means a refactoring would lose users, files or identities.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class StatefulResourceTests(SynthFixture synth)
{
    public static TheoryData<string, string, string> PinnedLogicalIds()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var env in Repository.AllEnvironmentNames)
        {
            data.Add(env, "AWS::Cognito::UserPool", "UserDirectoryUserPoolD2758A4E");
            data.Add(env, "AWS::Cognito::IdentityPool", "IdentityFederationIdentityPoolFF77C2C6");
            data.Add(env, "AWS::S3::Bucket", "UserFilesBucketA0D7EE59");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PinnedLogicalIds))]
    public void StatefulResource_Should_KeepItsLogicalId(string env, string type, string logicalId) =>
        Assert.Contains(logicalId, synth[env].Resources("Identity", type).Select(r => r.LogicalId));

    [Fact]
    public void StatefulResources_Should_LiveOnlyInTheStatefulStacks()
    {
        string[] stateful = ["AWS::Cognito::UserPool", "AWS::Cognito::IdentityPool", "AWS::S3::Bucket"];

        // Identity, and Backup and Vault for the export buckets and their copies (stateful stacks of their own:
        // docs/disaster-recovery.md).
        Assert.All(synth.All, env => Assert.DoesNotContain(env.AllResources(),
            r => stateful.Contains((string?)r.Resource["Type"])
                && !(r.StackId == "Identity" || (r.StackId is "Backup" or "Vault" && (string?)r.Resource["Type"] == "AWS::S3::Bucket"))));
    }

    [Theory]
    [InlineData("dev", false)]
    [InlineData("prod", true)]
    public void IdentityStack_Should_BeTerminationProtected_When_DataIsRetained(string env, bool isProtected) =>
        Assert.Equal(isProtected, (bool?)synth[env].StackArtifact("Identity")["properties"]!["terminationProtection"] ?? false);

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void StackNames_Should_IncludeTheEnvironment(string env)
    {
        Assert.Equal($"CognitoStack-{env}-Identity", (string?)synth[env].StackArtifact("Identity")["properties"]!["stackName"] ?? "Identity");
        Assert.Equal($"CognitoStack-{env}-Api", (string?)synth[env].StackArtifact("Api")["properties"]!["stackName"] ?? "Api");
    }
}
