namespace CognitoStack.Backend.Json;

/// <summary>The body of every error response.</summary>
/// <param name="Error">A short, stable code: <c>bad_request</c>, <c>unauthorized</c>, <c>forbidden</c>, ...</param>
/// <param name="Message">What was wrong, for a human.</param>
public sealed record ErrorBody(string Error, string Message);

/// <summary>The body of <c>GET /me</c>: who the caller is, from the token's claims.</summary>
/// <param name="Sub">The user's stable ID.</param>
/// <param name="Username"><c>cognito:username</c> (ID token) or <c>username</c> (access token).</param>
/// <param name="Email">The e-mail address; null in access tokens.</param>
/// <param name="Groups">The user pool groups the user belongs to.</param>
/// <param name="TokenUse"><c>id</c> or <c>access</c>.</param>
/// <param name="Scopes">The OAuth scopes of an access token; empty for ID tokens.</param>
/// <param name="ClientId">The app client: <c>aud</c> (ID token) or <c>client_id</c> (access token).</param>
/// <param name="Attributes">
/// The readable user attributes (<c>READABLE_ATTRIBUTES</c>) the token carries, such as <c>custom:tenant</c>: ID
/// tokens carry those the issuing client may read; access tokens carry none.
/// </param>
public sealed record MeBody(
    string Sub,
    string? Username,
    string? Email,
    IReadOnlyList<string> Groups,
    string? TokenUse,
    IReadOnlyList<string> Scopes,
    string? ClientId,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>The body of <c>GET /admin/health</c>.</summary>
/// <param name="Status">Always <c>ok</c>.</param>
/// <param name="Environment">The deployment environment name.</param>
public sealed record HealthBody(string Status, string Environment);

/// <summary>The body of <c>GET /admin/claims</c>.</summary>
/// <param name="Claims">The caller's claims as the authorizer passed them.</param>
public sealed record ClaimsBody(IReadOnlyDictionary<string, string> Claims);

/// <summary>One item.</summary>
/// <param name="Id">The item ID.</param>
/// <param name="Name">The item name.</param>
/// <param name="Quantity">How many there are.</param>
/// <param name="CreatedBy">The <c>sub</c> of the user who created it.</param>
public sealed record ItemBody(Guid Id, string Name, long Quantity, string CreatedBy);

/// <summary>The body of <c>GET /items</c>.</summary>
/// <param name="Items">The items.</param>
public sealed record ItemListBody(IReadOnlyList<ItemBody> Items);
