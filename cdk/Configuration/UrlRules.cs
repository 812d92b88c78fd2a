namespace CognitoStack.Cdk.Configuration;

/// <summary>What Cognito and browsers accept as redirect URLs and CORS origins.</summary>
internal static class UrlRules
{
    public const string RedirectUrlRule =
        "use an absolute https URL without a fragment (http only for localhost), at most 1024 characters";

    public const string OriginRule =
        "use an origin such as https://app.example.com (scheme, host and optional port; no path, no wildcard; http only for localhost)";

    /// <summary>A callback or logout URL: absolute, https (http only for localhost), no fragment.</summary>
    public static bool IsRedirectUrl(string value) =>
        value.Length <= 1024
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && IsAllowedScheme(uri)
        && uri.Fragment.Length == 0
        && !value.Contains('#', StringComparison.Ordinal);

    /// <summary>A web origin: scheme, host and port only.</summary>
    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && IsAllowedScheme(uri)
        && !value.Contains('*', StringComparison.Ordinal)
        && uri.UserInfo.Length == 0
        && string.Equals(value, uri.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);

    private static bool IsAllowedScheme(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.Host == "localhost");
}
