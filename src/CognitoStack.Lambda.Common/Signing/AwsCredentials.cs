namespace CognitoStack.Lambda.Common.Signing;

/// <summary>
/// AWS credentials for signing. <see cref="ToString"/> shows the access key ID only, so the secret and
/// the session token cannot end up in a log by accident.
/// </summary>
public sealed class AwsCredentials
{
    /// <summary>Environment variable Lambda sets to the execution role's access key ID.</summary>
    public const string AccessKeyIdVariable = "AWS_ACCESS_KEY_ID";

    /// <summary>Environment variable Lambda sets to the execution role's secret access key.</summary>
    public const string SecretAccessKeyVariable = "AWS_SECRET_ACCESS_KEY";

    /// <summary>Environment variable Lambda sets to the execution role's session token.</summary>
    public const string SessionTokenVariable = "AWS_SESSION_TOKEN";

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

    /// <summary>
    /// The credentials Lambda puts in the environment of the function (its execution role), or null when
    /// the access key ID or secret is missing.
    /// </summary>
    /// <param name="readVariable">Returns a variable's value, or null when it is not set.</param>
    public static AwsCredentials? FromVariables(Func<string, string?> readVariable)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        var accessKeyId = readVariable(AccessKeyIdVariable);
        var secretAccessKey = readVariable(SecretAccessKeyVariable);
        return string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secretAccessKey)
            ? null
            : new AwsCredentials(accessKeyId, secretAccessKey, readVariable(SessionTokenVariable));
    }

    /// <summary>The access key ID only.</summary>
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
