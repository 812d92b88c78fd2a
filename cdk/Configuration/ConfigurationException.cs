namespace CognitoStack.Cdk.Configuration;

/// <summary>
/// An invalid or missing setting. The message names the key, the value received and what is allowed;
/// <c>Program</c> prints it as one line and exits non-zero instead of showing a stack trace.
/// </summary>
public sealed class ConfigurationException(string message) : Exception(message);
