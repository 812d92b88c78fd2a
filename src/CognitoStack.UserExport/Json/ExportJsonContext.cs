using System.Text.Json.Serialization;

namespace CognitoStack.UserExport.Json;

/// <summary>Source-generated JSON for every shape the exporter reads or writes; no reflection at run time.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, MaxDepth = 16)]
[JsonSerializable(typeof(ListUsersRequest))]
[JsonSerializable(typeof(ListUsersInGroupRequest))]
[JsonSerializable(typeof(ListGroupsRequest))]
[JsonSerializable(typeof(UsersResponse))]
[JsonSerializable(typeof(GroupsResponse))]
[JsonSerializable(typeof(ExportManifest))]
[JsonSerializable(typeof(LatestExport))]
[JsonSerializable(typeof(GroupsCheckpoint))]
[JsonSerializable(typeof(PartitionCheckpoint))]
[JsonSerializable(typeof(StepEvent))]
[JsonSerializable(typeof(StepResult))]
internal sealed partial class ExportJsonContext : JsonSerializerContext;
