using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Lambda.Common.Signing;

namespace CognitoStack.Tests.Credentials;

/// <summary>
/// Credentials read from a test's variables (as Lambda's access key variables), so tests can run in parallel
/// without touching the process environment; the tests of <see cref="LambdaCredentials"/> itself use the real one.
/// </summary>
internal sealed class TestCredentials(Func<string, string?> readVariable) : IAwsCredentialSource
{
    public TestCredentials(IReadOnlyDictionary<string, string> variables)
        : this(name => variables.GetValueOrDefault(name))
    {
    }

    public TestCredentials(AwsCredentials credentials)
        : this(name => name switch
        {
            LambdaCredentials.AccessKeyIdVariable => credentials.AccessKeyId,
            LambdaCredentials.SecretAccessKeyVariable => credentials.SecretAccessKey,
            "AWS_SESSION_TOKEN" => credentials.SessionToken,
            _ => null,
        })
    {
    }

    public int Reads { get; private set; }

    public AwsCredentials GetCredentials()
    {
        Reads++;
        var accessKeyId = readVariable(LambdaCredentials.AccessKeyIdVariable);
        var secret = readVariable(LambdaCredentials.SecretAccessKeyVariable);
        return string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secret)
            ? throw new AwsCredentialsException("MissingCredentials", LambdaCredentials.MissingMessage)
            : new AwsCredentials(accessKeyId, secret, readVariable("AWS_SESSION_TOKEN"));
    }

    public Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(GetCredentials());
}
