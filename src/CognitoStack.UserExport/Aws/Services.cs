using System.Security.Cryptography;
using System.Text.Json;
using CognitoStack.UserExport.Json;

namespace CognitoStack.UserExport.Aws;

/// <summary>One page of users: the users and the token of the next page (null on the last).</summary>
internal sealed record UsersPage(IReadOnlyList<UserType> Users, string? NextToken);

/// <summary>One page of group names.</summary>
internal sealed record GroupsPage(IReadOnlyList<string> Groups, string? NextToken);

/// <summary>The Cognito reads an export needs.</summary>
internal interface ICognitoUsers
{
    /// <summary><c>ListUsers</c>, one page; <paramref name="filter"/> is a <c>Filter</c> such as <c>sub ^= "a"</c>.</summary>
    Task<UsersPage> ListUsersAsync(string userPoolId, string? filter, string? paginationToken, CancellationToken cancellationToken);

    /// <summary><c>ListGroups</c>, one page.</summary>
    Task<GroupsPage> ListGroupsAsync(string userPoolId, string? nextToken, CancellationToken cancellationToken);

    /// <summary><c>ListUsersInGroup</c>, one page.</summary>
    Task<UsersPage> ListUsersInGroupAsync(string userPoolId, string groupName, string? nextToken, CancellationToken cancellationToken);
}

/// <summary>The bucket operations an export needs: whole-object PUT and GET.</summary>
internal interface IObjectStore
{
    /// <summary>Writes <paramref name="body"/> to <paramref name="key"/>.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> body, string contentType, string? contentEncoding, CancellationToken cancellationToken);

    /// <summary>Reads <paramref name="key"/>; null when it does not exist.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);
}

/// <summary>
/// The Cognito user pools API over AWS JSON 1.1 (<c>POST /</c>, <c>X-Amz-Target:
/// AWSCognitoIdentityProviderService.&lt;Operation&gt;</c>). Pages of 60, the most each operation returns. The list
/// operations are paced: <c>ListUsers</c> and <c>ListUsersInGroup</c> share one pacer (both count against the
/// <c>UserList</c> category), <c>ListGroups</c> has its own (<c>UserPoolResourceRead</c>).
/// </summary>
internal sealed class CognitoUsers(AwsClient client, Uri endpoint, RequestPacer userList, RequestPacer groupRead) : ICognitoUsers
{
    /// <summary>Largest <c>Limit</c> ListUsers, ListUsersInGroup and ListGroups accept.</summary>
    public const int PageSize = 60;

    /// <summary>The regional endpoint.</summary>
    public static Uri Endpoint(string region) => new($"https://cognito-idp.{region}.amazonaws.com/");

    public async Task<UsersPage> ListUsersAsync(string userPoolId, string? filter, string? paginationToken, CancellationToken cancellationToken)
    {
        await userList.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.SerializeToUtf8Bytes(new ListUsersRequest(userPoolId, PageSize, paginationToken, filter), ExportJsonContext.Default.ListUsersRequest);
        var response = Parse(await CallAsync("ListUsers", body, cancellationToken).ConfigureAwait(false), ExportJsonContext.Default.UsersResponse, "ListUsers");
        return new UsersPage(response.Users ?? [], NullIfEmpty(response.PaginationToken));
    }

    public async Task<GroupsPage> ListGroupsAsync(string userPoolId, string? nextToken, CancellationToken cancellationToken)
    {
        await groupRead.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.SerializeToUtf8Bytes(new ListGroupsRequest(userPoolId, PageSize, nextToken), ExportJsonContext.Default.ListGroupsRequest);
        var response = Parse(await CallAsync("ListGroups", body, cancellationToken).ConfigureAwait(false), ExportJsonContext.Default.GroupsResponse, "ListGroups");
        var names = (response.Groups ?? []).Select(g => g.GroupName).ToList();
        return names.Any(string.IsNullOrEmpty)
            ? throw new AwsApiException("ListGroups", 200, "GroupWithoutName")
            : new GroupsPage(names!, NullIfEmpty(response.NextToken));
    }

    public async Task<UsersPage> ListUsersInGroupAsync(string userPoolId, string groupName, string? nextToken, CancellationToken cancellationToken)
    {
        await userList.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.SerializeToUtf8Bytes(new ListUsersInGroupRequest(userPoolId, groupName, PageSize, nextToken), ExportJsonContext.Default.ListUsersInGroupRequest);
        var response = Parse(await CallAsync("ListUsersInGroup", body, cancellationToken).ConfigureAwait(false), ExportJsonContext.Default.UsersResponse, "ListUsersInGroup");
        return new UsersPage(response.Users ?? [], NullIfEmpty(response.NextToken));
    }

    private readonly AwsJsonService _api = new(client, endpoint, AwsJsonService.CognitoService, AwsJsonService.CognitoTargetPrefix);

    private Task<byte[]> CallAsync(string operation, byte[] body, CancellationToken cancellationToken) =>
        _api.CallAsync(operation, body, cancellationToken);

    private static T Parse<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new AwsApiException(operation, 200, "EmptyResponse");
        }
        catch (JsonException exception)
        {
            throw new AwsApiException(operation, 200, "MalformedResponse", exception);
        }
    }

    private static string? NullIfEmpty(string? token) => string.IsNullOrEmpty(token) ? null : token;
}

/// <summary>
/// S3 object PUT and GET: virtual-hosted (<c>https://bucket.s3.region.amazonaws.com/key</c>) in AWS, path-style
/// (<c>/bucket/key</c>) against a local fake. Each PUT carries
/// <c>Content-MD5</c>: S3 requires it (or a checksum header) for uploads to a bucket with Object Lock default
/// retention (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html), and a SHA-256 checksum
/// S3 verifies on arrival. Encryption is the bucket's default (SSE-KMS with its key); nothing here names a key.
/// </summary>
internal sealed class S3Objects(AwsClient client, Uri endpoint, string bucket, bool pathStyle) : IObjectStore
{
    /// <summary>The bucket's virtual-hosted endpoint in <paramref name="region"/>.</summary>
    public static Uri Endpoint(string region, string bucket) => new($"https://{bucket}.s3.{region}.amazonaws.com/");

    private string PathOf(string key) => pathStyle ? $"/{bucket}/{key}" : $"/{key}";

    public Task PutAsync(string key, ReadOnlyMemory<byte> body, string contentType, string? contentEncoding, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> headers =
        [
            new("Content-Type", contentType),
#pragma warning disable CA5351 // An integrity check S3 asks for, not a security control: the SHA-256 checksum is the one that counts.
            new("Content-MD5", Convert.ToBase64String(MD5.HashData(body.Span))),
#pragma warning restore CA5351
            new("X-Amz-Checksum-Sha256", Convert.ToBase64String(SHA256.HashData(body.Span))),
        ];
        if (contentEncoding is not null)
        {
            headers.Add(new("Content-Encoding", contentEncoding));
        }

        return client.SendOrThrowAsync(new AwsRequest("PutObject", HttpMethod.Put, endpoint, PathOf(key), "s3", headers, body), cancellationToken);
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        client.SendOrThrowAsync(new AwsRequest("GetObject", HttpMethod.Get, endpoint, PathOf(key), "s3", [], ReadOnlyMemory<byte>.Empty), cancellationToken, notFoundIsNull: true);
}
