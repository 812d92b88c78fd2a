using BenchmarkDotNet.Running;

namespace CognitoStack.Authorizer.Benchmarks;

/// <summary>
/// Runs the authorizer benchmarks: <c>dotnet run -c Release --project bench/Authorizer -- --job short</c>.
/// Arguments go to BenchmarkDotNet.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">Command-line arguments.</param>
    public static void Main(string[] args)
    {
        var rest = args.ToList();
        if (!rest.Contains("--filter"))
        {
            rest.AddRange(["--filter", "*"]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest]);
    }
}
