using System.Diagnostics;
using System.Globalization;
using Amazon.CDK;

// Usage: JsiiFloor <outdir> [<round trips>]. An empty App and Stack, synthesized: the least a C# CDK app can
// do. With a count, it then times that many jsii round trips of the two kinds an app makes most (a static
// call returning an object, an instance property read) and prints one JSON line with the cost of one.
if (args.Length is not (1 or 2) || (args.Length == 2 && !int.TryParse(args[1], CultureInfo.InvariantCulture, out _)))
{
    await Console.Error.WriteLineAsync("usage: JsiiFloor <outdir> [<round trips>]");
    return 2;
}

var app = new App(new AppProps { Outdir = args[0], AnalyticsReporting = false });
var stack = new Stack(app, "Empty");
app.Synth();
if (args.Length == 2)
{
    var count = int.Parse(args[1], CultureInfo.InvariantCulture);
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        _ = Duration.Seconds(i);
        _ = stack.Region;
    }

    var microseconds = clock.Elapsed.TotalMicroseconds / (2.0 * count);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"roundTrips\":{2 * count},\"microsecondsPerRoundTrip\":{microseconds:F1}}}"));
}

return 0;
