using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CognitoStack.Contract;
using CognitoStack.UserExport.Json;
using L = CognitoStack.Contract.UserExportFormat.UserLine;

namespace CognitoStack.UserExport.Export;

/// <summary>
/// Writes user lines (<see cref="UserExportFormat"/>) through gzip into one reusable buffer: one file at a time, so
/// memory is bounded by the largest file, never by the pool. <see cref="Finish"/> hands over the gzip bytes and
/// their SHA-256 and starts the next file in the same buffer.
/// </summary>
internal sealed class UserFileWriter : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = false };
    private readonly MemoryStream _buffer = new();
    private GZipStream _gzip;
    private Utf8JsonWriter _writer;

    /// <summary>Starts the first file.</summary>
    public UserFileWriter()
    {
        _gzip = new GZipStream(_buffer, CompressionLevel.Optimal, leaveOpen: true);
        _writer = new Utf8JsonWriter(_gzip, WriterOptions);
    }

    /// <summary>Users written to the current file.</summary>
    public int Users { get; private set; }

    /// <summary>Bytes the buffer holds at most so far (its capacity), for the benchmark.</summary>
    public long BufferCapacity => _buffer.Capacity;

    /// <summary>
    /// Writes one user line; <paramref name="groups"/> are the user's group names. A user whose <c>sub</c> does not
    /// start with <paramref name="partition"/> fails the export: the filter was not applied, and the user could be
    /// written twice.
    /// </summary>
    public void Write(UserType user, IReadOnlyList<string> groups, string partition)
    {
        string? sub = null;
        foreach (var attribute in user.Attributes ?? [])
        {
            if (attribute.Name == "sub")
            {
                sub = attribute.Value;
            }
        }

        if (sub is null || !sub.StartsWith(partition, StringComparison.Ordinal))
        {
            throw new AwsApiException("ListUsers", 200, "UserOutsidePartition");
        }

        var w = _writer;
        w.WriteStartObject();
        w.WriteString(L.Username, user.Username);

        w.WriteString(L.Sub, sub);
        w.WriteString(L.Status, user.UserStatus);
        w.WriteBoolean(L.Enabled, user.Enabled ?? true);
        WriteTime(w, L.Created, user.UserCreateDate);
        WriteTime(w, L.LastModified, user.UserLastModifiedDate);
        w.WriteStartObject(L.Attributes);
        foreach (var attribute in user.Attributes ?? [])
        {
            if (!string.IsNullOrEmpty(attribute.Name))
            {
                w.WriteString(attribute.Name, attribute.Value);
            }
        }

        w.WriteEndObject();
        w.WriteStartArray(L.Groups);
        foreach (var group in groups)
        {
            w.WriteStringValue(group);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        w.Reset();
        _gzip.WriteByte((byte)'\n');
        Users++;
    }

    /// <summary>Closes the current file: its gzip bytes (valid until the next write) and their SHA-256 (lower-case hex).</summary>
    public (ReadOnlyMemory<byte> Bytes, string Sha256, int Users) Finish()
    {
        _writer.Dispose();
        _gzip.Dispose();
        var bytes = _buffer.GetBuffer().AsMemory(0, (int)_buffer.Length);
        var result = (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), Users);
        return result;
    }

    /// <summary>Empties the buffer (keeping its capacity) and starts the next file.</summary>
    public void Restart()
    {
        _buffer.SetLength(0);
        _gzip = new GZipStream(_buffer, CompressionLevel.Optimal, leaveOpen: true);
        _writer = new Utf8JsonWriter(_gzip, WriterOptions);
        Users = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _writer.Dispose();
        _gzip.Dispose();
        _buffer.Dispose();
    }

    // Cognito sends epoch seconds with a fraction; the export keeps whole seconds, ISO 8601 UTC.
    private static void WriteTime(Utf8JsonWriter writer, string name, double? epochSeconds)
    {
        if (epochSeconds is { } seconds && double.IsFinite(seconds) && seconds is >= 0 and < 253_402_300_800)
        {
            writer.WriteString(name, UserExportFormat.Timestamp(DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds))));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>The culture-invariant count, for messages.</summary>
    public override string ToString() => Users.ToString(CultureInfo.InvariantCulture);
}
