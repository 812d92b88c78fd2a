using Amazon.CDK;
using CognitoStack.Cdk.Bundling;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Stacks;

namespace CognitoStack.Cdk;

/// <summary>The stacks of one environment, added to an app.</summary>
public sealed record CognitoApp(IdentityStack Identity, ApiStack Api)
{
    /// <summary>Adds the stateful Identity stack and the stateless Api stack for <paramref name="settings"/>.</summary>
    public static CognitoApp AddTo(App app, EnvironmentSettings settings, LambdaCode code)
    {
        var environment = settings.Account is null && settings.Region is null
            ? null
            : new Amazon.CDK.Environment { Account = settings.Account, Region = settings.Region };

        Tags.Of(app).Add("Application", "CognitoStack");
        Tags.Of(app).Add("Environment", settings.Name);

        var removalPolicy = PropsFromSettings.RemovalPolicy(settings);
        var identity = new IdentityStack(app, "Identity", settings, new IdentityStackProps
        {
            TriggersCode = code.Triggers,
            RemovalPolicy = removalPolicy,
            StackProps = new StackProps
            {
                StackName = $"CognitoStack-{settings.Name}-Identity",
                Description = $"CognitoStack {settings.Name}: user pool, app clients, identity pool and user files (stateful)",
                Env = environment,
                TerminationProtection = removalPolicy == RemovalPolicy.RETAIN,
            },
        });
        var api = new ApiStack(app, "Api", settings, new ApiStackProps
        {
            Identity = identity,
            BackendCode = code.Backend,
            RemovalPolicy = removalPolicy,
            StackProps = new StackProps
            {
                StackName = $"CognitoStack-{settings.Name}-Api",
                Description = $"CognitoStack {settings.Name}: protected REST API and backend (stateless)",
                Env = environment,
            },
        });
        SupportedPartition.Require(identity);
        SupportedPartition.Require(api);
        return new CognitoApp(identity, api);
    }
}
