using System.Text.Json.Serialization;
using CognitoStack.Contract;
using F = CognitoStack.Contract.UserExportFormat.Manifest;

namespace CognitoStack.UserExport.Json;

/// <summary>The manifest (<see cref="UserExportFormat"/>), written last.</summary>
internal sealed class ExportManifest
{
    [JsonPropertyName(F.FormatVersion)]
    public int FormatVersion { get; set; } = UserExportFormat.FormatVersion;

    [JsonPropertyName(F.UserPoolId)]
    public required string UserPoolId { get; set; }

    [JsonPropertyName(F.Region)]
    public required string Region { get; set; }

    [JsonPropertyName(F.StartedAt)]
    public required string StartedAt { get; set; }

    [JsonPropertyName(F.FinishedAt)]
    public required string FinishedAt { get; set; }

    [JsonPropertyName(F.UserCount)]
    public long UserCount { get; set; }

    [JsonPropertyName(F.Groups)]
    public required SortedDictionary<string, long> Groups { get; set; }

    [JsonPropertyName(F.Files)]
    public required List<ExportFile> Files { get; set; }
}

/// <summary>One user file of the manifest.</summary>
internal sealed class ExportFile
{
    [JsonPropertyName(F.FileKey)]
    public required string Key { get; set; }

    [JsonPropertyName(F.FileSha256)]
    public required string Sha256 { get; set; }

    [JsonPropertyName(F.FileBytes)]
    public long Bytes { get; set; }

    [JsonPropertyName(F.FileUsers)]
    public long Users { get; set; }
}

/// <summary>The pool's pointer to its newest complete export (<see cref="UserExportFormat.LatestName"/>).</summary>
internal sealed class LatestExport
{
    [JsonPropertyName("manifestKey")]
    public required string ManifestKey { get; set; }

    [JsonPropertyName("userCount")]
    public long UserCount { get; set; }
}

/// <summary>Where an unfinished export stands: what the next invocation resumes from.</summary>
internal sealed class Checkpoint
{
    /// <summary>Reading group memberships.</summary>
    public const string GroupsPhase = "groups";

    /// <summary>Reading users and writing files.</summary>
    public const string UsersPhase = "users";

    [JsonPropertyName("userPoolId")]
    public required string UserPoolId { get; set; }

    [JsonPropertyName("startedAt")]
    public DateTimeOffset StartedAt { get; set; }

    [JsonPropertyName("phase")]
    public string Phase { get; set; } = GroupsPhase;

    [JsonPropertyName("groupNames")]
    public List<string>? GroupNames { get; set; }

    [JsonPropertyName("groupCursor")]
    public int GroupCursor { get; set; }

    [JsonPropertyName("groupToken")]
    public string? GroupToken { get; set; }

    [JsonPropertyName("usersToken")]
    public string? UsersToken { get; set; }

    [JsonPropertyName("files")]
    public List<ExportFile> Files { get; set; } = [];

    [JsonPropertyName("userCount")]
    public long UserCount { get; set; }

    [JsonPropertyName("groupCounts")]
    public SortedDictionary<string, long> GroupCounts { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("invocations")]
    public int Invocations { get; set; }
}

/// <summary>The event a continuation is invoked with: the export folder to resume.</summary>
internal sealed class ResumeEvent
{
    [JsonPropertyName("resume")]
    public string? Resume { get; set; }
}

/// <summary>What one invocation returns.</summary>
internal sealed record ExportResult(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("exportPrefix")] string ExportPrefix,
    [property: JsonPropertyName("users")] long Users);
