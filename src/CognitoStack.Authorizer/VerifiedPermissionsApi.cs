namespace CognitoStack.Authorizer;

/// <summary>
/// One <c>IsAuthorizedWithToken</c> call. The seam the authorizer is tested through: the Lambda uses
/// <see cref="VerifiedPermissionsClient"/>; the AWS call layer of CognitoStack.Lambda.Common can replace it
/// without touching the authorizer.
/// </summary>
public interface IVerifiedPermissions
{
    /// <summary>Sends <paramref name="requestJson"/> (the operation's JSON body) and returns the outcome; never throws.</summary>
    VerifiedPermissionsAnswer IsAuthorizedWithToken(byte[] requestJson);
}

/// <summary>What came of one call.</summary>
/// <param name="Succeeded">Whether the API answered 2xx.</param>
/// <param name="Body">The response body on success; empty otherwise.</param>
/// <param name="Problem">Why it failed (HTTP status, AWS error type or exception name), for the log; null on success.</param>
public sealed record VerifiedPermissionsAnswer(bool Succeeded, byte[] Body, string? Problem);
