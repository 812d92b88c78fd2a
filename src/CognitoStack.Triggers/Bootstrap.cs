using CognitoStack.Contract;
using CognitoStack.Lambda.Common.Runtime;

namespace CognitoStack.Triggers;

/// <summary>
/// The entry point of the triggers' Native AOT <c>bootstrap</c> (<c>provided.al2023</c>; see
/// docs/performance.md): one executable for every trigger, picking the handler by <c>_HANDLER</c>, which
/// holds the same <see cref="LambdaHandlers"/> string the managed runtime would load.
/// </summary>
public static class Bootstrap
{
    /// <summary>Every trigger of this assembly, by its handler string.</summary>
    public static IReadOnlyDictionary<string, Func<Func<Stream, Stream>>> Handlers { get; } =
        new Dictionary<string, Func<Func<Stream, Stream>>>(StringComparer.Ordinal)
        {
            [LambdaHandlers.PreTokenGeneration] = () => new PreTokenGeneration().Handle,
            [LambdaHandlers.PostConfirmation] = () => new PostConfirmation().Handle,
            [LambdaHandlers.UserMigration] = () => new UserMigration().Handle,
            [LambdaHandlers.PreSignUp] = () => new PreSignUp().Handle,
            [LambdaHandlers.CustomMessage] = () => new CustomMessage().Handle,
            [LambdaHandlers.InboundFederation] = () => new InboundFederation().Handle,
        };

    /// <summary>Runs the Lambda event loop (see <see cref="RuntimeLoop"/>).</summary>
    public static Task<int> Main() => RuntimeLoop.RunAsync(Handlers);
}
