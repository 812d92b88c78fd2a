using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Triggers.Json;

namespace CognitoStack.Triggers.Migration;

/// <summary>
/// The user pool users migrate from, reached through a dedicated app client of that pool that has no
/// secret and allows <c>ADMIN_USER_PASSWORD_AUTH</c>. Two operations, each SigV4-signed with the trigger's
/// role, which may call exactly these two on exactly that pool:
/// <c>AdminInitiateAuth</c> (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html)
/// and <c>AdminGetUser</c> (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html).
/// </summary>
/// <param name="api">The user pools API in the old pool's region.</param>
/// <param name="userPoolId">The old pool.</param>
/// <param name="clientId">The old pool's migration client.</param>
internal sealed class OldUserPool(AwsJsonService api, string userPoolId, string clientId)
{
    /// <summary>The flow that checks a password server-side, without SRP.</summary>
    public const string AuthFlow = "ADMIN_USER_PASSWORD_AUTH";

    // The old pool's answers that mean "not this user, not this password": the sign-in simply fails.
    // InvalidPasswordException is how cognito-local answers a wrong password (Cognito: NotAuthorizedException).
    private static readonly HashSet<string> UserErrors = new(StringComparer.Ordinal)
    {
        "NotAuthorizedException", "UserNotFoundException", "UserNotConfirmedException", "PasswordResetRequiredException", "InvalidPasswordException",
    };

    /// <summary>
    /// Checks the password with <c>AdminInitiateAuth</c>. Tokens the old pool issues are dropped unread. A
    /// challenge (MFA, a new password) means the old pool wants more than a password: the user is not
    /// migrated at sign-in, since migrating would let the password alone replace the second factor.
    /// </summary>
    public OldPoolAnswer VerifyPassword(string userName, string password)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new AdminInitiateAuthRequest(userPoolId, clientId, AuthFlow, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["USERNAME"] = userName,
                ["PASSWORD"] = password,
            }),
            TriggersJsonContext.Default.AdminInitiateAuthRequest);
        var response = api.Send("AdminInitiateAuth", body);
        if (!response.Succeeded)
        {
            return Refusal(response);
        }

        var answer = Read(response.Body, TriggersJsonContext.Default.AdminInitiateAuthResponse);
        if (answer is null)
        {
            return OldPoolAnswer.Failed("AdminInitiateAuth answered with something that is not its response", response.Status, "MalformedResponse");
        }

        if (answer.ChallengeName is { } challenge)
        {
            return OldPoolAnswer.Refused(
                $"the old pool asked for {(challenge.Length <= 40 && challenge.All(c => char.IsAsciiLetterUpper(c) || c == '_') ? challenge : "a challenge")} after the password; "
                + "not migrated at sign-in (the second factor cannot be checked here): the user can reset the password, which migrates them",
                response.Status,
                "Challenge");
        }

        return answer.AuthenticationResult is null
            ? OldPoolAnswer.Failed("AdminInitiateAuth answered without tokens or a challenge", response.Status, "MalformedResponse")
            : OldPoolAnswer.Verified(response.Status);
    }

    /// <summary>
    /// Checks the password (when one is given) and reads the user at the same time: the two calls run
    /// concurrently, so the trigger waits for the slower one, not for both in turn, and stays inside the
    /// 5 seconds Cognito allows a trigger. A refused or failed password check decides the answer even when
    /// the read succeeded: the user read is then dropped unused.
    /// </summary>
    /// <param name="userName">The name the user signs in with.</param>
    /// <param name="password">The password to check; null in the forgot-password flow (read only).</param>
    public (OldPoolAnswer Answer, AdminGetUserResponse? User) VerifyAndGetUser(string userName, string? password)
    {
        if (password is null)
        {
            return GetUser(userName);
        }

        // Each call catches its own failures (AwsJsonService.Send never throws for network, API or credential errors).
        var check = Task.Run(() => VerifyPassword(userName, password));
        var read = GetUser(userName);
        var verified = check.GetAwaiter().GetResult();
        return verified.Outcome == OldPoolOutcome.Verified ? read : (verified, null);
    }

    /// <summary>Reads the user with <c>AdminGetUser</c>.</summary>
    public (OldPoolAnswer Answer, AdminGetUserResponse? User) GetUser(string userName)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new AdminGetUserRequest(userPoolId, userName), TriggersJsonContext.Default.AdminGetUserRequest);
        var response = api.Send("AdminGetUser", body);
        if (!response.Succeeded)
        {
            return (Refusal(response), null);
        }

        var user = Read(response.Body, TriggersJsonContext.Default.AdminGetUserResponse);
        return user?.UserAttributes is null || user.UserAttributes.Any(a => a?.Name is null)
            ? (OldPoolAnswer.Failed("AdminGetUser answered without the user's attributes", response.Status, "MalformedResponse"), null)
            : (OldPoolAnswer.Verified(response.Status), user);
    }

    private static OldPoolAnswer Refusal(AwsResponse response) =>
        response.ErrorType is { } type && UserErrors.Contains(type)
            ? OldPoolAnswer.Refused($"the old pool refused: {type}", response.Status, type)
            : OldPoolAnswer.Failed(response.Message, response.Status, response.ErrorType);

    private static T? Read<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, type);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            // A broken answer (also an invalid escape or a duplicate member in it) is a failed call.
            return null;
        }
    }
}

