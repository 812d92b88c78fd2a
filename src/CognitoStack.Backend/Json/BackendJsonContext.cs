using System.Text.Json.Serialization;
using CognitoStack.Backend.Events;

namespace CognitoStack.Backend.Json;

/// <summary>
/// Source-generated serialization metadata for every type this function reads or writes: no reflection
/// at run time, so it is fast on a cold start and safe to trim. Response bodies are only written, so
/// they get the generated fast-path writer alone (less metadata to build on the first request).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ApiGatewayProxyRequest), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ApiGatewayProxyResponse), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ErrorBody), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(MeBody), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(HealthBody), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(ClaimsBody), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(ItemBody), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(ItemListBody), GenerationMode = JsonSourceGenerationMode.Serialization)]
public sealed partial class BackendJsonContext : JsonSerializerContext;
