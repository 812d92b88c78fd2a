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

    [JsonPropertyName(F.Partitions)]
    public required List<ExportPartition> Partitions { get; set; }

    [JsonPropertyName(F.Files)]
    public required List<ExportFile> Files { get; set; }
}

/// <summary>One partition of the manifest: its <c>sub</c> prefix and how many users it holds.</summary>
internal sealed class ExportPartition
{
    [JsonPropertyName(F.PartitionPrefix)]
    public required string SubPrefix { get; set; }

    [JsonPropertyName(F.PartitionUsers)]
    public long Users { get; set; }
}

/// <summary>One user file of the manifest.</summary>
internal sealed class ExportFile
{
    [JsonPropertyName(F.FileKey)]
    public required string Key { get; set; }

    [JsonPropertyName(F.FilePartition)]
    public required string Partition { get; set; }

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

/// <summary>Where the groups step stands: the groups, the one being read and its next page.</summary>
internal sealed class GroupsCheckpoint
{
    [JsonPropertyName("userPoolId")]
    public required string UserPoolId { get; set; }

    [JsonPropertyName("groupNames")]
    public List<string>? GroupNames { get; set; }

    [JsonPropertyName("groupCursor")]
    public int GroupCursor { get; set; }

    [JsonPropertyName("groupToken")]
    public string? GroupToken { get; set; }

    [JsonPropertyName("done")]
    public bool Done { get; set; }

    [JsonPropertyName("invocations")]
    public int Invocations { get; set; }
}

/// <summary>Where one partition stands: its next page, its files so far, its users and group members.</summary>
internal sealed class PartitionCheckpoint
{
    [JsonPropertyName("partition")]
    public required string Partition { get; set; }

    [JsonPropertyName("usersToken")]
    public string? UsersToken { get; set; }

    [JsonPropertyName("files")]
    public List<ExportFile> Files { get; set; } = [];

    [JsonPropertyName("userCount")]
    public long UserCount { get; set; }

    [JsonPropertyName("groupCounts")]
    public SortedDictionary<string, long> GroupCounts { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("done")]
    public bool Done { get; set; }

    [JsonPropertyName("invocations")]
    public int Invocations { get; set; }
}

/// <summary>The event of one step (<see cref="UserExportSteps"/>).</summary>
internal sealed class StepEvent
{
    [JsonPropertyName(UserExportSteps.Step)]
    public string? Step { get; set; }

    [JsonPropertyName(UserExportSteps.StartedAt)]
    public string? StartedAt { get; set; }

    [JsonPropertyName(UserExportSteps.Partition)]
    public string? Partition { get; set; }
}

/// <summary>What one step returns (<see cref="UserExportSteps"/>).</summary>
internal sealed record StepResult(
    [property: JsonPropertyName(UserExportSteps.Step)] string Step,
    [property: JsonPropertyName(UserExportSteps.Status)] string Status,
    [property: JsonPropertyName("exportPrefix")] string ExportPrefix,
    [property: JsonPropertyName(UserExportSteps.Partition)] string? Partition,
    [property: JsonPropertyName("users")] long Users,
    [property: JsonPropertyName(UserExportSteps.Partitions)] IReadOnlyList<string> Partitions);
