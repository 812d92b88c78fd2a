using System.Text.Json.Serialization.Metadata;
using CognitoStack.Backend.Json;

namespace CognitoStack.Backend.Routing;

/// <summary>What a route answered: a status, a JSON body and its serialization metadata.</summary>
public sealed record ApiResult
{
    /// <summary>The HTTP status code.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The body object, serialized with <see cref="BodyType"/>.</summary>
    public required object Body { get; init; }

    /// <summary>Source-generated metadata for <see cref="Body"/>.</summary>
    public required JsonTypeInfo BodyType { get; init; }

    /// <summary>The <c>Allow</c> header of a 405 answer; null otherwise.</summary>
    public string? Allow { get; init; }

    /// <summary>The <c>WWW-Authenticate</c> header of a step-up challenge; null otherwise.</summary>
    public string? WwwAuthenticate { get; init; }

    /// <summary>A success answer.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="body">The body object.</param>
    /// <param name="bodyType">Its source-generated metadata.</param>
    /// <typeparam name="T">The body type.</typeparam>
    public static ApiResult Ok<T>(int statusCode, T body, JsonTypeInfo<T> bodyType)
        where T : class => new() { StatusCode = statusCode, Body = body, BodyType = bodyType };

    /// <summary>An error answer with body <c>{ "error": code, "message": message }</c>.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="code">The short error code.</param>
    /// <param name="message">What was wrong.</param>
    public static ApiResult Error(int statusCode, string code, string message) => new()
    {
        StatusCode = statusCode,
        Body = new ErrorBody(code, message),
        BodyType = BackendJsonContext.Default.ErrorBody,
    };

    /// <summary>400 <c>bad_request</c>.</summary>
    /// <param name="message">What was wrong.</param>
    public static ApiResult BadRequest(string message) => Error(400, "bad_request", message);

    /// <summary>401 <c>unauthorized</c>.</summary>
    /// <param name="message">What was wrong.</param>
    public static ApiResult Unauthorized(string message) => Error(401, "unauthorized", message);

    /// <summary>
    /// 401 <c>insufficient_user_authentication</c> with the RFC 9470 challenge: the token is valid but its
    /// level or sign-in time is not enough; <c>acr_values</c> and <c>max_age</c> say what to ask Cognito for.
    /// </summary>
    /// <param name="challenge">What is missing.</param>
    public static ApiResult InsufficientAuthentication(Auth.StepUpChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var rule = challenge.Rule;
        var header = $"Bearer error=\"insufficient_user_authentication\", error_description=\"{challenge.Description}\""
            + (rule.Acr is null ? "" : $", acr_values=\"{rule.Acr}\"")
            + (rule.MaxAgeSeconds is { } maxAge ? $", max_age={maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "");
        return Error(401, "insufficient_user_authentication", challenge.Description) with { WwwAuthenticate = header };
    }

    /// <summary>403 <c>forbidden</c>.</summary>
    /// <param name="message">What was wrong.</param>
    public static ApiResult Forbidden(string message) => Error(403, "forbidden", message);

    /// <summary>404 <c>not_found</c>.</summary>
    /// <param name="message">What was wrong.</param>
    public static ApiResult NotFound(string message) => Error(404, "not_found", message);

    /// <summary>405 <c>method_not_allowed</c> with an <c>Allow</c> header.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="allow">The methods the path accepts, e.g. <c>GET, POST</c>.</param>
    public static ApiResult MethodNotAllowed(string message, string allow) =>
        Error(405, "method_not_allowed", message) with { Allow = allow };

    /// <summary>413 <c>payload_too_large</c>.</summary>
    /// <param name="message">What was wrong.</param>
    public static ApiResult PayloadTooLarge(string message) => Error(413, "payload_too_large", message);

    /// <summary>500 <c>internal_error</c>; never carries exception details.</summary>
    /// <param name="message">What was wrong.</param>
    public static ApiResult InternalError(string message) => Error(500, "internal_error", message);
}
