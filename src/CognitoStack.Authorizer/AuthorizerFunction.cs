using System.Diagnostics;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;
using CognitoStack.Lambda.Common.Aws;

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
/// The call, credentials and retries included, ends within <see cref="CallBudget"/>, well inside the time API
/// Gateway waits for an authorizer, so a slow dependency answers 401 and an error line, never a gateway timeout.
/// </remarks>
public sealed class AuthorizerFunction
{
    /// <summary>What the Lambda runtime reports as the error message for API Gateway to answer 401.</summary>
    public const string Unauthorized = "Unauthorized";

    /// <summary>Environment variable Lambda sets to the function's region, the policy store's.</summary>
    public const string RegionVariable = "AWS_REGION";

    /// <summary>
    /// Longest one <c>IsAuthorizedWithToken</c> call may take, credentials, retries and backoff included (each
    /// attempt is cut at what is left). API Gateway waits at most 10 s for a Lambda authorizer
    /// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html, "Timeout for Lambda
    /// authorizer response"; the function's own timeout is 10 s too): 3 s leaves room for a cold start or a
    /// SnapStart restore before the call.
    /// </summary>
    public static readonly TimeSpan CallBudget = TimeSpan.FromSeconds(3);

    // One client per execution environment (see AwsClient.CreateHttpClient); creating it opens no connection.
    private static readonly HttpClient SharedHttpClient = AwsClient.CreateHttpClient(CallBudget);

    private readonly string? _policyStoreId;
    private readonly string? _configurationError;
    private readonly IVerifiedPermissions? _client;
    private readonly AuthorizerLog _log;

    /// <summary>The Lambda entry point: configuration from the environment, credentials as Lambda hands them over.</summary>
    public AuthorizerFunction()
        : this(Environment.GetEnvironmentVariable, SharedHttpClient)
    {
    }

    /// <summary>
    /// Reads the configuration from <paramref name="readVariable"/> and calls Verified Permissions through the shared
    /// call layer. Credentials are resolved at the first request, never here (SnapStart).
    /// </summary>
    /// <param name="readVariable">Returns a variable's value, or null when it is not set.</param>
    /// <param name="httpClient">Sends the requests; its timeout bounds each attempt.</param>
    /// <param name="logOutput">Where log lines go; standard output when left out.</param>
    /// <param name="credentials">Where credentials come from; <see cref="LambdaCredentials"/> (the process environment,
    /// as Lambda sets it) when left out.</param>
    /// <param name="endpoint">Where requests go instead of the regional endpoint (tests: a loopback fake).</param>
    public AuthorizerFunction(Func<string, string?> readVariable, HttpClient httpClient, Stream? logOutput = null,
        IAwsCredentialSource? credentials = null, Uri? endpoint = null)
        : this(readVariable, logOutput, null, region =>
        {
            var client = new VerifiedPermissionsClient(AwsJsonService.VerifiedPermissions(
                new AwsClient(httpClient, region, credentials ?? new LambdaCredentials(), RetryPolicy.Synchronous(CallBudget)), endpoint));
            client.WarmUp();
            return client;
        })
    {
    }

    /// <summary>Uses <paramref name="client"/> for the calls (tests and the bench: an in-process answer); no region is read.</summary>
    public AuthorizerFunction(Func<string, string?> readVariable, IVerifiedPermissions client, Stream? logOutput = null)
        : this(readVariable, logOutput, client ?? throw new ArgumentNullException(nameof(client)), null)
    {
    }

    private AuthorizerFunction(Func<string, string?> readVariable, Stream? logOutput, IVerifiedPermissions? client, Func<string, IVerifiedPermissions>? clientFor)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        _log = new AuthorizerLog(logOutput ?? Console.OpenStandardOutput());
        _policyStoreId = readVariable(EnvironmentVariables.PolicyStoreId);
        var region = readVariable(RegionVariable);
        _configurationError = !IsPolicyStoreId(_policyStoreId)
            ? $"{EnvironmentVariables.PolicyStoreId} {Quote.Value(_policyStoreId)} is invalid: use a policy store ID of 1-200 letters, digits, hyphens and underscores"
            : client is null && !CognitoIds.IsRegion(region) ? $"{RegionVariable} {Quote.Value(region)} is invalid: {CognitoIds.RegionRule}"
            : null;
        if (_configurationError is not null)
        {
            _log.Error(_configurationError, null, null);
            return;
        }

        _client = client ?? clientFor!(region!);
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

        var answer = _client!.IsAuthorizedWithToken(VerifiedPermissionsRequest.Write(_policyStoreId!, token, route, tenant));
        if (!answer.Succeeded)
        {
            var status = answer.Status is { } code ? $"HTTP {code} " : "";
            return Outcome.Error($"{answer.Message} ({status}{answer.ErrorType ?? "no error type"})", answer.ErrorType);
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

    /// <summary>One request's result: the policy JSON to answer, or null for 401.</summary>
    internal sealed record Outcome(string Decision, byte[]? Policy, string Reason, bool IsError, string? ErrorType = null)
    {
        public static Outcome Error(string reason, string? errorType = null) => new("error", null, reason, true, errorType);

        public static Outcome Unauthorized(string reason) => new("unauthorized", null, reason, false);

        public static Outcome Allowed(AuthorizerRequest request, CognitoToken token, ApiRoute route) =>
            new("allow", IamPolicy.Write(token.Subject, "Allow", request.MethodArn, route.Action, token.Claims), "the policies permit it", false);

        public static Outcome Denied(AuthorizerRequest request, CognitoToken? token, string reason, bool error) =>
            new("deny", IamPolicy.Write(token?.Subject ?? "anonymous", "Deny", request.MethodArn, null, null), reason, error);
    }
}
