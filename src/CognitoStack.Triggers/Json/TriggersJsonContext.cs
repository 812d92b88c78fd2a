using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoStack.Triggers.Events;
using CognitoStack.Triggers.Migration;

namespace CognitoStack.Triggers.Json;

/// <summary>
/// Source-generated serialization metadata for every type the triggers read or write: no reflection at
/// run time, so it is fast on a cold start and safe to trim. Members left out of an event stay out of
/// the answer (null is not written). The nesting limit is the input check's (<see cref="EventPayload.MaxDepth"/>).
/// A member name twice in one object is an error (<see cref="JsonException"/>), as it is for <see cref="EventNode"/>:
/// Cognito never sends one, and which of the two values counts would otherwise depend on the reader.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = EventPayload.MaxDepth,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PreTokenGenerationEvent))]
[JsonSerializable(typeof(PostConfirmationEvent))]
[JsonSerializable(typeof(AdminAddUserToGroupRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(AdminInitiateAuthRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(AdminInitiateAuthResponse))]
[JsonSerializable(typeof(AdminGetUserRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(AdminGetUserResponse))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(List<ClaimMapping>))]
internal sealed partial class TriggersJsonContext : JsonSerializerContext;