/// <summary>What the old pool said.</summary>
/// <param name="Outcome">Verified; refused because of the user (wrong password, unknown, MFA); or failed (throttling, timeout, a broken answer).</param>
/// <param name="Message">What happened, for the log; never a password or an attribute value.</param>
/// <param name="Status">The HTTP status, when there was a response.</param>
/// <param name="ErrorType">The AWS error type, exception name or <c>Challenge</c>.</param>
internal sealed record OldPoolAnswer(OldPoolOutcome Outcome, string Message, int? Status, string? ErrorType)
{
    public static OldPoolAnswer Verified(int? status) => new(OldPoolOutcome.Verified, "verified", status, null);

    public static OldPoolAnswer Refused(string message, int? status, string? errorType) => new(OldPoolOutcome.Refused, message, status, errorType);

    public static OldPoolAnswer Failed(string message, int? status, string? errorType) => new(OldPoolOutcome.Failed, message, status, errorType);
}

/// <summary>How an old-pool call ended.</summary>
internal enum OldPoolOutcome
{
    /// <summary>The old pool confirmed the user (and password).</summary>
    Verified,

    /// <summary>The user is not migrated for a reason of their own: wrong password, unknown, disabled, MFA.</summary>
    Refused,

    /// <summary>The call failed: an operator should look (throttling, timeout, permissions, a broken answer).</summary>
    Failed,
}

/// <summary>The <c>AdminInitiateAuth</c> request (AWS JSON 1.1, PascalCase).</summary>
internal sealed record AdminInitiateAuthRequest(
    [property: JsonPropertyName("UserPoolId")] string UserPoolId,
    [property: JsonPropertyName("ClientId")] string ClientId,
    [property: JsonPropertyName("AuthFlow")] string AuthFlow,
    [property: JsonPropertyName("AuthParameters")] Dictionary<string, string> AuthParameters);

/// <summary>The parts of the <c>AdminInitiateAuth</c> response the trigger reads.</summary>
internal sealed class AdminInitiateAuthResponse
{
    [JsonPropertyName("ChallengeName")]
    public string? ChallengeName { get; set; }

    [JsonPropertyName("AuthenticationResult")]
    public JsonElement? AuthenticationResult { get; set; }
}

/// <summary>The <c>AdminGetUser</c> request.</summary>
internal sealed record AdminGetUserRequest(
    [property: JsonPropertyName("UserPoolId")] string UserPoolId,
    [property: JsonPropertyName("Username")] string Username);

/// <summary>The parts of the <c>AdminGetUser</c> response the trigger reads.</summary>
internal sealed class AdminGetUserResponse
{
    [JsonPropertyName("Username")]
    public string? Username { get; set; }

    [JsonPropertyName("UserAttributes")]
    public List<UserAttribute>? UserAttributes { get; set; }

    [JsonPropertyName("Enabled")]
    public bool? Enabled { get; set; }

    [JsonPropertyName("UserStatus")]
    public string? UserStatus { get; set; }
}

/// <summary>One attribute: <c>{"Name": "email", "Value": "…"}</c>.</summary>
internal sealed class UserAttribute
{
    [JsonPropertyName("Name")]
    public string? Name { get; set; }

    [JsonPropertyName("Value")]
    public string? Value { get; set; }
}
