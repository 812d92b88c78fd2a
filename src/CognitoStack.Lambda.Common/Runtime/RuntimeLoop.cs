namespace CognitoStack.Lambda.Common.Runtime;

/// <summary>
/// The event loop of a Native AOT function's <c>bootstrap</c> on <c>provided.al2023</c>: picks the handler
/// named by <c>_HANDLER</c> (the function's Handler setting; the same <c>LambdaHandlers</c> strings as on
/// the managed runtime), constructs it (Lambda's Init phase), then takes events one by one until Lambda
/// freezes or ends the environment. Follows https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html
/// ("Implementing a custom runtime": initialization, then the processing loop) and
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html.
/// </summary>
public static class RuntimeLoop
{
    /// <summary>The variable Lambda sets to the function's handler setting.</summary>
    public const string HandlerVariable = "_HANDLER";

    /// <summary>The variable the X-Ray SDK and our own log read the trace header from; set from <c>Lambda-Runtime-Trace-Id</c> per event.</summary>
    public const string TraceVariable = "_X_AMZN_TRACE_ID";

    /// <summary>
    /// Runs the loop against the Runtime API at <c>AWS_LAMBDA_RUNTIME_API</c>; returns the process exit code
    /// (non-zero only when the runtime cannot go on).
    /// </summary>
    /// <param name="handlers">Handler string → a factory of the handler (its constructor does the Init work).</param>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, Func<Func<Stream, Stream>>> handlers)
    {
        var endpoint = Environment.GetEnvironmentVariable(RuntimeApiClient.EndpointVariable);
        if (string.IsNullOrEmpty(endpoint))
        {
            await Console.Error.WriteLineAsync($"{RuntimeApiClient.EndpointVariable} is not set: this bootstrap runs inside Lambda only").ConfigureAwait(false);
            return 2;
        }

        using var http = RuntimeApiClient.CreateHttpClient();
        return await RunAsync(new RuntimeApiClient(http, endpoint), handlers, Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The loop over <paramref name="client"/>; the variables are passed in so tests need not touch the process's.</summary>
    /// <param name="client">The Runtime API.</param>
    /// <param name="handlers">Handler string → a factory of the handler.</param>
    /// <param name="readVariable">Reads <c>_HANDLER</c>.</param>
    /// <param name="setVariable">Sets <c>_X_AMZN_TRACE_ID</c> for each event.</param>
    /// <param name="cancellationToken">Ends the loop (tests); Lambda ends it by ending the process.</param>
    /// <returns>1 after an initialization error was reported; 3 when the Runtime API failed; 0 when cancelled.</returns>
    public static async Task<int> RunAsync(
        RuntimeApiClient client,
        IReadOnlyDictionary<string, Func<Func<Stream, Stream>>> handlers,
        Func<string, string?> readVariable,
        Action<string, string?> setVariable,
        CancellationToken cancellationToken)
    {
        try
        {
            var handle = await InitializeAsync(client, handlers, readVariable, cancellationToken).ConfigureAwait(false);
            if (handle is null)
            {
                return 1;
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                var invocation = await client.NextAsync(cancellationToken).ConfigureAwait(false);
                setVariable(TraceVariable, invocation.TraceId);
                await InvokeAsync(client, handle, invocation, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception exception) when (exception is RuntimeApiException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 3;
        }
    }

    private static async Task<Func<Stream, Stream>?> InitializeAsync(
        RuntimeApiClient client, IReadOnlyDictionary<string, Func<Func<Stream, Stream>>> handlers, Func<string, string?> readVariable, CancellationToken cancellationToken)
    {
        var name = readVariable(HandlerVariable);
        if (name is null || !handlers.TryGetValue(name, out var create))
        {
            await client.ReportInitErrorAsync("Runtime.NoSuchHandler",
                $"{HandlerVariable} {Quote.Value(name)} is not a handler of this bootstrap: use one of {string.Join(", ", handlers.Keys.Order(StringComparer.Ordinal))}",
                cancellationToken).ConfigureAwait(false);
            return null;
        }

        try
        {
            return create();
        }
#pragma warning disable CA1031 // Any failure of a constructor is reported to Lambda as the initialization error.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await client.ReportInitErrorAsync($"Runtime.{exception.GetType().Name}", exception.Message, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    private static async Task InvokeAsync(RuntimeApiClient client, Func<Stream, Stream> handle, Invocation invocation, CancellationToken cancellationToken)
    {
        Stream result;
        try
        {
            result = handle(new MemoryStream(invocation.Event, writable: false));
        }
#pragma warning disable CA1031 // A handler's exception fails that invocation only, as on the managed runtime.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await client.ReportInvocationErrorAsync(invocation.RequestId, exception.GetType().Name, exception.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using (result.ConfigureAwait(false))
        {
            if (!await client.RespondAsync(invocation.RequestId, result, cancellationToken).ConfigureAwait(false))
            {
                await client.ReportInvocationErrorAsync(invocation.RequestId, "Runtime.ResponseTooLarge",
                    "the function's response is larger than Lambda accepts (6 MB for a synchronous invocation)", cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
