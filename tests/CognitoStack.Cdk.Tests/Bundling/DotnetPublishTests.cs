using System.Reflection.PortableExecutable;
using CognitoStack.Cdk.Bundling;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Bundling;

// Every function is a framework-dependent linux-arm64 ReadyToRun publish (issue 22): precompiled code, so a
// cold start does not JIT the function's own methods.
public sealed class DotnetPublishTests
{
    // A ReadyToRun image for Linux stores its machine XOR-ed with 0x7B79 (crossgen2's Linux
    // "machine OS override"), so the plain loader never mistakes it for a Windows image.
    private const Machine LinuxArm64ReadyToRun = (Machine)(0xAA64 ^ 0x7B79);

    [Fact]
    public void Settings_Should_PublishFrameworkDependentReadyToRunForLinuxArm64() =>
        Assert.Equal(
            ["--configuration", "Release", "--runtime", "linux-arm64", "--self-contained", "false", "-p:PublishReadyToRun=true"],
            DotnetPublish.Settings(DotnetPublish.LinuxArm64));

    [Fact]
    public void Arguments_Should_PublishTheProjectWithTheSettingsIntoTheOutput() =>
        Assert.Equal(
            ["publish", "/repo/src/Fn", "--configuration", "Release", "--runtime", "linux-x64", "--self-contained", "false",
                "-p:PublishReadyToRun=true", "--output", "/out", "--nologo", "--verbosity", "quiet"],
            DotnetPublish.Arguments("/repo/src/Fn", "/out", DotnetPublish.LinuxX64));

    [Theory]
    [InlineData("linux-musl-arm64")]
    [InlineData("win-x64")]
    [InlineData("")]
    public void Settings_Should_Refuse_When_TheRuntimeIdentifierIsNotALambdaArchitecture(string runtimeIdentifier) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DotnetPublish.Settings(runtimeIdentifier));

    [Fact]
    public void AssetHash_Should_Change_When_ThePublishSettingsChange()
    {
        var files = PublishInputs.Files(Repository.Root, LambdaCode.TriggersProject);

        var hashes = new[]
        {
            PublishInputs.Hash(Repository.Root, files),
            PublishInputs.Hash(Repository.Root, files, DotnetPublish.Settings(DotnetPublish.LinuxArm64)),
            PublishInputs.Hash(Repository.Root, files, DotnetPublish.Settings(DotnetPublish.LinuxX64)),
        };

        Assert.Equal(3, hashes.Distinct(StringComparer.Ordinal).Count());
    }

    // Publishes a real function (the triggers) the way the CDK bundles it, then reads the asset's PE headers.
    [Fact]
    public void Asset_Should_HoldLinuxArm64ReadyToRunCodeAndNoRuntime_When_AFunctionIsPublished()
    {
        var output = Directory.CreateTempSubdirectory("dotnet-publish-").FullName;
        try
        {
            DotnetPublish.Run(Path.Combine(Repository.Root, LambdaCode.TriggersProject), output, DotnetPublish.LinuxArm64);

            var assemblies = Directory.GetFiles(output, "*.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            // AWSSDK.Core and its two dependencies: the call layer's credential providers (issue #25).
            Assert.Equal(["AWSSDK.Core.dll", "AWSSDK.Extensions.Numerics.dll", "CognitoStack.Contract.dll", "CognitoStack.Lambda.Common.dll",
                "CognitoStack.Triggers.dll", "System.IO.Hashing.dll"], assemblies);
            Assert.All(assemblies, name =>
            {
                using var pe = new PEReader(File.OpenRead(Path.Combine(output, name!)));
                Assert.Equal(LinuxArm64ReadyToRun, pe.PEHeaders.CoffHeader.Machine);
                Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{name} has no ReadyToRun header");
            });
            // Framework-dependent: the managed runtime brings .NET; the package carries no runtime of its own.
            Assert.True(File.Exists(Path.Combine(output, "CognitoStack.Triggers.runtimeconfig.json")));
            Assert.Empty(Directory.GetFiles(output, "*.so"));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
