using CognitoStack.Contract;
using CognitoStack.Lambda.Common.Runtime;

namespace CognitoStack.Authorizer;

/// <summary>
/// The entry point of the authorizer's Native AOT <c>bootstrap</c> (<c>provided.al2023</c>, when the backend's
/// <c>publish</c> is <c>nativeAot</c>; see docs/performance.md), picking the handler by <c>_HANDLER</c> (the
/// <see cref="LambdaHandlers"/> string). A 401 (<see cref="AuthorizerFunction.Unauthorized"/>) leaves the loop as an
/// invocation error, as on the managed runtime.
/// </summary>
public static class Bootstrap
{
    /// <summary>The authorizer's handler, by its handler string.</summary>
    public static IReadOnlyDictionary<string, Func<Func<Stream, Stream>>> Handlers { get; } =
        new Dictionary<string, Func<Func<Stream, Stream>>>(StringComparer.Ordinal)
        {
            [LambdaHandlers.Authorizer] = () => new AuthorizerFunction().Handle,
        };

    /// <summary>Runs the Lambda event loop (see <see cref="RuntimeLoop"/>).</summary>
    public static Task<int> Main() => RuntimeLoop.RunAsync(Handlers);
}
