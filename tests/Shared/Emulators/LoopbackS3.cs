using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using CognitoStack.Tests.Loopback;

namespace CognitoStack.Tests.Emulators;

/// <summary>
/// A loopback S3 for one bucket, path-style (<c>http://127.0.0.1:PORT/BUCKET/KEY</c>), serving the three operations
/// an export and its download use, as the S3 API reference describes them: PutObject (a <c>Content-MD5</c> that does
/// not match the body is refused with <c>BadDigest</c>), GetObject (<c>NoSuchKey</c> when absent) and ListObjectsV2
/// (<c>list-type=2</c>, <c>prefix</c>, <c>max-keys</c> up to 1,000, <c>continuation-token</c>; keys in UTF-8 binary
/// order). Anything else is <c>501 NotImplemented</c>. Signatures are not checked.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
/// </summary>
public sealed class LoopbackS3 : IDisposable
{
    private static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";
    private readonly ConcurrentDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly LoopbackListener _listener;

    /// <summary>Listens on a free loopback port for requests to <paramref name="bucket"/>.</summary>
    public LoopbackS3(string bucket)
    {
        Bucket = bucket;
        _listener = new LoopbackListener(async context =>
        {
            try
            {
                await HandleAsync(context);
            }
            finally
            {
                context.Response.Close();
            }
        });
    }

    /// <summary>The one bucket served.</summary>
    public string Bucket { get; }

    /// <summary>The endpoint; objects are at <c>{Endpoint}{Bucket}/{key}</c>.</summary>
    public Uri Endpoint => _listener.Url;

    /// <summary>Every stored key.</summary>
    public IReadOnlyCollection<string> Keys => [.. _objects.Keys];

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        var slash = path.IndexOf('/', 1);
        var bucket = Uri.UnescapeDataString(slash < 0 ? path[1..] : path[1..slash]);
        var key = slash < 0 ? "" : Uri.UnescapeDataString(path[(slash + 1)..]);
        if (bucket != Bucket)
        {
            await ErrorAsync(context, 404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }

        switch (request.HttpMethod)
        {
            case "PUT" when key.Length > 0:
                await PutAsync(context, key);
                break;
            case "GET" when key.Length > 0:
                await GetAsync(context, key);
                break;
            case "GET" when request.QueryString["list-type"] == "2":
                await ListAsync(context);
                break;
            default:
                await ErrorAsync(context, 501, "NotImplemented", "A header you provided implies functionality that is not implemented.");
                break;
        }
    }

    private async Task PutAsync(HttpListenerContext context, string key)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var bytes = body.ToArray();
#pragma warning disable CA5351 // S3's Content-MD5 check, not a security control.
        var md5 = MD5.HashData(bytes);
#pragma warning restore CA5351
        if (context.Request.Headers["Content-MD5"] is { } given && given != Convert.ToBase64String(md5))
        {
            await ErrorAsync(context, 400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
            return;
        }

        var etag = $"\"{Convert.ToHexStringLower(md5)}\"";
        _objects[key] = new StoredObject(bytes, context.Request.ContentType ?? "binary/octet-stream", etag, DateTime.UtcNow);
        context.Response.Headers["ETag"] = etag;
        context.Response.StatusCode = 200;
    }

    private async Task GetAsync(HttpListenerContext context, string key)
    {
        if (!_objects.TryGetValue(key, out var stored))
        {
            await ErrorAsync(context, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = stored.ContentType;
        context.Response.Headers["ETag"] = stored.ETag;
        context.Response.ContentLength64 = stored.Body.Length;
        await context.Response.OutputStream.WriteAsync(stored.Body);
    }

    private async Task ListAsync(HttpListenerContext context)
    {
        var query = context.Request.QueryString;
        var prefix = query["prefix"] ?? "";
        var maxKeys = int.TryParse(query["max-keys"], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? Math.Clamp(m, 0, 1000) : 1000;
        var after = query["continuation-token"] is { } token ? Encoding.UTF8.GetString(Convert.FromBase64String(token)) : null;
        var matching = _objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Where(k => after is null || string.CompareOrdinal(k, after) > 0)
            .ToList();
        var page = matching.Take(maxKeys).ToList();
        var truncated = matching.Count > page.Count;
        var result = new XElement(S3 + "ListBucketResult",
            new XElement(S3 + "Name", Bucket),
            new XElement(S3 + "Prefix", prefix),
            new XElement(S3 + "KeyCount", page.Count),
            new XElement(S3 + "MaxKeys", maxKeys),
            new XElement(S3 + "IsTruncated", truncated ? "true" : "false"),
            page.Select(k => new XElement(S3 + "Contents",
                new XElement(S3 + "Key", k),
                new XElement(S3 + "LastModified", _objects[k].LastModified.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
                new XElement(S3 + "ETag", _objects[k].ETag),
                new XElement(S3 + "Size", _objects[k].Body.Length),
                new XElement(S3 + "StorageClass", "STANDARD"))),
            truncated ? new XElement(S3 + "NextContinuationToken", Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1]))) : null);
        await XmlAsync(context, 200, result);
    }

    private static Task ErrorAsync(HttpListenerContext context, int status, string code, string message) =>
        XmlAsync(context, status, new XElement("Error", new XElement("Code", code), new XElement("Message", message)));

    private static async Task XmlAsync(HttpListenerContext context, int status, XElement body)
    {
        var bytes = Encoding.UTF8.GetBytes(new XDocument(new XDeclaration("1.0", "UTF-8", null), body).ToString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
    }

    private sealed record StoredObject(byte[] Body, string ContentType, string ETag, DateTime LastModified);
}
