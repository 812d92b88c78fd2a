using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using CognitoStack.Backend.Events;
using CognitoStack.Backend.Json;
using CognitoStack.Backend.Logging;
using CognitoStack.Backend.Routing;

namespace CognitoStack.Backend;

/// <summary>
/// The Lambda handler, <c>CognitoStack.Backend::CognitoStack.Backend.Function::Handle</c>: reads an
/// API Gateway REST proxy event, routes it and writes the proxy response. It never throws: a malformed
/// event is answered 400, invalid configuration 500, both as JSON.
/// </summary>
[SuppressMessage("Naming", "CA1716", Justification = "The handler string CognitoStack.Backend::CognitoStack.Backend.Function::Handle is a contract with the CDK app.")]
public sealed class Function
{
    /// <summary>Largest event read: the Lambda synchronous invocation payload limit is 6 MB.</summary>
    public const int MaxEventBytes = 8 * 1024 * 1024;

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
    public Function(FunctionSettings settings, Stream? logOutput = null)
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

        _router = new Router(settings);
        _cors = new CorsPolicy(settings.AllowedOrigins);
    }

    /// <summary>Answers one API Gateway REST proxy event.</summary>
    /// <param name="input">The event JSON.</param>
    /// <returns>The proxy response JSON.</returns>
    public Stream Handle(Stream input)
    {
        var started = Stopwatch.GetTimestamp();
        var request = TryRead(input, out var readError);
        var result = readError ?? Answer(request!);
        var output = ProxyResponseWriter.Write(result, _cors.AllowedOrigin(request?.Headers?.Origin));
        var route = request is null ? null : Router.RouteOf(request);
        _log.Request(request?.RequestContext?.RequestId, route, result.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return output;
    }

    private ApiResult Answer(ApiGatewayProxyRequest request)
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
            _log.Error($"unexpected {exception.GetType().Name} while routing");
            return ApiResult.InternalError("unexpected error");
        }
    }

    private static ApiGatewayProxyRequest? TryRead(Stream? input, out ApiResult? error)
    {
        byte[]? rented = null;
        try
        {
            var json = ReadAll(input, ref rented);
            if (json.Length > MaxEventBytes)
            {
                error = ApiResult.BadRequest($"event is larger than {MaxEventBytes} bytes");
                return null;
            }

            // Skipped members are not transcoded, so invalid UTF-8 there would otherwise pass unnoticed.
            if (!Utf8.IsValid(json))
            {
                error = ApiResult.BadRequest("event is not valid UTF-8");
                return null;
            }

            var request = JsonSerializer.Deserialize(json, BackendJsonContext.Default.ApiGatewayProxyRequest);
            error = request is null ? ApiResult.BadRequest("event is JSON null, not an API Gateway proxy event") : null;
            return request;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or IOException or FormatException)
        {
            // What reading an event throws is the event's fault (malformed JSON, wrong types, invalid
            // escapes, a failing input stream): answer 400 without details.
            error = ApiResult.BadRequest("event is not a valid API Gateway proxy event: it must be a JSON object with string values where strings are expected");
            return null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // A MemoryStream (what the Lambda runtime passes) is read in place; any other stream is copied into
    // a pooled buffer, stopping one byte past the limit.
    private static ReadOnlySpan<byte> ReadAll(Stream? input, ref byte[]? rented)
    {
        if (input is null)
        {
            return [];
        }

        if (input is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            return segment.AsSpan((int)memory.Position);
        }

        rented = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        int read;
        while ((read = input.Read(rented, length, rented.Length - length)) > 0)
        {
            length += read;
            if (length > MaxEventBytes)
            {
                break;
            }

            if (length == rented.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(rented.Length * 2);
                rented.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(rented);
                rented = larger;
            }
        }

        return rented.AsSpan(0, length);
    }
}
