using System.Text.Json;
using CognitoStack.Lambda.Common.Signing;
using CognitoStack.Triggers.Events;
using CognitoStack.Triggers.Json;

namespace CognitoStack.Triggers.Groups;

/// <summary>
/// Calls Cognito's <c>AdminAddUserToGroup</c> API directly: one SigV4-signed AWS JSON 1.1 POST to
/// <c>https://cognito-idp.{region}.amazonaws.com/</c>. No SDK: the AWS SDK packages are not available here,
/// and one call does not need one.
/// </summary>
/// <param name="http">Sends the request; its timeout bounds the call.</param>
/// <param name="region">The user pool's region, e.g. <c>eu-west-1</c> (validated by the caller).</param>
/// <param name="clock">Signing time.</param>
internal sealed class UserPoolGroups(HttpClient http, string region, TimeProvider clock)
{
    /// <summary>The signing name of the Cognito user pools API.</summary>
    public const string Service = "cognito-idp";

    /// <summary>The <c>X-Amz-Target</c> of <c>AdminAddUserToGroup</c>.</summary>
    public const string AddUserToGroupTarget = "AWSCognitoIdentityProviderService.AdminAddUserToGroup";

    /// <summary>The AWS JSON 1.1 media type the API takes.</summary>
    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>The API endpoint host in <see cref="Region"/>.</summary>
    public string Host { get; } = $"{Service}.{region}.amazonaws.com";

    /// <summary>The region the calls go to.</summary>
    public string Region { get; } = region;

    /// <summary>Adds the user to the group; never throws for network, HTTP or API errors.</summary>
    public GroupCallResult AddUserToGroup(string userPoolId, string userName, string groupName, AwsCredentials credentials)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new AdminAddUserToGroupRequest(userPoolId, userName, groupName),
            TriggersJsonContext.Default.AdminAddUserToGroupRequest);

        try
        {
            using var request = CreateSignedRequest(body, credentials);
            using var response = http.Send(request);
            if (response.IsSuccessStatusCode)
            {
                return GroupCallResult.Success((int)response.StatusCode);
            }

            return GroupCallResult.Failure("AdminAddUserToGroup was refused", (int)response.StatusCode, ErrorType(response));
        }
        catch (TaskCanceledException)
        {
            return GroupCallResult.Failure($"AdminAddUserToGroup timed out after {http.Timeout.TotalSeconds:0.###} s", null, "Timeout");
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException or InvalidOperationException or NotSupportedException)
        {
            return GroupCallResult.Failure("AdminAddUserToGroup could not be sent", null, exception.GetType().Name);
        }
    }

    /// <summary>
    /// Builds and signs one request without sending it, so the first sign-up does not pay for the
    /// serializer metadata and the signer's first run (initialization work, captured by SnapStart). The
    /// credentials are placeholders and the request is thrown away: no connection is opened, no real
    /// credential or signing time is kept.
    /// </summary>
    public void WarmUp()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new AdminAddUserToGroupRequest("warm-up_pool", "warm-up", "warm-up"),
            TriggersJsonContext.Default.AdminAddUserToGroupRequest);
        using var request = CreateSignedRequest(body, new AwsCredentials("WARMUPACCESSKEY", "warm-up", "warm-up"));
    }

    private HttpRequestMessage CreateSignedRequest(byte[] body, AwsCredentials credentials)
    {
        var now = clock.GetUtcNow();
        var amzDate = SigV4.FormatAmzDate(now);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", ContentType),
            new("Host", Host),
            new("X-Amz-Date", amzDate),
            new("X-Amz-Target", AddUserToGroupTarget),
        };
        if (credentials.SessionToken is not null)
        {
            headers.Add(new("X-Amz-Security-Token", credentials.SessionToken));
        }

        var signature = SigV4.Sign(new SigV4Request("POST", "/", headers, body), credentials, Region, Service, now);

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"https://{Host}/"))
        {
            Content = new ByteArrayContent(body),
            Version = System.Net.HttpVersion.Version11,
        };
        // Sent exactly as signed: the typed header would be re-formatted.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        request.Headers.Host = Host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", AddUserToGroupTarget);
        if (credentials.SessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.SessionToken);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return request;
    }

    // AWS JSON APIs name the error in the body ("__type", sometimes prefixed with a namespace and '#')
    // and in X-Amzn-ErrorType. Only the type is kept: the message may quote the user name.
    private static string? ErrorType(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("X-Amzn-ErrorType", out var values))
        {
            return Shorten(values.FirstOrDefault());
        }

        try
        {
            using var stream = response.Content.ReadAsStream();
            var error = JsonSerializer.Deserialize(stream, TriggersJsonContext.Default.AwsErrorBody);
            return Shorten(error?.Type);
        }
        catch (Exception exception) when (exception is JsonException or IOException or NotSupportedException or InvalidOperationException or HttpRequestException)
        {
            return null;
        }
    }

    private static string? Shorten(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return null;
        }

        var name = type[(type.LastIndexOf('#') + 1)..];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? name : name[..colon];
    }
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
