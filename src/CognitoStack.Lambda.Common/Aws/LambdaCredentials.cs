using Amazon.Runtime;
using CognitoStack.Lambda.Common.Signing;

namespace CognitoStack.Lambda.Common.Aws;

/// <summary>Where a call layer gets the credentials it signs with.</summary>
public interface IAwsCredentialSource
{
    /// <summary>Current credentials.</summary>
    /// <exception cref="AwsCredentialsException">There are none, or the endpoint gave none.</exception>
    AwsCredentials GetCredentials();

    /// <summary>Current credentials, without blocking a thread while the container endpoint is asked.</summary>
    /// <exception cref="AwsCredentialsException">There are none, or the endpoint gave none.</exception>
    Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The function's execution-role credentials the way Lambda hands them over, resolved by AWSSDK.Core's own
/// providers in the order of the SDK's default chain:
/// <list type="number">
/// <item>the access key variables (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>:
/// <c>EnvironmentVariablesAWSCredentials</c>, read again on every call);</item>
/// <item>the container-credentials endpoint (<c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c> with
/// <c>AWS_CONTAINER_AUTHORIZATION_TOKEN</c> or <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c>:
/// <c>GenericContainerCredentials</c>, cached and fetched again 15 minutes before they expire). With SnapStart on,
/// Lambda gives only these (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html#snapstart-credentials).
/// The SDK accepts an <c>http</c> URI only on a loopback or container-host address.</item>
/// </list>
/// The rest of the SDK's default chain (shared profile files, EC2 instance metadata) is left out on purpose: Lambda
/// provides neither, and probing instance metadata when nothing is set would spend a trigger's 5-second budget on
/// timeouts instead of refusing at once with <see cref="AwsCredentialsException"/>.
/// </summary>
/// <remarks>
/// Nothing is read or created before the first call (the constructor only stores nothing): under SnapStart,
/// credentials resolved during initialization would be frozen in the snapshot and expire in it.
/// </remarks>
public sealed class LambdaCredentials : IAwsCredentialSource
{
    /// <summary>Variable Lambda sets to the execution role's access key ID (without SnapStart).</summary>
    public const string AccessKeyIdVariable = EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_ACCESSKEY;

    /// <summary>Variable Lambda sets to the execution role's secret access key (without SnapStart).</summary>
    public const string SecretAccessKeyVariable = EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_SECRETKEY;

    /// <summary>Variable Lambda sets to the container-credentials endpoint (with SnapStart).</summary>
    public const string ContainerCredentialsUriVariable = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    /// <summary>Variable with the token the container-credentials endpoint wants in <c>Authorization</c>.</summary>
    public const string ContainerAuthorizationTokenVariable = "AWS_CONTAINER_AUTHORIZATION_TOKEN";

    /// <summary>The refusal when Lambda gave neither source; names the variables, never a value.</summary>
    public const string MissingMessage =
        $"no AWS credentials: neither {AccessKeyIdVariable}/{SecretAccessKeyVariable} nor {ContainerCredentialsUriVariable} is set";

    private readonly Lock _lock = new();
    private AWSCredentials? _provider;

    /// <summary>Whether a provider has been chosen (and so credentials read or fetched); false until the first call.</summary>
    public bool Resolved => Volatile.Read(ref _provider) is not null;

    /// <inheritdoc />
    public AwsCredentials GetCredentials()
    {
        var provider = Provider();
        try
        {
            return Convert(provider.GetCredentials());
        }
        catch (Exception exception) when (exception is AmazonClientException or AmazonServiceException or InvalidOperationException or HttpRequestException or IOException)
        {
            throw Unavailable(exception);
        }
    }

    /// <inheritdoc />
    public async Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        var provider = Provider();
        try
        {
            return Convert(await provider.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is AmazonClientException or AmazonServiceException or InvalidOperationException or HttpRequestException or IOException)
        {
            throw Unavailable(exception);
        }
    }

    private AWSCredentials Provider()
    {
        if (Volatile.Read(ref _provider) is { } chosen)
        {
            return chosen;
        }

        lock (_lock)
        {
            return _provider ??= Choose();
        }
    }

    // The environment variables win when both are set, as in the SDK's default chain. Nothing found is not cached:
    // the next call looks again.
    private static AWSCredentials Choose()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AccessKeyIdVariable))
            && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(SecretAccessKeyVariable)))
        {
            return new EnvironmentVariablesAWSCredentials();
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ContainerCredentialsUriVariable))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")))
        {
            throw new AwsCredentialsException("MissingCredentials", MissingMessage);
        }

        try
        {
            return new GenericContainerCredentials();
        }
        catch (Exception exception) when (exception is ArgumentException or UriFormatException)
        {
            // The SDK refuses an http URI that is not on a loopback or container-host address.
            throw new AwsCredentialsException("InvalidCredentialsEndpoint",
                $"{ContainerCredentialsUriVariable} is not an endpoint the AWS SDK accepts (https, or http on a loopback or container-host address)");
        }
    }

    private static AwsCredentials Convert(ImmutableCredentials credentials) =>
        new(credentials.AccessKey, credentials.SecretKey, credentials.Token);

    // The SDK's message may carry the endpoint's answer; only the type is kept.
    private static AwsCredentialsException Unavailable(Exception exception) =>
        new("CredentialsUnavailable", $"no AWS credentials: the credentials provider failed ({exception.GetType().Name})", exception);
}

/// <summary>No credentials to sign with; <see cref="Exception.Message"/> names what is missing, never a secret.</summary>
public sealed class AwsCredentialsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorType">A short type for logs, e.g. <c>MissingCredentials</c>.</param>
    /// <param name="message">What is missing.</param>
    /// <param name="inner">The provider's exception, if any.</param>
    public AwsCredentialsException(string errorType, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorType = errorType;
    }

    /// <summary>Creates an exception without details (for serializers and analyzers).</summary>
    public AwsCredentialsException()
        : this("MissingCredentials", LambdaCredentials.MissingMessage)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public AwsCredentialsException(string message)
        : this("MissingCredentials", message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public AwsCredentialsException(string message, Exception innerException)
        : this("CredentialsUnavailable", message, innerException)
    {
    }

    /// <summary>A short type for logs: <c>MissingCredentials</c>, <c>InvalidCredentialsEndpoint</c> or <c>CredentialsUnavailable</c>.</summary>
    public string ErrorType { get; }
}
