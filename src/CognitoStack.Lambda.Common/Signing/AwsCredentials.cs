namespace CognitoStack.Lambda.Common.Signing;

/// <summary>
/// AWS credentials for signing, as <see cref="CognitoStack.Lambda.Common.Aws.LambdaCredentials"/> resolves them.
/// <see cref="ToString"/> shows the access key ID only, so the secret and
/// the session token cannot end up in a log by accident.
/// </summary>
public sealed class AwsCredentials
{
    /// <summary>Creates credentials; <paramref name="sessionToken"/> is null for long-term keys.</summary>
    /// <param name="accessKeyId">The access key ID, e.g. <c>AKIDEXAMPLE</c>.</param>
    /// <param name="secretAccessKey">The secret access key.</param>
    /// <param name="sessionToken">The session token of temporary credentials, sent as <c>X-Amz-Security-Token</c>.</param>
    public AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
    }

    /// <summary>The access key ID, e.g. <c>AKIDEXAMPLE</c>.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key; never log it.</summary>
    public string SecretAccessKey { get; }

    /// <summary>The session token of temporary credentials, or null; never log it.</summary>
    public string? SessionToken { get; }

    /// <summary>The access key ID only.</summary>
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
