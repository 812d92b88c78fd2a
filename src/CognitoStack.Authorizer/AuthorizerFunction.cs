using System.Diagnostics;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;

namespace CognitoStack.Authorizer;

/// <summary>
/// The API's REQUEST Lambda authorizer in the <c>verifiedPermissions</c> mode (<see cref="LambdaHandlers.Authorizer"/>):
/// asks Verified Permissions whether the caller's Cognito token may take the request's route (the action,
/// <see cref="ApiRoutes"/>) and answers API Gateway with an IAM policy for the method ARN. AWS's pattern:
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-lambda-authorizer-verified-permissions.html
/// and https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-authorization-with-avp.html.
/// </summary>
/// <remarks>
/// Fails closed: an ALLOW from Verified Permissions is the only way to an Allow policy. A DENY answers a Deny
/// policy (403, cached by API Gateway like an Allow). No token, a token that is not a Cognito JWT, a
/// misconfiguration or a failed call answers <c>Unauthorized</c> (401, never cached) and, for the last two, an
/// <c>error</c> log line. Verified Permissions itself checks the token's signature, expiry, issuer and client.
/// </remarks>
public sealed class AuthorizerFunction
{
    /// <summary>What the Lambda runtime reports as the error message for API Gateway to answer 401.</summary>
    public const string Unauthorized = "Unauthorized";

    private readonly string? _policyStoreId;
    private readonly string? _configurationError;
    private readonly IVerifiedPermissions _client;
    private readonly AuthorizerLog _log;

    /// <summary>The Lambda entry point: configuration and credentials from the environment.</summary>
    public AuthorizerFunction()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Reads the configuration from <paramref name="readVariable"/>; calls the regional endpoint.</summary>
    public AuthorizerFunction(Func<string, string?> readVariable, Stream? logOutput = null)
        : this(readVariable, CreateClient(readVariable), logOutput)
    {
    }

    /// <summary>Uses <paramref name="client"/> for the calls (tests: a fake or a loopback endpoint).</summary>
    public AuthorizerFunction(Func<string, string?> readVariable, IVerifiedPermissions client, Stream? logOutput = null)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _log = new AuthorizerLog(logOutput ?? Console.OpenStandardOutput());
        _policyStoreId = readVariable(EnvironmentVariables.PolicyStoreId);
        _configurationError = IsPolicyStoreId(_policyStoreId) ? null
            : $"{EnvironmentVariables.PolicyStoreId} {Quote.Value(_policyStoreId)} is invalid: use a policy store ID of 1-200 letters, digits, hyphens and underscores";
        if (_configurationError is not null)
        {
            _log.Error(_configurationError, null, null);
        }
    }

    /// <summary>Answers one REQUEST authorizer event.</summary>
    /// <exception cref="UnauthorizedAccessException">With message <see cref="Unauthorized"/>: API Gateway answers 401.</exception>
    public Stream Handle(Stream input)
    {
        var started = Stopwatch.GetTimestamp();
        var (json, problem) = EventInput.Read(input);
        AuthorizerRequest? request = problem is null ? AuthorizerRequest.TryParse(json.Span) : null;
        if (request is null)
        {
            _log.Error("event is not an API Gateway REQUEST authorizer event", null, null);
            throw new UnauthorizedAccessException(Unauthorized);
        }

        var outcome = Decide(request);
        _log.Decision(outcome, request, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (outcome.Policy is null)
        {
            throw new UnauthorizedAccessException(Unauthorized);
        }

        return new MemoryStream(outcome.Policy, writable: false);
    }

    private Outcome Decide(AuthorizerRequest request)
    {
        if (_configurationError is not null)
        {
            return Outcome.Error(_configurationError);
        }

        if (ApiRoutes.Find(request.HttpMethod, request.Resource) is not { } route)
        {
            // The API has a method the contract does not list: a deployment mistake, refused and reported.
            return Outcome.Denied(request, null, $"no action for {Quote.Value(request.HttpMethod)} {Quote.Value(request.Resource)}: the API and ApiRoutes disagree", error: true);
        }

        if (CognitoToken.TryRead(request.Authorization) is not { } token)
        {
            return Outcome.Unauthorized("no bearer token, or not a Cognito ID or access token");
        }

        string? tenant = null;
        if (route.IsTenantRoute && (!request.PathParameters.TryGetValue(ApiRoutes.TenantParameter, out tenant) || string.IsNullOrEmpty(tenant)))
        {
            return Outcome.Denied(request, token, "the tenant path parameter is missing", error: false);
        }

        var answer = _client.IsAuthorizedWithToken(VerifiedPermissionsRequest.Write(_policyStoreId!, token, route, tenant));
        if (!answer.Succeeded)
        {
            return Outcome.Error($"IsAuthorizedWithToken failed: {answer.Problem}");
        }

        return VerifiedPermissionsRequest.ReadDecision(answer.Body) switch
        {
            "ALLOW" => Outcome.Allowed(request, token, route),
            "DENY" => Outcome.Denied(request, token, "the policies do not permit it", error: false),
            var other => Outcome.Error($"IsAuthorizedWithToken answered decision {Quote.Value(other)}"),
        };
    }

    private static bool IsPolicyStoreId(string? id) =>
        id is { Length: >= 1 and <= 200 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static VerifiedPermissionsClient CreateClient(Func<string, string?> readVariable) =>
        new VerifiedPermissionsClient(VerifiedPermissionsClient.CreateHttpClient(TimeSpan.FromSeconds(3)),
            readVariable("AWS_REGION") ?? "", readVariable, TimeProvider.System);

    /// <summary>One request's result: the policy JSON to answer, or null for 401.</summary>
    internal sealed record Outcome(string Decision, byte[]? Policy, string Reason, bool IsError)
    {
        public static Outcome Error(string reason) => new("error", null, reason, true);

        public static Outcome Unauthorized(string reason) => new("unauthorized", null, reason, false);

        public static Outcome Allowed(AuthorizerRequest request, CognitoToken token, ApiRoute route) =>
            new("allow", IamPolicy.Write(token.Subject, "Allow", request.MethodArn, route.Action, token.Claims), "the policies permit it", false);

        public static Outcome Denied(AuthorizerRequest request, CognitoToken? token, string reason, bool error) =>
            new("deny", IamPolicy.Write(token?.Subject ?? "anonymous", "Deny", request.MethodArn, null, null), reason, error);
    }
}
