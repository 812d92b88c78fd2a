using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;

namespace CognitoStack.Cdk.Bundling;

/// <summary>
/// Bundles a .NET Lambda project on this machine with <see cref="DotnetPublish"/> (no Docker): a
/// framework-dependent ReadyToRun publish for <paramref name="runtimeIdentifier"/>, or with <paramref name="nativeAot"/> a Native AOT <c>bootstrap</c>. The CDK calls it only
/// when no asset with the same hash exists in the cloud assembly yet, so an unchanged function is not
/// published again.
/// </summary>
/// <remarks>Derives from <see cref="DeputyBase"/> because jsii calls it back from the CDK's Node process.</remarks>
public sealed class DotnetPublishBundling(string projectDirectory, string runtimeIdentifier, bool nativeAot = false) : DeputyBase, ILocalBundling
{
    /// <summary>Publishes the project into <paramref name="outputDir"/>; throws with dotnet's output on failure.</summary>
    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        DotnetPublish.Run(projectDirectory, outputDir, runtimeIdentifier, nativeAot);
        return true;
    }
}
