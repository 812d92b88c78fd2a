using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace CognitoStack.Backend.ColdStart;

/// <summary>
/// Cold start of a handler, the way the Lambda .NET runtime does it: load the published assembly,
/// create the handler class (reading configuration from environment variables) and answer one event.
/// Usage: <c>dotnet CognitoStack.Backend.ColdStart.dll &lt;publish dir&gt;/ASSEMBLY.dll &lt;event.json&gt; [TYPE [EXPECTED]]</c>;
/// TYPE defaults to the backend's <c>CognitoStack.Backend.Function</c> and EXPECTED, text the answer must
/// contain, to <c>"statusCode":200</c> (for the pre token generation trigger:
/// <c>CognitoStack.Triggers.PreTokenGeneration claimsAndScopeOverrideDetails</c>).
/// Prints one JSON line: milliseconds since process start, and for load, construction and first invoke.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">The published assembly path, the event file, optionally the handler type and the expected text.</param>
    /// <returns>0 on success, 1 on bad usage or an assembly that cannot load here, 2 when the answer lacks the expected text.</returns>
    public static int Main(string[] args)
    {
        if (args.Length is < 2 or > 4)
        {
            Console.Error.WriteLine("usage: CognitoStack.Backend.ColdStart <assembly.dll> <event.json> [type [expected text]]");
            return 1;
        }

        var typeName = args.Length > 2 ? args[2] : "CognitoStack.Backend.Function";
        var expected = args.Length > 3 ? args[3] : "\"statusCode\":200";

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

        var type = assembly.GetType(typeName, throwOnError: true)!;
        var loadMs = clock.Elapsed.TotalMilliseconds;
        var function = Activator.CreateInstance(type)!;
        var handle = type.GetMethod("Handle", BindingFlags.Public | BindingFlags.Instance)!
            .CreateDelegate<Func<Stream, Stream>>(function);
        var constructMs = clock.Elapsed.TotalMilliseconds - loadMs;
        using var output = handle(new MemoryStream(e, 0, e.Length, writable: false, publiclyVisible: true));
        var handlerMs = clock.Elapsed.TotalMilliseconds;

        var ok = new StreamReader(output).ReadToEnd().Contains(expected, StringComparison.Ordinal);
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
