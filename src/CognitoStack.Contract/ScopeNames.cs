namespace CognitoStack.Contract;

/// <summary>
/// Scope names of the resource server that the item routes require. The full scope a token carries is
/// <c>&lt;resource server identifier&gt;/&lt;name&gt;</c>, e.g. <c>myapp-api/read</c>; the CDK app builds it and
/// passes it to the backend in <see cref="EnvironmentVariables.ReadScope"/> and
/// <see cref="EnvironmentVariables.WriteScope"/>.
/// </summary>
public static class ScopeNames
{
    /// <summary>Required by <c>GET /items</c>.</summary>
    public const string Read = "read";

    /// <summary>Required by <c>POST /items</c>.</summary>
    public const string Write = "write";
}
