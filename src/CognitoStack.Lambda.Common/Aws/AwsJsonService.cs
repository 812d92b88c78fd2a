namespace CognitoStack.Lambda.Common.Aws;

/// <summary>
/// An AWS JSON 1.1 API: one signed <c>POST /</c> per operation, <c>Content-Type: application/x-amz-json-1.1</c>,
/// <c>X-Amz-Target: {prefix}{Operation}</c>, as the Cognito user pools, Verified Permissions and other JSON APIs take it.
/// Errors come back as the type only (<see cref="AwsResponse.ErrorType"/>).
/// </summary>
/// <param name="client">Signs, sends and retries.</param>
/// <param name="endpoint">The API endpoint, e.g. <c>https://cognito-idp.eu-west-1.amazonaws.com/</c>.</param>
/// <param name="service">The signing name, e.g. <c>cognito-idp</c>.</param>
/// <param name="targetPrefix">The <c>X-Amz-Target</c> prefix, e.g. <c>AWSCognitoIdentityProviderService.</c>.</param>
public sealed class AwsJsonService(AwsClient client, Uri endpoint, string service, string targetPrefix)
{
    /// <summary>The AWS JSON 1.1 media type.</summary>
    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>The signing name of the Cognito user pools API.</summary>
    public const string CognitoService = "cognito-idp";

    /// <summary>The <c>X-Amz-Target</c> prefix of every Cognito user pools operation.</summary>
    public const string CognitoTargetPrefix = "AWSCognitoIdentityProviderService.";

    /// <summary>The Cognito user pools API in the client's region, or at <paramref name="endpoint"/> (tests: cognito-local).</summary>
    public static AwsJsonService CognitoUserPools(AwsClient client, Uri? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(client, endpoint ?? new Uri($"https://{CognitoService}.{client.Region}.amazonaws.com/"), CognitoService, CognitoTargetPrefix);
    }

    /// <summary>The endpoint host (with a non-default port).</summary>
    public string Host => endpoint.Authority;

    /// <summary>The region the calls are signed for.</summary>
    public string Region => client.Region;

    /// <summary>The client underneath (its retry count, its timeout).</summary>
    public AwsClient Client => client;

    /// <summary>Calls <paramref name="operation"/>, e.g. <c>AdminGetUser</c>; never throws for network, HTTP, API or credential errors.</summary>
    public AwsResponse Send(string operation, ReadOnlyMemory<byte> body) => client.Send(Request(operation, body));

    /// <summary>Calls <paramref name="operation"/>; never throws for network, HTTP, API or credential errors.</summary>
    public Task<AwsResponse> SendAsync(string operation, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        client.SendAsync(Request(operation, body), cancellationToken);

    /// <summary>Calls <paramref name="operation"/> and returns the response body.</summary>
    /// <exception cref="AwsApiException">The call failed after the retries the policy allows.</exception>
    public async Task<byte[]> CallAsync(string operation, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        (await SendAsync(operation, body, cancellationToken).ConfigureAwait(false)).BodyOrThrow(operation);

    /// <summary>Signs one request to <paramref name="operation"/> without sending it (see <see cref="AwsClient.WarmUp"/>).</summary>
    public void WarmUp(string operation, ReadOnlyMemory<byte> body) => client.WarmUp(Request(operation, body));

    private AwsRequest Request(string operation, ReadOnlyMemory<byte> body) =>
        new(operation, HttpMethod.Post, endpoint, "/", service,
        [
            new("Content-Type", ContentType),
            new("X-Amz-Target", targetPrefix + operation),
        ], body);
}
