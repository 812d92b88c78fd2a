using CognitoStack.Lambda.Common.Aws;

namespace CognitoStack.Authorizer;

/// <summary>
/// One <c>IsAuthorizedWithToken</c> call. The seam the authorizer is tested through: the Lambda uses
/// <see cref="VerifiedPermissionsClient"/> (the shared AWS call layer); tests and the bench answer in-process.
/// </summary>
public interface IVerifiedPermissions
{
    /// <summary>Sends <paramref name="requestJson"/> (the operation's JSON body); never throws for network, HTTP, API or credential errors.</summary>
    AwsResponse IsAuthorizedWithToken(ReadOnlyMemory<byte> requestJson);
}
