using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CognitoStack.Lambda.Common.Signing;

/// <summary>
/// AWS Signature Version 4 for HTTP requests signed in the <c>Authorization</c> header, as the IAM user
/// guide describes it ("Create a signed AWS API request"):
/// <list type="number">
/// <item>canonical request: method, canonical URI, canonical query string, canonical headers, signed
/// header names and the hex SHA-256 of the body, one per line;</item>
/// <item>string to sign: <c>AWS4-HMAC-SHA256</c>, the <c>X-Amz-Date</c> time, the credential scope
/// <c>yyyyMMdd/region/service/aws4_request</c> and the hex SHA-256 of the canonical request;</item>
/// <item>signing key: HMAC-SHA256 chained over <c>"AWS4" + secret</c>, date, region, service and
/// <c>aws4_request</c>; the signature is the hex HMAC-SHA256 of the string to sign with that key.</item>
/// </list>
/// Scope: what the triggers need and the AWS test suite covers for it. The query string is left empty
/// (AWS JSON APIs take none); the path is URI-encoded once per segment, as for every service but S3.
/// </summary>
public static class SigV4
{
    /// <summary>The signing algorithm name.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Formats a time as <c>X-Amz-Date</c> wants it: UTC, <c>yyyyMMdd'T'HHmmss'Z'</c>.</summary>
    public static string FormatAmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Signs <paramref name="request"/>; every header it carries is signed.</summary>
    /// <param name="request">The request: it must carry <c>Host</c> and <c>X-Amz-Date</c> (the value of
    /// <see cref="FormatAmzDate"/> for <paramref name="time"/>), and <c>X-Amz-Security-Token</c> when the
    /// credentials have a session token.</param>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="region">The AWS region, e.g. <c>us-east-1</c>.</param>
    /// <param name="service">The signing name of the service, e.g. <c>cognito-idp</c>.</param>
    /// <param name="time">The signing time.</param>
    /// <returns>Each intermediate step and the <c>Authorization</c> header value.</returns>
    /// <exception cref="ArgumentException">A required header is missing or disagrees with the arguments.</exception>
    public static SigV4Signature Sign(SigV4Request request, AwsCredentials credentials, string region, string service, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);

        var amzDate = FormatAmzDate(time);
        var headers = CanonicalHeaders(request.Headers);
        Require(headers, "host", null);
        Require(headers, "x-amz-date", amzDate);
        if (credentials.SessionToken is not null)
        {
            Require(headers, "x-amz-security-token", credentials.SessionToken);
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = new StringBuilder()
            .Append(request.Method.ToUpperInvariant()).Append('\n')
            .Append(CanonicalUri(request.Path)).Append('\n')
            .Append('\n') // canonical query string: always empty here
            .AppendJoin("", headers.Select(h => $"{h.Key}:{h.Value}\n")).Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(Hex(SHA256.HashData(request.Body.Span)))
            .ToString();

        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));

        var authorization = $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Signature(canonicalRequest, stringToSign, signedHeaders, signature, authorization);
    }

    // Lower-case names, sorted; values trimmed with inner runs of spaces collapsed; repeated headers joined
    // with commas in the order given.
    private static SortedDictionary<string, string> CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var canonical = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            var normalized = CollapseSpaces(value.Trim());
            canonical[key] = canonical.TryGetValue(key, out var existing) ? $"{existing},{normalized}" : normalized;
        }

        return canonical;
    }

    private static string CollapseSpaces(string value)
    {
        if (!value.Contains("  ", StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static void Require(SortedDictionary<string, string> headers, string name, string? expected)
    {
        if (!headers.TryGetValue(name, out var value))
        {
            throw new ArgumentException($"the request must carry the {name} header", nameof(headers));
        }

        if (expected is not null && value != expected)
        {
            // The header value is not echoed: for x-amz-security-token it is a secret.
            throw new ArgumentException($"the {name} header disagrees with the signing arguments", nameof(headers));
        }
    }

    private static string CanonicalUri(string path) =>
        string.IsNullOrEmpty(path) || path[0] != '/' ? throw new ArgumentException("the path must start with '/'", nameof(path)) : EncodePath(path);

    /// <summary>
    /// The path as signed and sent: each UTF-8 byte outside <c>A-Z a-z 0-9 - _ . ~ /</c> percent-encoded once (upper-case
    /// hex), as every service but S3 canonicalizes it and as S3 accepts it.
    /// </summary>
    public static string EncodePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var builder = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '/')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

/// <summary>An HTTP request to sign.</summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">The unencoded path, e.g. <c>/</c>.</param>
/// <param name="Headers">Every header to sign, names in any case (at least Host and X-Amz-Date).</param>
/// <param name="Body">The exact body bytes sent (empty for none).</param>
public sealed record SigV4Request(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body);

/// <summary>The steps and result of signing; none of it is secret, but the signature authorizes the request.</summary>
/// <param name="CanonicalRequest">The canonical request (task 1).</param>
/// <param name="StringToSign">The string to sign (task 2).</param>
/// <param name="SignedHeaders">The signed header names, lower case, <c>;</c>-separated.</param>
/// <param name="Signature">The hex signature (task 3).</param>
/// <param name="Authorization">The <c>Authorization</c> header value.</param>
public sealed record SigV4Signature(string CanonicalRequest, string StringToSign, string SignedHeaders, string Signature, string Authorization);
