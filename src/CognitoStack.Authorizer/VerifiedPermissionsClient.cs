using CognitoStack.Lambda.Common.Aws;

namespace CognitoStack.Authorizer;

/// <summary>
/// Verified Permissions' <c>IsAuthorizedWithToken</c> over the shared AWS call layer: AWS JSON 1.0, SigV4 for
/// <c>verifiedpermissions</c>, the execution role's credentials from <see cref="LambdaCredentials"/> (the access key
/// variables, or under SnapStart the container-credentials endpoint), retries inside the authorizer's budget
/// (<see cref="AwsJsonService.VerifiedPermissions"/>,
/// https://docs.aws.amazon.com/verifiedpermissions/latest/apireference/API_IsAuthorizedWithToken.html).
/// </summary>
/// <param name="api">The Verified Permissions API.</param>
public sealed class VerifiedPermissionsClient(AwsJsonService api) : IVerifiedPermissions
{
    /// <summary>The operation.</summary>
    public const string Operation = "IsAuthorizedWithToken";

    /// <summary>The API underneath (its client's retries and timeout).</summary>
    public AwsJsonService Api => api;

    /// <inheritdoc/>
    public AwsResponse IsAuthorizedWithToken(ReadOnlyMemory<byte> requestJson) => api.Send(Operation, requestJson);

    /// <summary>Signs one request and throws it away (see <see cref="AwsClient.WarmUp"/>): no credentials are read, no connection is opened.</summary>
    public void WarmUp() => api.WarmUp(Operation, """{"policyStoreId":"PSWARMUP"}"""u8.ToArray());
}
