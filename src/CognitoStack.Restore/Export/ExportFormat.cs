using System.Text.Json.Serialization;

namespace CognitoStack.Restore.Export;

// The export format the scheduled exporter writes (issue #19, section 1). Kept here until the exporter's
// names land in CognitoStack.Contract; the merge folds the two together.
//   exports/<userPoolId>/<startedAt yyyyMMddTHHmmssZ>/users-00001.jsonl.gz, ... (gzip JSON Lines, one user
//   per line) and manifest.json, written last.

/// <summary>The version of the export format this tool reads.</summary>
internal static class ExportFormat
{
    /// <summary>The only <c>formatVersion</c> understood.</summary>
    public const int Version = 1;

    /// <summary>The manifest's file name, beside the user files.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>Prefix of every export object key: <c>exports/&lt;userPoolId&gt;/&lt;startedAt&gt;/</c>.</summary>
    public const string KeyPrefix = "exports/";
}

/// <summary><c>manifest.json</c>: what the export holds, written after every user file.</summary>
internal sealed class ExportManifest
{
    public int? FormatVersion { get; set; }

    public string? UserPoolId { get; set; }

    public string? Region { get; set; }

    public string? StartedAt { get; set; }

    public string? FinishedAt { get; set; }

    public long? UserCount { get; set; }

    /// <summary>Members per group.</summary>
    public Dictionary<string, long>? Groups { get; set; }

    public List<ExportFile>? Files { get; set; }
}

/// <summary>One user file of the export.</summary>
internal sealed class ExportFile
{
    /// <summary>The object key, e.g. <c>exports/eu-west-1_AbC/20260102T030405Z/users-00001.jsonl.gz</c>.</summary>
    public string? Key { get; set; }

    /// <summary>Lower-case hex SHA-256 of the gzip bytes as stored.</summary>
    public string? Sha256 { get; set; }

    /// <summary>Size of the gzip bytes.</summary>
    public long? Bytes { get; set; }

    /// <summary>User lines in the file.</summary>
    public long? Users { get; set; }
}

/// <summary>One line of a user file.</summary>
internal sealed class ExportedUser
{
    public string? Username { get; set; }

    public string? Sub { get; set; }

    /// <summary>Cognito's <c>UserStatus</c>, e.g. <c>CONFIRMED</c> or <c>EXTERNAL_PROVIDER</c>.</summary>
    public string? Status { get; set; }

    public bool? Enabled { get; set; }

    public string? Created { get; set; }

    public string? LastModified { get; set; }

    /// <summary>Attribute values, all strings, as <c>ListUsers</c> returns them.</summary>
    public Dictionary<string, string>? Attributes { get; set; }

    public List<string>? Groups { get; set; }
}

/// <summary>Source-generated JSON metadata: camelCase members, nothing else tolerated in a value's type.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 16)]
[JsonSerializable(typeof(ExportManifest))]
[JsonSerializable(typeof(ExportedUser))]
internal sealed partial class ExportJsonContext : JsonSerializerContext;
