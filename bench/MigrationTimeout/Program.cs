using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CognitoStack.Triggers;

namespace CognitoStack.Bench.MigrationTimeout;

/// <summary>
/// The user migration trigger's cold path with an old pool that never answers: a loopback TCP listener stands in
/// as the HTTPS proxy (<c>HTTPS_PROXY</c>, which .NET's HttpClient honours) and holds every connection without a
/// byte in reply, so both calls wait for <see cref="UserMigration.HttpTimeout"/>. The trigger is built with its
/// Lambda constructor (environment variables, the shared HttpClient) and answers one
/// <c>UserMigration_Authentication</c> event. Usage: <c>MigrationTimeout &lt;event.json&gt;</c>. Prints one JSON line.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">The event file.</param>
    /// <returns>0 when the trigger refused after both calls were sent, 1 on bad usage, 2 otherwise.</returns>
    public static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: MigrationTimeout <user-migration-authentication.json>");
            return 1;
        }

        var e = File.ReadAllBytes(args[0]);
        using var stall = new TcpListener(IPAddress.Loopback, 0);
        stall.Start();
        var held = new ConcurrentQueue<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                held.Enqueue(await stall.AcceptTcpClientAsync().ConfigureAwait(false));
            }
        });

        Environment.SetEnvironmentVariable("HTTPS_PROXY", $"http://127.0.0.1:{((IPEndPoint)stall.LocalEndpoint).Port}");
        Environment.SetEnvironmentVariable("NO_PROXY", null);
        Environment.SetEnvironmentVariable("OLD_USER_POOL_ID", "eu-west-1_OldPool01");
        Environment.SetEnvironmentVariable("OLD_CLIENT_ID", "7example23456789old");
        Environment.SetEnvironmentVariable("OLD_REGION", "eu-west-1");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

        var clock = Stopwatch.StartNew();
        var trigger = new UserMigration();
        var constructMs = clock.Elapsed.TotalMilliseconds;
        var refused = false;
        try
        {
            using var answer = trigger.Handle(new MemoryStream(e, writable: false));
        }
        catch (UserNotMigratedException)
        {
            refused = true;
        }

        var handleMs = clock.Elapsed.TotalMilliseconds - constructMs;
        var sinceStartMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        var ok = refused && held.Count == 2;
        Console.WriteLine(FormattableString.Invariant(
            $"{{\"program\":\"migration-timeout\",\"ok\":{(ok ? "true" : "false")},\"connections\":{held.Count},\"httpTimeoutMs\":{UserMigration.HttpTimeout.TotalMilliseconds:F0},\"sinceProcessStartMs\":{sinceStartMs:F1},\"constructMs\":{constructMs:F1},\"handleMs\":{handleMs:F1}}}"));
        return ok ? 0 : 2;
    }
}
