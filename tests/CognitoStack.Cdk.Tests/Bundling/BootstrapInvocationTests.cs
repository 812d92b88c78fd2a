using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CognitoStack.Authorizer.Tests.Helpers;
using CognitoStack.Cdk.Bundling;
using CognitoStack.Cdk.Tests.Infrastructure;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common.Tests.Runtime;
using CognitoStack.Tests.Shared;

namespace CognitoStack.Cdk.Tests.Bundling;

/// <summary>
/// Each function group's Native AOT bootstrap serves a real-shaped event through its Runtime API loop: the process is
/// started as Lambda starts <c>bootstrap</c> on <c>provided.al2023</c> (<c>AWS_LAMBDA_RUNTIME_API</c>, <c>_HANDLER</c>,
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html) against a loopback fake of the Runtime API.
/// arm64 code cannot run on this x64 host: the bootstraps here are the linux-x64 Native AOT publish of the same code
/// and settings (the stand-in; the linux-arm64 ones are checked by <see cref="NativeAotTests"/>).
/// </summary>
public sealed class BootstrapInvocationTests
{
    private const string CognitoHost = "cognito-idp.eu-west-1.amazonaws.com";
    private const string VerifiedPermissionsHost = "verifiedpermissions.eu-west-1.amazonaws.com";
    private const string ExportBucket = "cognitostack-native-export";

    private static readonly Dictionary<string, string?> BackendVariables = new(StringComparer.Ordinal)
    {
        [EnvironmentVariables.EnvironmentName] = "native",
        [EnvironmentVariables.AdminGroup] = "admin",
        [EnvironmentVariables.ReadScope] = "myapp-api/read",
        [EnvironmentVariables.WriteScope] = "myapp-api/write",
        [EnvironmentVariables.AllowedOrigins] = "http://localhost:5173",
    };

    [ToolFact(NativeToolchainTools.Linker, NativeToolchainTools.Install)]
    public async Task BackendBootstrap_Should_AnswerGetMe_When_ApiGatewaySendsTheEvent()
    {
        var (path, _, body) = await InvokeOnce(LambdaCode.BackendProject, LambdaHandlers.Backend,
            "tests/CognitoStack.Backend.Tests/Fixtures/get-me-id-token.json", BackendVariables);

        Assert.Equal("/2018-06-01/runtime/invocation/req-1/response", path);
        using var response = JsonDocument.Parse(body);
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
    }

