namespace CognitoStack.Contract;

/// <summary>
/// The two ways the API authorizes (cdk.json <c>authorization.mode</c>), spelled as the backend reads them
/// from <see cref="EnvironmentVariables.AuthorizationMode"/>.
/// </summary>
public static class AuthorizationModes
{
    /// <summary>A Cognito user pools authorizer with method scopes; the backend checks the admin group itself.</summary>
    public const string Scopes = "scopes";

    /// <summary>A Lambda authorizer asks Verified Permissions; the Cedar policies decide, the backend does not check groups.</summary>
    public const string VerifiedPermissions = "verifiedPermissions";

    /// <summary>Both, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Scopes, VerifiedPermissions];
}
