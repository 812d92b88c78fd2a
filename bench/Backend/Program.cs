using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CognitoStack.Backend.Benchmarks;

/// <summary>
/// Runs the benchmarks. <c>--quick</c> runs each benchmark once, in process, to check that they still
/// work (for CI); other arguments go to BenchmarkDotNet (e.g. <c>--job short</c>, <c>--filter *GetMe*</c>).
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">Command-line arguments.</param>
    public static void Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var rest = args.Where(a => a != "--quick").ToList();
        if (!rest.Contains("--filter"))
        {
            rest.AddRange(["--filter", "*"]);
        }

        var config = quick
            ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            : DefaultConfig.Instance;
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config);
    }
}
