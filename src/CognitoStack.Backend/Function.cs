using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using CognitoStack.Backend.Events;
using CognitoStack.Backend.Json;
using CognitoStack.Backend.Logging;
using CognitoStack.Backend.Routing;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;

namespace CognitoStack.Backend;

/// <summary>
/// The Lambda handler, <see cref="LambdaHandlers.Backend"/>: reads an
/// API Gateway REST proxy event, routes it and writes the proxy response. It never throws: a malformed
/// event is answered 400, invalid configuration 500, both as JSON.
/// </summary>
[SuppressMessage("Naming", "CA1716", Justification = "The handler string LambdaHandlers.Backend names this type: a contract with the CDK app.")]
public sealed class Function
{
    private readonly Router? _router;
    private readonly CorsPolicy _cors;
    private readonly string? _configurationError;
    private readonly RequestLog _log;

    /// <summary>Reads and validates the configuration from environment variables (the Lambda entry point).</summary>
    public Function()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Reads and validates the configuration from <paramref name="readVariable"/>.</summary>
    /// <param name="readVariable">Returns a variable's value, or null when it is not set.</param>
    /// <param name="logOutput">Where log lines go; standard output when left out.</param>
    public Function(Func<string, string?> readVariable, Stream? logOutput = null)
        : this(FunctionSettings.FromVariables(readVariable), logOutput)
    {
    }

    /// <summary>Uses <paramref name="settings"/>; invalid settings make every answer a 500 naming the problem.</summary>
    /// <param name="settings">The configuration.</param>
    /// <param name="logOutput">Where log lines go; standard output when left out.</param>
    /// <param name="time">The clock for the step-up check; the system clock when left out.</param>
    public Function(FunctionSettings settings, Stream? logOutput = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _log = new RequestLog(logOutput ?? Console.OpenStandardOutput());
        _configurationError = settings.Validate();
        if (_configurationError is not null)
        {
            _log.Error($"invalid configuration: {_configurationError}");
            _cors = new CorsPolicy([]);
            return;
        }

        _router = new Router(settings, time);
        _cors = new CorsPolicy(settings.AllowedOrigins);
        WarmUp();
    }

    /// <summary>Answers one API Gateway REST proxy event.</summary>
    /// <param name="input">The event JSON.</param>
    /// <returns>The proxy response JSON.</returns>
    public Stream Handle(Stream input) => Handle(input, _log);

    private MemoryStream Handle(Stream input, RequestLog log)
    {
        var started = Stopwatch.GetTimestamp();
        var request = TryRead(input, out var readError);
        var result = readError ?? Answer(request!, log);
        var output = ProxyResponseWriter.Write(result, _cors.AllowedOrigin(request?.Headers?.Origin));
        var route = request is null ? null : Router.RouteOf(request);
        log.Request(request?.RequestContext?.RequestId, route, result.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return output;
    }

    // Initialization work moved out of the first request (issue 22): one sample GET /me through the same
    // path a real request takes, its answer and log line thrown away. It builds the serializer metadata,
    // the JSON writers and encoder, and runs (JIT-compiles) every method of that path, in the constructor,
    // which Lambda runs in the Init phase and SnapStart captures in the snapshot. It reads nothing from
    // the outside and keeps no state: no clock value, random number, credential or connection is made
    // here, so nothing that must be unique per execution environment ends up in a snapshot.
    private void WarmUp()
    {
        using var sample = new MemoryStream(WarmUpEvent.GetMeBytes, writable: false);
        using var answer = Handle(sample, new RequestLog(Stream.Null));
    }

    private ApiResult Answer(ApiGatewayProxyRequest request, RequestLog log)
    {
        if (_configurationError is not null)
        {
            return ApiResult.InternalError($"the function is misconfigured: {_configurationError}");
        }

        try
        {
            return _router!.Route(request);
        }
        catch (Exception exception)
        {
            // The handler must answer, never throw; the client sees no details and the log only the type.
            log.Error($"unexpected {exception.GetType().Name} while routing");
            return ApiResult.InternalError("unexpected error");
        }
    }

    private static ApiGatewayProxyRequest? TryRead(Stream? input, out ApiResult? error)
    {
        var (json, problem) = EventInput.Read(input);
        if (problem is not null)
        {
            error = ApiResult.BadRequest(problem);
            return null;
        }

        try
        {
            var request = JsonSerializer.Deserialize(json.Span, BackendJsonContext.Default.ApiGatewayProxyRequest);
            error = request is null ? ApiResult.BadRequest("event is JSON null, not an API Gateway proxy event") : null;
            return request;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            // What reading an event throws is the event's fault (malformed JSON, wrong types, invalid
            // escapes): answer 400 without details.
            error = ApiResult.BadRequest("event is not a valid API Gateway proxy event: it must be a JSON object with string values where strings are expected");
            return null;
        }
    }
}
