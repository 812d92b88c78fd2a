using Amazon.CDK;

// Usage: JsiiFloor <outdir>. An empty App and Stack, synthesized: the least a C# CDK app can do.
if (args.Length != 1)
{
    await Console.Error.WriteLineAsync("usage: JsiiFloor <outdir>");
    return 2;
}

var app = new App(new AppProps { Outdir = args[0], AnalyticsReporting = false });
_ = new Stack(app, "Empty");
app.Synth();
return 0;
