using System.Text.Json;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Triggers.Events;
using CognitoStack.Triggers.Json;

namespace CognitoStack.Triggers.Groups;

/// <summary>Calls Cognito's <c>AdminAddUserToGroup</c> API through the shared call layer (<see cref="AwsJsonService"/>).</summary>
/// <param name="api">The user pools API in the pool's region.</param>
internal sealed class UserPoolGroups(AwsJsonService api)
{
    /// <summary>The operation called.</summary>
    public const string Operation = "AdminAddUserToGroup";

    /// <summary>The API endpoint host.</summary>
    public string Host => api.Host;

    /// <summary>The region the calls go to.</summary>
    public string Region => api.Region;

    /// <summary>Adds the user to the group; never throws for network, HTTP, API or credential errors.</summary>
    public GroupCallResult AddUserToGroup(string userPoolId, string userName, string groupName)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new AdminAddUserToGroupRequest(userPoolId, userName, groupName),
            TriggersJsonContext.Default.AdminAddUserToGroupRequest);
        var response = api.Send(Operation, body);
        return response.Succeeded
            ? GroupCallResult.Success(response.Status!.Value)
            : GroupCallResult.Failure(response.Message, response.Status, response.ErrorType);
    }

    /// <summary>
    /// Builds and signs one request without sending it, so the first sign-up does not pay for the serializer
    /// metadata and the signer's first run (initialization work, captured by SnapStart; see
    /// <see cref="AwsClient.WarmUp"/>).
    /// </summary>
    public void WarmUp() =>
        api.WarmUp(Operation, JsonSerializer.SerializeToUtf8Bytes(
            new AdminAddUserToGroupRequest("warm-up_pool", "warm-up", "warm-up"),
            TriggersJsonContext.Default.AdminAddUserToGroupRequest));
}

/// <summary>What came of one API call.</summary>
/// <param name="Succeeded">Whether the user is now in the group.</param>
/// <param name="Message">What happened, for the log.</param>
/// <param name="Status">The HTTP status, when there was a response.</param>
/// <param name="ErrorType">The AWS error type or exception name, when it failed.</param>
internal sealed record GroupCallResult(bool Succeeded, string Message, int? Status, string? ErrorType)
{
    public static GroupCallResult Success(int status) => new(true, "user added to group", status, null);

    public static GroupCallResult Failure(string message, int? status, string? errorType) => new(false, message, status, errorType);
}
