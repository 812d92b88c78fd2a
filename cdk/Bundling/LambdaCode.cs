using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using CognitoStack.Cdk.Constructs;

namespace CognitoStack.Cdk.Bundling;

/// <summary>The backend as Lambda code: src/CognitoStack.Backend published as portable IL.</summary>
public static class BackendCode
{
    /// <summary>The backend project, relative to the repository root.</summary>
    public const string ProjectPath = "src/CognitoStack.Backend";

    /// <summary>
    /// An asset whose hash is taken from the backend's source (build output excluded), bundled with
    /// <c>dotnet publish</c>. When bundling is skipped for a stack (tests set the context
    /// <c>aws:cdk:bundling-stacks</c> to none), the CDK uses the same source hash without publishing.
    /// </summary>
    public static Code FromRepository(string repositoryRoot)
    {
        var projectDirectory = Path.Combine(repositoryRoot, ProjectPath);
        return Code.FromAsset(projectDirectory, new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            AssetHashType = AssetHashType.SOURCE,
            Exclude = ["bin", "obj"],
            Bundling = new BundlingOptions
            {
                // Only used if local bundling declined, which it never does: it publishes or fails.
                Image = BackendFunction.Dotnet10.BundlingImage,
                Local = new DotnetPublishBundling(projectDirectory),
                OutputType = BundlingOutput.NOT_ARCHIVED,
            },
        });
    }
}
