using System.Text.Json.Serialization;

namespace CognitoStack.UserExport.Json;

// Request and response shapes of the Cognito user pools API (AWS JSON 1.1), members as the API reference
// names them:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsersInGroup.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListGroups.html

/// <summary><c>ListUsers</c> request; no <c>AttributesToGet</c>, so every attribute comes back.</summary>
internal sealed record ListUsersRequest(
    [property: JsonPropertyName("UserPoolId")] string UserPoolId,
    [property: JsonPropertyName("Limit")] int Limit,
    [property: JsonPropertyName("PaginationToken")] string? PaginationToken,
    [property: JsonPropertyName("Filter")] string? Filter = null);

/// <summary><c>ListUsersInGroup</c> request.</summary>
internal sealed record ListUsersInGroupRequest(
    [property: JsonPropertyName("UserPoolId")] string UserPoolId,
    [property: JsonPropertyName("GroupName")] string GroupName,
    [property: JsonPropertyName("Limit")] int Limit,
    [property: JsonPropertyName("NextToken")] string? NextToken);

/// <summary><c>ListGroups</c> request.</summary>
internal sealed record ListGroupsRequest(
    [property: JsonPropertyName("UserPoolId")] string UserPoolId,
    [property: JsonPropertyName("Limit")] int Limit,
    [property: JsonPropertyName("NextToken")] string? NextToken);

/// <summary><c>ListUsers</c> and <c>ListUsersInGroup</c> responses (the token member differs).</summary>
internal sealed class UsersResponse
{
    [JsonPropertyName("Users")]
    public List<UserType>? Users { get; set; }

    [JsonPropertyName("PaginationToken")]
    public string? PaginationToken { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }
}

/// <summary>A <c>UserType</c>; dates are epoch seconds (JSON numbers).</summary>
internal sealed class UserType
{
    [JsonPropertyName("Username")]
    public string? Username { get; set; }

    [JsonPropertyName("Attributes")]
    public List<AttributeType>? Attributes { get; set; }

    [JsonPropertyName("UserCreateDate")]
    public double? UserCreateDate { get; set; }

    [JsonPropertyName("UserLastModifiedDate")]
    public double? UserLastModifiedDate { get; set; }

    [JsonPropertyName("Enabled")]
    public bool? Enabled { get; set; }

    [JsonPropertyName("UserStatus")]
    public string? UserStatus { get; set; }
}

/// <summary>An <c>AttributeType</c>.</summary>
internal sealed class AttributeType
{
    [JsonPropertyName("Name")]
    public string? Name { get; set; }

    [JsonPropertyName("Value")]
    public string? Value { get; set; }
}

/// <summary><c>ListGroups</c> response.</summary>
internal sealed class GroupsResponse
{
    [JsonPropertyName("Groups")]
    public List<GroupType>? Groups { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }
}

/// <summary>A <c>GroupType</c> (only the name is used).</summary>
internal sealed class GroupType
{
    [JsonPropertyName("GroupName")]
    public string? GroupName { get; set; }
}
