using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Constructs;
using CognitoStack.Contract;
using Constructs;

namespace CognitoStack.Cdk.Stacks;

/// <summary>What the API stack needs from outside: the identity layer and the backend code.</summary>
public sealed record ApiStackProps
{
    /// <summary>The stateful stack whose user pool protects the API.</summary>
    public required IdentityStack Identity { get; init; }

    /// <summary>The published (or, in tests, unbundled) backend.</summary>
    public required Code BackendCode { get; init; }

    /// <summary>The published Lambda authorizer; used in the <c>verifiedPermissions</c> authorization mode only.</summary>
    public required Code AuthorizerCode { get; init; }

    /// <summary>What happens to the log groups when they leave the stack.</summary>
    public required RemovalPolicy RemovalPolicy { get; init; }

    /// <summary>Stack properties (name, environment).</summary>
    public required IStackProps StackProps { get; init; }
}

/// <summary>The stateless stack: the protected REST API, the backend function and the web ACL.</summary>
public sealed class ApiStack : Stack
{
    /// <summary>Wires the backend, the API and (where enabled) the web ACL.</summary>
    public ApiStack(Construct scope, string id, EnvironmentSettings settings, ApiStackProps props)
        : base(scope, id, props.StackProps)
    {
        var directory = props.Identity.Directory;
        var logRetention = LogRetentionPeriods.FromDays(settings.LogRetentionDays);
        var readScope = directory.ScopeString(ScopeNames.Read);
        var writeScope = directory.ScopeString(ScopeNames.Write);
        var logKey = new LogEncryptionKey(this, "LogKey", new LogEncryptionKeyProps { RemovalPolicy = props.RemovalPolicy }).Key;

        Backend = new DotnetFunction(this, "Backend", new DotnetFunctionProps
        {
            Code = props.BackendCode,
            Handler = LambdaHandlers.Backend,
            Description = "CognitoStack sample backend",
            MemorySizeMb = settings.Backend.MemorySizeMb,
            TimeoutSeconds = settings.Backend.TimeoutSeconds,
            SynchronousCaller = "API Gateway",
            SnapStart = settings.Backend.SnapStart,
            NativeAot = settings.Backend.Publish == LambdaPublish.NativeAot,
            LogRetention = logRetention,
            LogRemovalPolicy = props.RemovalPolicy,
            LogEncryptionKey = logKey,
            Environment = WithStepUp(settings.Api.StepUp, new Dictionary<string, string>
            {
                [EnvironmentVariables.EnvironmentName] = settings.Name,
                [EnvironmentVariables.AdminGroup] = GroupNames.Admin,
                [EnvironmentVariables.AuthorizationMode] = Choices.AuthorizationMode.NameOf(settings.Authorization.Mode),
                [EnvironmentVariables.ReadScope] = readScope,
                [EnvironmentVariables.WriteScope] = writeScope,
                [EnvironmentVariables.AllowedOrigins] = string.Join(',', settings.WebOrigins),
                [EnvironmentVariables.ReadableAttributes] = string.Join(',', settings.Clients.Web.ReadAttributes
                    .Union(settings.Clients.Confidential.ReadAttributes, StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            }),
        });

        Authorizer = props.Identity.Authorization is { } policies
            ? CreateAuthorizer(settings, props, policies, logRetention, logKey)
            : null;

        Api = new ProtectedApi(this, "Api", new ProtectedApiProps
        {
            LambdaAuthorizer = Authorizer?.Invocable,
            AuthorizerCacheTtl = Duration.Seconds(settings.Authorization.CacheTtlSeconds),
            RestApiName = $"CognitoStack-{settings.Name}",
            UserPool = directory.UserPool,
            Handler = Backend.Invocable,
            ThrottlingRateLimit = settings.Api.ThrottlingRateLimit,
            ThrottlingBurstLimit = settings.Api.ThrottlingBurstLimit,
            ManageAccountCloudWatchRole = settings.Api.ManageAccountCloudWatchRole,
            AllowedOrigins = settings.WebOrigins,
            ReadScope = readScope,
            WriteScope = writeScope,
            LogRetention = logRetention,
            LogRemovalPolicy = props.RemovalPolicy,
            LogEncryptionKey = logKey,
            JwtAudiences = settings.Api.Authorizer == ApiAuthorizer.Jwt
                ? [.. ClientIds(props.Identity.Clients), .. settings.Clients.Agent?.Audiences ?? []]
                : null,
        });

        // The stage's own ACL; the user pool has its own in the Identity stack, so it stays protected
        // whatever happens to this stateless stack. (Moving the pool's association there is safe in one
        // release: the Identity stack's association replaces this stack's old one, and CloudFormation
        // deletes an association without disassociating when the resource now has another ACL:
        // https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-wafv2, WebACLAssociation DeleteHandler.)
        if (settings.Waf.Enabled)
        {
            new WebAcl(this, "WebAcl", new WebAclProps
            {
                Target = WebAclTarget.ApiStage,
                MetricNamePrefix = $"CognitoStack-{settings.Name}",
                ResourceArn = Api.RestApi.DeploymentStage.StageArn,
                RateLimitPer5Minutes = settings.Waf.RateLimitPer5Minutes,
            });
        }
        else
        {
            NagSuppressions.Add(Api.RestApi.DeploymentStage, "AwsSolutions-APIG3",
                "This environment chose waf.enabled false in cdk.json; prod associates a WAFv2 web ACL with the stage (and another with the user pool).");
        }

        new CfnOutput(this, "ApiUrl", new CfnOutputProps { Value = Api.RestApi.Url, Description = "Base URL of the API stage" });
        new CfnOutput(this, "FrontendConfig", new CfnOutputProps
        {
            Value = FrontendConfig.ToJson(this, settings, props.Identity, Api.RestApi.Url),
            Description = "amplify_outputs.json (version 1) for web and mobile apps; see docs/integration.md, Frontend configuration",
        });
    }

    // STEP_UP only where api.stepUp has rules: the backend reads it as optional, and other templates stay as they were.
    private static Dictionary<string, string> WithStepUp(IReadOnlyList<StepUpRule> rules, Dictionary<string, string> variables)
    {
        if (rules.Count > 0)
        {
            variables[EnvironmentVariables.StepUp] = StepUpRules.ToVariable(rules);
        }

        return variables;
    }

    /// <summary>The backend function.</summary>
    public DotnetFunction Backend { get; }

    /// <summary>
    /// Every app client of the pool: the audiences a JWT authorizer accepts. A derived token (token exchange) is bound
    /// to one of <c>clients.agent.audiences</c> instead, so those are accepted too
    /// (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-token-exchange.html).
    /// </summary>
    private static string[] ClientIds(AppClients clients) =>
        new[] { clients.WebClient, clients.ConfidentialClient, clients.MachineClient, clients.AgentClient, clients.SmokeTestClient }
            .OfType<Amazon.CDK.AWS.Cognito.UserPoolClient>()
            .Select(client => client.UserPoolClientId)
            .ToArray();

    /// <summary>The protected API.</summary>
    public ProtectedApi Api { get; }

    /// <summary>The Lambda authorizer; null unless <c>authorization.mode</c> is <c>verifiedPermissions</c>.</summary>
    public DotnetFunction? Authorizer { get; }

    private DotnetFunction CreateAuthorizer(EnvironmentSettings settings, ApiStackProps props, AuthorizationPolicies policies,
        Amazon.CDK.AWS.Logs.RetentionDays logRetention, Amazon.CDK.AWS.KMS.IKey logKey)
    {
        var authorizer = new DotnetFunction(this, "Authorizer", new DotnetFunctionProps
        {
            Code = props.AuthorizerCode,
            Handler = LambdaHandlers.Authorizer,
            Description = "CognitoStack API authorizer (Verified Permissions)",
            MemorySizeMb = settings.Backend.MemorySizeMb,
            TimeoutSeconds = 10,
            SynchronousCaller = "API Gateway (Lambda authorizer)",
            SnapStart = settings.Backend.SnapStart,
            NativeAot = settings.Backend.Publish == LambdaPublish.NativeAot,
            LogRetention = logRetention,
            LogRemovalPolicy = props.RemovalPolicy,
            LogEncryptionKey = logKey,
            Environment = new Dictionary<string, string>
            {
                [EnvironmentVariables.PolicyStoreId] = policies.PolicyStore.AttrPolicyStoreId,
            },
        });
        authorizer.Role.AddToPrincipalPolicy(new Amazon.CDK.AWS.IAM.PolicyStatement(new Amazon.CDK.AWS.IAM.PolicyStatementProps
        {
            Actions = ["verifiedpermissions:IsAuthorizedWithToken"],
            Resources = [policies.PolicyStore.AttrArn],
        }));
        return authorizer;
    }
}
