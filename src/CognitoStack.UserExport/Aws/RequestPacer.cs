namespace CognitoStack.UserExport.Aws;

/// <summary>
/// Spaces the starts of requests of one quota category at least 1/<c>rate</c> seconds apart, so one export never
/// asks for more than its share of the category's requests per second. Not thread-safe: the export calls in sequence.
/// </summary>
public sealed class RequestPacer
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>Creates a pacer; a rate of 0 or less does not pace (benchmarks and emulators).</summary>
    /// <param name="requestsPerSecond">Requests per second at most.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="delay">Waits (Task.Delay in production; recorded in tests).</param>
    public RequestPacer(double requestsPerSecond, TimeProvider clock, Func<TimeSpan, CancellationToken, Task> delay)
    {
        _interval = requestsPerSecond > 0 ? TimeSpan.FromSeconds(1 / requestsPerSecond) : TimeSpan.Zero;
        _clock = clock;
        _delay = delay;
    }

    /// <summary>Requests per second this pacer allows (0: unpaced).</summary>
    public double RequestsPerSecond => _interval == TimeSpan.Zero ? 0 : 1 / _interval.TotalSeconds;

    /// <summary>Waits until the next request may start.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (_interval == TimeSpan.Zero)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        if (_next > now)
        {
            await _delay(_next - now, cancellationToken).ConfigureAwait(false);
            now = _next;
        }

        _next = now + _interval;
    }
}
