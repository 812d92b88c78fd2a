using System.Diagnostics;

namespace CognitoStack.Backend.HelloWorld;

/// <summary>Prints one JSON line with the milliseconds since process start, like the cold-start program.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main()
    {
        var sinceStartMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Console.WriteLine(FormattableString.Invariant($"{{\"program\":\"hello\",\"ok\":true,\"sinceProcessStartMs\":{sinceStartMs:F1}}}"));
    }
}