    [ToolFact(NativeToolchainTools.Linker, NativeToolchainTools.Install)]
    public async Task TriggersBootstrap_Should_CustomizeTheTokens_When_CognitoSendsPreTokenGeneration()
    {
        var (path, _, body) = await InvokeOnce(LambdaCode.TriggersProject, LambdaHandlers.PreTokenGeneration,
            "tests/CognitoStack.Triggers.Tests/Fixtures/pre-token-generation-v2-authentication.json", new Dictionary<string, string?>());

        Assert.Equal("/2018-06-01/runtime/invocation/req-1/response", path);
        using var response = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Object, response.RootElement.GetProperty("response").GetProperty("claimsAndScopeOverrideDetails").ValueKind);
    }

    // The export's groups step calls S3 and Cognito over HTTPS: through HTTPS_PROXY to a loopback fake that terminates
    // TLS with a certificate the bootstrap trusts through SSL_CERT_FILE. S3 has no checkpoint yet (404 NoSuchKey,
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html), and Cognito answers the way it does for a
    // pool that does not exist (400 ResourceNotFoundException, not retried). So the bootstrap's credentials
    // (AWSSDK.Core's environment provider), SigV4 signing, TLS and the invocation-error report run in the native binary.
    [ToolFact(NativeToolchainTools.Linker, NativeToolchainTools.Install)]
    public async Task UserExportBootstrap_Should_SignItsCallsAndReportTheInvocationError_When_ThePoolDoesNotExist()
    {
        await using var aws = new FakeAwsProxy(new Dictionary<string, (int, string, string)>(StringComparer.Ordinal)
        {
            [CognitoHost] = (400, "application/x-amz-json-1.1", """{"__type":"ResourceNotFoundException","message":"User pool eu-west-1_EXAMPLE01 does not exist."}"""),
            [$"{ExportBucket}.s3.eu-west-1.amazonaws.com"] = (404, "application/xml",
                """<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"""),
        });
        var variables = CallerVariables(aws, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [EnvironmentVariables.UserPoolId] = "eu-west-1_EXAMPLE01",
            [EnvironmentVariables.ExportBucket] = ExportBucket,
            [EnvironmentVariables.MetricNamespace] = "CognitoStack/native",
            [EnvironmentVariables.TimeBudgetSeconds] = "60",
            [EnvironmentVariables.PartitionRequestsPerSecond] = "5",
            [EnvironmentVariables.ExportRequestsPerSecond] = "10",
        });

        var (path, errorType, body) = await InvokeOnce(LambdaCode.UserExportProject, LambdaHandlers.UserExport, eventFile: null, variables,
            Encoding.UTF8.GetBytes("""{"step":"groups","startedAt":"2026-12-07T01:00:00.000Z"}"""));

        Assert.Equal("/2018-06-01/runtime/invocation/req-1/error", path);
        Assert.Equal("AwsApiException", errorType);
        Assert.Contains("ResourceNotFoundException", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Contains(aws.Requests, r => r.RequestLine.StartsWith("GET /", StringComparison.Ordinal) && r.Host.EndsWith(".s3.eu-west-1.amazonaws.com", StringComparison.Ordinal));
        var call = Assert.Single(aws.Requests, r => r.Host == CognitoHost);
        Assert.Equal("AWSCognitoIdentityProviderService.ListGroups", call.Headers["x-amz-target"]);
        AssertSignedWithTheRolesCredentials(call.Headers, "cognito-idp");
    }

    // The authorizer asks Verified Permissions over HTTPS (through HTTPS_PROXY to the loopback fake, as for the export),
    // which answers IsAuthorizedWithToken with ALLOW in AWS JSON 1.0
    // (https://docs.aws.amazon.com/verifiedpermissions/latest/apireference/API_IsAuthorizedWithToken.html): the native
    // binary signs the call with the execution role's variables and answers API Gateway with an Allow policy for the
    // method ARN (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html).
    [ToolFact(NativeToolchainTools.Linker, NativeToolchainTools.Install)]
    public async Task AuthorizerBootstrap_Should_AnswerAnAllowPolicy_When_VerifiedPermissionsAllowsTheSignedCall()
    {
        await using var aws = new FakeAwsProxy(new Dictionary<string, (int, string, string)>(StringComparer.Ordinal)
        {
            [VerifiedPermissionsHost] = (200, "application/x-amz-json-1.0",
                $$$"""{"decision":"ALLOW","determiningPolicies":[{"policyId":"SPEXAMPLEabcdefg111111"}],"errors":[],"principal":{"entityType":"{{{ApiRoutes.UserEntityType}}}","entityId":"eu-west-1_EXAMPLE01|{{{TestTokens.Subject}}}"}}"""),
        });
        var variables = CallerVariables(aws, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [EnvironmentVariables.PolicyStoreId] = "PSEXAMPLEabcdefg111111",
        });
        var requestEvent = (await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests/CognitoStack.Authorizer.Tests/Fixtures/request-event.json")))
            .Replace("Bearer TOKEN", "Bearer " + TestTokens.Access(), StringComparison.Ordinal);

        var (path, _, body) = await InvokeOnce(LambdaCode.AuthorizerProject, LambdaHandlers.Authorizer, eventFile: null, variables, Encoding.UTF8.GetBytes(requestEvent));

        Assert.Equal("/2018-06-01/runtime/invocation/req-1/response", path);
        using var response = JsonDocument.Parse(body);
        var statement = response.RootElement.GetProperty("policyDocument").GetProperty("Statement")[0];
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/v1/GET/items", statement.GetProperty("Resource").GetString());
        Assert.Equal(TestTokens.Subject, response.RootElement.GetProperty("principalId").GetString());
        var call = Assert.Single(aws.Requests);
        Assert.Equal(VerifiedPermissionsHost, call.Host);
        Assert.Equal("POST / HTTP/1.1", call.RequestLine);
        Assert.Equal("VerifiedPermissions.IsAuthorizedWithToken", call.Headers["x-amz-target"]);
        AssertSignedWithTheRolesCredentials(call.Headers, "verifiedpermissions");
        using var sent = JsonDocument.Parse(call.Body);
        Assert.Equal("PSEXAMPLEabcdefg111111", sent.RootElement.GetProperty("policyStoreId").GetString());
    }

    // What Lambda gives a function that calls AWS (its Region, the execution role's credentials), with HTTPS going through
    // the loopback fake (HTTPS_PROXY, and SSL_CERT_FILE: its certificate the only one trusted), plus the function's own.
    private static Dictionary<string, string?> CallerVariables(FakeAwsProxy aws, Dictionary<string, string?> own) =>
        new(own, StringComparer.Ordinal)
        {
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ["AWS_SESSION_TOKEN"] = "native-test-session",
            ["HTTPS_PROXY"] = aws.ProxyUri,
            ["SSL_CERT_FILE"] = aws.CertificateFile,
        };

    // SigV4 with those credentials for service in eu-west-1, and their session token.
    private static void AssertSignedWithTheRolesCredentials(Dictionary<string, string> headers, string service)
    {
        Assert.Matches($@"^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/\d{{8}}/eu-west-1/{service}/aws4_request, SignedHeaders=", headers["authorization"]);
        Assert.Equal("native-test-session", headers["x-amz-security-token"]);
    }

    // Starts the linux-x64 bootstrap with the Runtime API's variables, serves one event and returns what the bootstrap
    // posted for it (its response or its error); the bootstrap then waits on /next as in Lambda and is killed.
    private static async Task<(string Path, string? ErrorType, byte[] Body)> InvokeOnce(
        string projectPath, string handler, string? eventFile, IReadOnlyDictionary<string, string?> variables, byte[]? eventBody = null)
    {
        var bootstrap = NativeAotBootstraps.Of(projectPath, DotnetPublish.LinuxX64);
        await using var runtimeApi = new FakeRuntimeApi();
        runtimeApi.Enqueue("req-1", eventBody ?? await File.ReadAllBytesAsync(Path.Combine(Repository.Root, eventFile!)));
        var startInfo = new ProcessStartInfo(bootstrap)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(bootstrap)!,
        };
        startInfo.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi.Endpoint;
        startInfo.Environment["_HANDLER"] = handler;
        foreach (var (name, value) in variables)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await runtimeApi.WaitForPosts(1);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var post = Assert.Single(runtimeApi.Posts);
        Assert.True(post.Path.StartsWith("/2018-06-01/runtime/invocation/", StringComparison.Ordinal),
            $"{post.Path}: {Encoding.UTF8.GetString(post.Body)}{Environment.NewLine}{await output}{await errors}");
        return post;
    }
}
