using System.Text.Json;
using Amazon.CDK;
using CognitoStack.Cdk;
using CognitoStack.Cdk.Configuration;

try
{
    var app = new App();
    var name = app.Node.TryGetContext("env") switch
    {
        null => SettingsLoader.DefaultEnvironment,
        string value => value,
        var other => throw new ConfigurationException($"env {JsonSerializer.Serialize(other)} is invalid: use an environment name such as -c env=dev"),
    };
    var root = Directory.GetCurrentDirectory();
    var settings = SettingsLoader.Load(JsonSerializer.SerializeToElement(app.Node.TryGetContext("environments")), name, root);
    foreach (var warning in SettingsLoader.Warnings(settings))
    {
        await Console.Error.WriteLineAsync($"Warning: {warning}");
    }

    CognitoApp.AddTo(app, settings, CognitoApp.Code(root, settings));
    app.Synth();
    return 0;
}
catch (ConfigurationException error)
{
    await Console.Error.WriteLineAsync($"Configuration error: {error.Message}");
    return 1;
}
