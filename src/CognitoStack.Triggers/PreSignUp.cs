using System.Diagnostics;
using System.Text.Json;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;
using CognitoStack.Triggers.Claims;
using CognitoStack.Triggers.Events;
using CognitoStack.Triggers.Logging;

namespace CognitoStack.Triggers;

/// <summary>
/// The pre sign-up trigger, handler <see cref="LambdaHandlers.PreSignUp"/>: self sign-up
/// (<c>PreSignUp_SignUp</c>) succeeds only for an email address whose domain is on <c>ALLOWED_EMAIL_DOMAINS</c>
/// (exact, case-insensitive; subdomains are listed one by one). Users an administrator creates and users of a
/// configured identity provider are not limited.
/// </summary>
/// <remarks>
/// Cognito rejects a sign-up when the function fails and shows the user the error message ("PreSignUp failed
/// with error …"): https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html.
/// So a rejection throws <see cref="SignUpRejectedException"/> with a message for the user, and logs one
/// <c>level: info, outcome: rejected</c> line (the Monitoring stack subtracts those from the function's errors).
/// The trigger fails closed: a malformed event (also a missing, unknown or non-string <c>triggerSource</c>: only
/// the three sources AWS documents pass) or a missing or invalid allow-list rejects the sign-up too, with an
/// error line. It never logs the address.
/// </remarks>
public sealed class PreSignUp
{
    /// <summary>What the user sees when the domain is not allowed.</summary>
    public const string RejectionMessage = "Sign-up is open to addresses of approved organisations only.";

    /// <summary>What the user sees when the trigger cannot decide (malformed event, broken configuration).</summary>
    public const string FailureMessage = "Sign-up is not available right now. Please try again later.";

    private const string SignUp = "PreSignUp_SignUp";

    // The other sources AWS documents for this trigger (user-pool-lambda-pre-sign-up.html, "Lambda trigger
    // sources" of cognito-user-pools-working-with-lambda-triggers.html); any other source is refused.
    private static readonly HashSet<string> Unlimited = new(StringComparer.Ordinal) { "PreSignUp_AdminCreateUser", "PreSignUp_ExternalProvider" };

    private readonly HashSet<string>? _domains;
    private readonly TriggerLog _log;

    /// <summary>Reads <c>ALLOWED_EMAIL_DOMAINS</c> from the environment (the Lambda entry point).</summary>
    public PreSignUp()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Reads <c>ALLOWED_EMAIL_DOMAINS</c> from <paramref name="readVariable"/>; logs an error if it is missing or invalid.</summary>
    /// <param name="readVariable">Returns a variable's value, or null when it is not set.</param>
    /// <param name="logOutput">Where log lines go; standard output when left out.</param>
    public PreSignUp(Func<string, string?> readVariable, Stream? logOutput = null)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        _log = new TriggerLog(logOutput ?? Console.OpenStandardOutput(), nameof(PreSignUp));
        var value = readVariable(EnvironmentVariables.AllowedEmailDomains);
        var domains = value?.Split(',') ?? [];
        if (domains.Length == 0 || !domains.All(EmailDomain.IsDomain))
        {
            _log.Error($"invalid configuration: {EnvironmentVariables.AllowedEmailDomains} {Quote.Value(value)} is not a comma-separated list of lower-case domains; every self sign-up will be rejected", EventIdentity.None);
            return;
        }

        _domains = new HashSet<string>(domains, StringComparer.Ordinal);
    }

    /// <summary>Answers one pre sign-up event: the event unchanged when the sign-up may go on.</summary>
    /// <param name="input">The event JSON.</param>
    /// <returns>The event, unchanged.</returns>
    /// <exception cref="SignUpRejectedException">The sign-up must not go on; the message is for the user.</exception>
    public Stream Handle(Stream input)
    {
        var started = Stopwatch.GetTimestamp();
        var payload = EventPayload.Read(input);
        if (payload.Problem is not null)
        {
            _log.Error($"malformed event: {payload.Problem}; sign-up rejected", EventIdentity.None, new LogDetails(Outcome: "rejected"));
            throw new SignUpRejectedException(FailureMessage);
        }

        var identity = EventIdentity.None;
        string? email;
        try
        {
            var e = EventNode.Parse(payload);
            identity = EventNode.Identity(e);
            if (identity.TriggerSource is { } source && Unlimited.Contains(source))
            {
                _log.Info("not a self sign-up; allowed", identity, new LogDetails(Outcome: "allowed", DurationMs: Elapsed(started)));
                return payload.Unchanged();
            }

            if (identity.TriggerSource != SignUp)
            {
                // An allow-list: a missing, unknown or non-string source is not let through.
                _log.Error($"malformed event: triggerSource {Quote.Value(identity.TriggerSource)} is not a pre sign-up source; sign-up rejected", identity, new LogDetails(Outcome: "rejected"));
                throw new SignUpRejectedException(FailureMessage);
            }

            email = EventNode.Text((e["request"] as System.Text.Json.Nodes.JsonObject)?["userAttributes"] as System.Text.Json.Nodes.JsonObject, "email");
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            _log.Error($"malformed event: {exception.GetType().Name} while reading it; sign-up rejected", identity, new LogDetails(Outcome: "rejected"));
            throw new SignUpRejectedException(FailureMessage);
        }

        if (_domains is null)
        {
            _log.Error("sign-up rejected: the allow-list is not configured", identity, new LogDetails(Outcome: "rejected"));
            throw new SignUpRejectedException(FailureMessage);
        }

        var domain = EmailDomain.Of(email);
        if (domain is null || !_domains.Contains(domain))
        {
            _log.Info("sign-up rejected: email domain not on the allow-list", identity, new LogDetails(Outcome: "rejected", DurationMs: Elapsed(started)));
            throw new SignUpRejectedException(RejectionMessage);
        }

        _log.Info("sign-up allowed: email domain on the allow-list", identity, new LogDetails(Outcome: "allowed", DurationMs: Elapsed(started)));
        return payload.Unchanged();
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

/// <summary>A sign-up the pre sign-up trigger refuses; Cognito shows <see cref="Exception.Message"/> to the user.</summary>
public sealed class SignUpRejectedException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public SignUpRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with Cognito's generic text.</summary>
    public SignUpRejectedException()
        : base(PreSignUp.FailureMessage)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SignUpRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
