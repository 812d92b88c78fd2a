using System.Text.Json.Serialization;

namespace CognitoStack.Backend.Events;

/// <summary>
/// The part of an API Gateway REST API (payload 1.0) Lambda proxy integration event this function reads.
/// Shape: "Input format of a Lambda function for proxy integration" in the API Gateway developer guide,
/// and the <c>aws-proxy</c> sample event of aws-sam-cli. Unknown members (multiValueHeaders,
/// queryStringParameters, identity, ...) are skipped without being materialized.
/// </summary>
public sealed record ApiGatewayProxyRequest
{
    /// <summary>The API Gateway resource path template, e.g. <c>/items</c> or <c>/{proxy+}</c>.</summary>
    public string? Resource { get; init; }

    /// <summary>The request path as the caller sent it (without the stage).</summary>
    public string? Path { get; init; }

    /// <summary>The HTTP method, e.g. <c>GET</c>.</summary>
    public string? HttpMethod { get; init; }

    /// <summary>The path parameters of the resource template, e.g. <c>tenant</c>; null when it has none.</summary>
    public IReadOnlyDictionary<string, string>? PathParameters { get; init; }

    /// <summary>The request headers this function uses; null when the request had none.</summary>
    public RequestHeaders? Headers { get; init; }

    /// <summary>Request metadata added by API Gateway, including the authorizer output.</summary>
    public ProxyRequestContext? RequestContext { get; init; }

    /// <summary>The request body, base64 encoded when <see cref="IsBase64Encoded"/> is true.</summary>
    public string? Body { get; init; }

    /// <summary>True when <see cref="Body"/> is base64 encoded (binary media types).</summary>
    public bool IsBase64Encoded { get; init; }
}

/// <summary>The <c>requestContext</c> of a REST API proxy event.</summary>
[JsonConverter(typeof(ProxyRequestContextConverter))]
public sealed record ProxyRequestContext
{
    /// <summary>The API Gateway request ID, logged with every request.</summary>
    public string? RequestId { get; init; }

    /// <summary>The deployment stage name.</summary>
    public string? Stage { get; init; }

    /// <summary>The output of the method's authorizer; null for an unauthenticated method.</summary>
    public ProxyRequestAuthorizer? Authorizer { get; init; }
}

/// <summary>The <c>requestContext.authorizer</c> of a REST API proxy event.</summary>
public sealed record ProxyRequestAuthorizer
{
    /// <summary>
    /// The verified token's claims as a Cognito user pools authorizer presents them: every value is a
    /// string (see <see cref="ClaimsConverter"/> for how other JSON values are read).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Claims { get; init; }
}
