namespace CognitoStack.Backend.Events;

/// <summary>
/// The response a REST API Lambda proxy integration expects ("Output format of a Lambda function for
/// proxy integration" in the API Gateway developer guide).
/// </summary>
public sealed record ApiGatewayProxyResponse
{
    /// <summary>The HTTP status code.</summary>
    public required int StatusCode { get; init; }

    /// <summary>Single-value response headers.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The response body: JSON text.</summary>
    public required string Body { get; init; }

    /// <summary>Always false: bodies are JSON text.</summary>
    public bool IsBase64Encoded { get; init; }
}
