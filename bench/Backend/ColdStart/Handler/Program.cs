using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace CognitoStack.Backend.ColdStart;

/// <summary>
/// Cold start of the handler, the way the Lambda .NET runtime does it: load the published assembly,
/// create <c>Function</c> (reading configuration from environment variables) and answer one event.
/// Usage: <c>dotnet CognitoStack.Backend.ColdStart.dll &lt;publish dir&gt;/CognitoStack.Backend.dll &lt;event.json&gt;</c>.
/// Prints one JSON line: milliseconds since process start, and for load, construction and first invoke.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">The published assembly path and the event file.</param>
    /// <returns>0 on success, 1 on bad usage or an assembly that cannot load here, 2 when the handler did not answer 200.</returns>
    public static int Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: CognitoStack.Backend.ColdStart <CognitoStack.Backend.dll> <event.json>");
            return 1;
        }

        SetDefault("ENVIRONMENT_NAME", "bench");
        SetDefault("ADMIN_GROUP", "admin");
        SetDefault("READ_SCOPE", "myapp-api/read");
        SetDefault("WRITE_SCOPE", "myapp-api/write");
        SetDefault("ALLOWED_ORIGINS", "http://localhost:3000,http://localhost:5173");
        var e = File.ReadAllBytes(args[1]);

        // The backend's own dependencies (CognitoStack.Contract, CognitoStack.Lambda.Common) sit beside it in
        // the publish directory, as in the Lambda package; this program's context knows only its own.
        var publishDirectory = Path.GetDirectoryName(Path.GetFullPath(args[0]))!;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            Path.Combine(publishDirectory, name.Name + ".dll") is var path && File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;

        var clock = Stopwatch.StartNew();
        Assembly assembly;
        try
        {
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(args[0]));
        }
        catch (Exception exception) when (exception is FileLoadException or FileNotFoundException or BadImageFormatException)
        {
            // A publish for linux-arm64 cannot be loaded on x64: publish for this machine's RID to measure here.
            Console.Error.WriteLine($"cannot load {args[0]}: {exception.Message}");
            return 1;
        }

        var type = assembly.GetType("CognitoStack.Backend.Function", throwOnError: true)!;
        var loadMs = clock.Elapsed.TotalMilliseconds;
        var function = Activator.CreateInstance(type)!;
        var handle = type.GetMethod("Handle", BindingFlags.Public | BindingFlags.Instance)!
            .CreateDelegate<Func<Stream, Stream>>(function);
        var constructMs = clock.Elapsed.TotalMilliseconds - loadMs;
        using var output = handle(new MemoryStream(e, 0, e.Length, writable: false, publiclyVisible: true));
        var handlerMs = clock.Elapsed.TotalMilliseconds;

        var ok = new StreamReader(output).ReadToEnd().Contains("\"statusCode\":200", StringComparison.Ordinal);
        var sinceStartMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Console.WriteLine(FormattableString.Invariant(
            $"{{\"program\":\"handler\",\"ok\":{(ok ? "true" : "false")},\"sinceProcessStartMs\":{sinceStartMs:F1},\"handlerMs\":{handlerMs:F1},\"loadMs\":{loadMs:F1},\"constructMs\":{constructMs:F1},\"firstInvokeMs\":{handlerMs - loadMs - constructMs:F1}}}"));
        return ok ? 0 : 2;
    }

    private static void SetDefault(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
