using CognitoStack.Contract;
using CognitoStack.Lambda.Common.Runtime;

namespace CognitoStack.UserExport;

/// <summary>
/// The entry point of the user export's Native AOT <c>bootstrap</c> (<c>provided.al2023</c>; see
/// docs/performance.md), picking the handler by <c>_HANDLER</c> (the <see cref="LambdaHandlers"/> string).
/// </summary>
public static class Bootstrap
{
    /// <summary>The export's handler, by its handler string.</summary>
    public static IReadOnlyDictionary<string, Func<Func<Stream, Stream>>> Handlers { get; } =
        new Dictionary<string, Func<Func<Stream, Stream>>>(StringComparer.Ordinal)
        {
            [LambdaHandlers.UserExport] = () => new UserExportFunction().Handle,
        };

    /// <summary>Runs the Lambda event loop (see <see cref="RuntimeLoop"/>).</summary>
    public static Task<int> Main() => RuntimeLoop.RunAsync(Handlers);
}
