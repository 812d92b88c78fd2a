using System.Text.Json.Serialization;
using CognitoStack.Contract;

namespace CognitoStack.Restore.Export;

// The export format the scheduled exporter writes (src/CognitoStack.UserExport): the field names come from
// CognitoStack.Contract's UserExportFormat, so a rename on either side breaks the build, not a restore.

/// <summary><c>manifest.json</c>: what the export holds, written after every user file.</summary>
internal sealed class ExportManifest
{
    [JsonPropertyName(UserExportFormat.Manifest.FormatVersion)]
    public int? FormatVersion { get; set; }

    [JsonPropertyName(UserExportFormat.Manifest.UserPoolId)]
    public string? UserPoolId { get; set; }

    [JsonPropertyName(UserExportFormat.Manifest.Region)]
    public string? Region { get; set; }

    [JsonPropertyName(UserExportFormat.Manifest.StartedAt)]
    public string? StartedAt { get; set; }

    [JsonPropertyName(UserExportFormat.Manifest.FinishedAt)]
    public string? FinishedAt { get; set; }

    [JsonPropertyName(UserExportFormat.Manifest.UserCount)]
    public long? UserCount { get; set; }

    /// <summary>Members per group.</summary>
    [JsonPropertyName(UserExportFormat.Manifest.Groups)]
    public Dictionary<string, long>? Groups { get; set; }

    /// <summary>Format 2: every partition and its user count; absent in format 1.</summary>
    [JsonPropertyName(UserExportFormat.Manifest.Partitions)]
    public List<ExportPartition>? Partitions { get; set; }

    [JsonPropertyName(UserExportFormat.Manifest.Files)]
    public List<ExportFile>? Files { get; set; }
}

/// <summary>One partition of a format-2 export: the <c>sub</c> prefix its users share and how many there are.</summary>
internal sealed class ExportPartition
{
    [JsonPropertyName(UserExportFormat.Manifest.PartitionPrefix)]
    public string? SubPrefix { get; set; }

    [JsonPropertyName(UserExportFormat.Manifest.PartitionUsers)]
    public long? Users { get; set; }
}

/// <summary>One user file of the export.</summary>
internal sealed class ExportFile
{
    /// <summary>The object key, e.g. <c>exports/eu-west-1_AbC/20260102T030405Z/users-00001.jsonl.gz</c>.</summary>
    [JsonPropertyName(UserExportFormat.Manifest.FileKey)]
    public string? Key { get; set; }

    /// <summary>Format 2: the partition the file belongs to.</summary>
    [JsonPropertyName(UserExportFormat.Manifest.FilePartition)]
    public string? Partition { get; set; }

    /// <summary>Lower-case hex SHA-256 of the gzip bytes as stored.</summary>
    [JsonPropertyName(UserExportFormat.Manifest.FileSha256)]
    public string? Sha256 { get; set; }

    /// <summary>Size of the gzip bytes.</summary>
    [JsonPropertyName(UserExportFormat.Manifest.FileBytes)]
    public long? Bytes { get; set; }

    /// <summary>User lines in the file.</summary>
    [JsonPropertyName(UserExportFormat.Manifest.FileUsers)]
    public long? Users { get; set; }
}

/// <summary>One line of a user file.</summary>
internal sealed class ExportedUser
{
    [JsonPropertyName(UserExportFormat.UserLine.Username)]
    public string? Username { get; set; }

    [JsonPropertyName(UserExportFormat.UserLine.Sub)]
    public string? Sub { get; set; }

    /// <summary>Cognito's <c>UserStatus</c>, e.g. <c>CONFIRMED</c> or <c>EXTERNAL_PROVIDER</c>.</summary>
    [JsonPropertyName(UserExportFormat.UserLine.Status)]
    public string? Status { get; set; }

    [JsonPropertyName(UserExportFormat.UserLine.Enabled)]
    public bool? Enabled { get; set; }

    [JsonPropertyName(UserExportFormat.UserLine.Created)]
    public string? Created { get; set; }

    [JsonPropertyName(UserExportFormat.UserLine.LastModified)]
    public string? LastModified { get; set; }

    /// <summary>Attribute values, all strings, as <c>ListUsers</c> returns them.</summary>
    [JsonPropertyName(UserExportFormat.UserLine.Attributes)]
    public Dictionary<string, string>? Attributes { get; set; }

    [JsonPropertyName(UserExportFormat.UserLine.Groups)]
    public List<string>? Groups { get; set; }
}

/// <summary>Source-generated JSON metadata: camelCase members, nothing else tolerated in a value's type.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 16)]
[JsonSerializable(typeof(ExportManifest))]
[JsonSerializable(typeof(ExportedUser))]
internal sealed partial class ExportJsonContext : JsonSerializerContext;
