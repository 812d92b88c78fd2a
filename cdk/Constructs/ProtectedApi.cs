using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using CognitoStack.Contract;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="ProtectedApi"/>.</summary>
public sealed record ProtectedApiProps
{
    /// <summary>The API's name; unique per account and region, as it is the <c>ApiName</c> dimension of its metrics.</summary>
    public required string RestApiName { get; init; }

    /// <summary>The user pool whose tokens the authorizer accepts.</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>The function behind every route.</summary>
    public required IFunction Handler { get; init; }

    /// <summary>Stage-wide steady request rate per second.</summary>
    public required int ThrottlingRateLimit { get; init; }

    /// <summary>Stage-wide burst, in requests.</summary>
    public required int ThrottlingBurstLimit { get; init; }

    /// <summary>
    /// Whether this API declares the account's API Gateway CloudWatch role (retained, never deleted with the
    /// stack); false for accounts that already have one.
    /// </summary>
    public required bool ManageAccountCloudWatchRole { get; init; }

    /// <summary>Browser origins allowed by CORS.</summary>
    public required IReadOnlyList<string> AllowedOrigins { get; init; }

    /// <summary>Full scope GET /items requires (<c>IDENTIFIER/read</c>).</summary>
    public required string ReadScope { get; init; }

    /// <summary>Full scope POST /items requires (<c>IDENTIFIER/write</c>).</summary>
    public required string WriteScope { get; init; }

    /// <summary>Retention of the access log group.</summary>
    public required RetentionDays LogRetention { get; init; }

    /// <summary>What happens to the access log group when it leaves the stack.</summary>
    public required RemovalPolicy LogRemovalPolicy { get; init; }

    /// <summary>The customer managed key the access log group is encrypted with.</summary>
    public required IKey LogEncryptionKey { get; init; }

    /// <summary>
    /// App client ids a JWT authorizer accepts (see <see cref="JwtAuthorizer"/>). Null: a Cognito user pools
    /// authorizer verifies tokens.
    /// </summary>
    public IReadOnlyList<string>? JwtAudiences { get; init; }
}

/// <summary>
/// The REST API: every route behind a Cognito user pools authorizer or, with <see cref="ProtectedApiProps.JwtAudiences"/>,
/// a JWT authorizer (the item routes also behind method-level OAuth scopes), JSON access logs, execution logging at ERROR, X-Ray, stage throttling,
/// CORS limited to the configured origins, and CORS headers on gateway error responses.
/// </summary>
public sealed class ProtectedApi : Construct
{
    /// <summary>The stage name in the API URL.</summary>
    public const string StageName = "v1";

    /// <summary>Creates the API.</summary>
    public ProtectedApi(Construct scope, string id, ProtectedApiProps props)
        : base(scope, id)
    {
        RestApi = CreateRestApi(props);
        if (props.JwtAudiences is { } audiences)
        {
            Jwt = new JwtAuthorizer(this, "JwtAuthorizer", new JwtAuthorizerProps { RestApi = RestApi, UserPool = props.UserPool, Audiences = audiences });
            AddRoutes(props, (method, scope) => Jwt.Protect(method, scope));

            // The authorizer is set by overrides, which the deployment's logical id does not see: name it, so
            // switching authorizers redeploys the stage.
            RestApi.LatestDeployment?.AddToLogicalId(new Dictionary<string, object> { ["authorizer"] = JwtAuthorizer.AuthorizationType });
        }
        else
        {
            var authorizer = new CognitoUserPoolsAuthorizer(this, "Authorizer", new CognitoUserPoolsAuthorizerProps
            {
                CognitoUserPools = [props.UserPool],
                IdentitySource = "method.request.header.Authorization",
            });
            AddRoutes(props, null, authorizer);
        }

        AddCorsToErrorResponses(props.AllowedOrigins);
    }

    /// <summary>The REST API.</summary>
    public RestApi RestApi { get; }

    /// <summary>The JWT authorizer; null with a Cognito user pools authorizer.</summary>
    public JwtAuthorizer? Jwt { get; }

    private RestApi CreateRestApi(ProtectedApiProps props)
    {
        var accessLogs = new LogGroup(this, "AccessLogs", new LogGroupProps
        {
            Retention = props.LogRetention,
            RemovalPolicy = props.LogRemovalPolicy,
            EncryptionKey = props.LogEncryptionKey,
        });

        var api = new RestApi(this, "RestApi", new RestApiProps
        {
            RestApiName = props.RestApiName,
            Description = "CognitoStack protected API",
            EndpointTypes = [EndpointType.REGIONAL],
            // The account-level role is a per-region singleton shared by every API: never delete it with this stack.
            CloudWatchRole = props.ManageAccountCloudWatchRole,
            CloudWatchRoleRemovalPolicy = props.ManageAccountCloudWatchRole ? RemovalPolicy.RETAIN : null,
            DeployOptions = new StageOptions
            {
                StageName = StageName,
                AccessLogDestination = new LogGroupLogDestination(accessLogs),
                AccessLogFormat = AccessLogFormat.JsonWithStandardFields(new JsonWithStandardFieldProps
                {
                    Caller = true,
                    HttpMethod = true,
                    Ip = true,
                    Protocol = true,
                    RequestTime = true,
                    ResourcePath = true,
                    ResponseLength = true,
                    Status = true,
                    User = true,
                }),
                LoggingLevel = MethodLoggingLevel.ERROR,
                DataTraceEnabled = false,
                MetricsEnabled = true,
                TracingEnabled = true,
                ThrottlingRateLimit = props.ThrottlingRateLimit,
                ThrottlingBurstLimit = props.ThrottlingBurstLimit,
            },
            DefaultCorsPreflightOptions = new CorsOptions
            {
                AllowOrigins = [.. props.AllowedOrigins],
                AllowMethods = ["GET", "POST", "OPTIONS"],
                AllowHeaders = ["Authorization", "Content-Type"],
                MaxAge = Duration.Minutes(10),
            },
        });

        if (props.ManageAccountCloudWatchRole)
        {
            NagSuppressions.Add(api.Node.FindChild("CloudWatchRole"), "AwsSolutions-IAM4",
                "API Gateway's account role uses the AWS-maintained AmazonAPIGatewayPushToCloudWatchLogs policy, which the service documents for exactly this role.",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
        }

        return api;
    }

    /// <summary>
    /// Adds the routes. With a Cognito authorizer each method names it; otherwise <paramref name="protect"/>
    /// puts each method (created without authorization) behind the JWT authorizer with its scope, if any.
    /// </summary>
    private void AddRoutes(ProtectedApiProps props, Action<Method, string?>? protect, IAuthorizer? authorizer = null)
    {
        var integration = new LambdaIntegration(props.Handler, new LambdaIntegrationOptions { AllowTestInvoke = false });
        var type = authorizer is null ? AuthorizationType.NONE : AuthorizationType.COGNITO;
        MethodOptions Options(string? scope, MethodOptions? extra = null) => new()
        {
            AuthorizationType = type,
            Authorizer = authorizer,
            AuthorizationScopes = scope is null || authorizer is null ? null : [scope],
            RequestValidator = extra?.RequestValidator,
            RequestModels = extra?.RequestModels,
        };
        void Add(Amazon.CDK.AWS.APIGateway.IResource resource, string verb, string? scope, MethodOptions? extra = null)
        {
            var method = resource.AddMethod(verb, integration, Options(scope, extra));
            protect?.Invoke(method, scope);
        }

        Add(RestApi.Root.AddResource("me"), "GET", null);

        // Admin routes accept any signed-in user at the gateway; the backend answers 403 unless the
        // caller is in the admin group (group membership is a claim, not something the authorizer checks).
        var admin = RestApi.Root.AddResource("admin");
        Add(admin.AddResource("health"), "GET", null);
        Add(admin.AddResource("claims"), "GET", null);

        var items = RestApi.Root.AddResource("items");
        Add(items, "GET", props.ReadScope);
        Add(items, "POST", props.WriteScope, new MethodOptions
        {
            RequestValidator = new RequestValidator(this, "BodyValidator", new RequestValidatorProps
            {
                RestApi = RestApi,
                ValidateRequestBody = true,
                ValidateRequestParameters = true,
            }),
            RequestModels = new Dictionary<string, IModel> { ["application/json"] = CreateItemModel() },
        });
    }

    // Generated from the rules the backend's validator enforces (NewItemRules), so the two cannot drift.
    private Model CreateItemModel() => RestApi.AddModel("NewItem", new ModelOptions
    {
        ContentType = "application/json",
        ModelName = "NewItem",
        Schema = new JsonSchema
        {
            Schema = JsonSchemaVersion.DRAFT4,
            Title = "NewItem",
            Type = JsonSchemaType.OBJECT,
            Required = [.. NewItemRules.Required],
            AdditionalProperties = false,
            Properties = new Dictionary<string, IJsonSchema>
            {
                [NewItemRules.Name] = new JsonSchema
                {
                    Type = JsonSchemaType.STRING,
                    MinLength = NewItemRules.NameMinLength,
                    MaxLength = NewItemRules.NameMaxLength,
                },
                [NewItemRules.Quantity] = new JsonSchema
                {
                    Type = JsonSchemaType.INTEGER,
                    Minimum = NewItemRules.QuantityMinimum,
                    Maximum = NewItemRules.QuantityMaximum,
                },
            },
        },
    });

    private void AddCorsToErrorResponses(IReadOnlyList<string> origins)
    {
        // Without CORS headers a browser reports a 401 or 429 as an opaque CORS failure. A gateway response
        // cannot test the origin against a list: one configured origin is written as is; with several, the
        // request's Origin is echoed. No credentials (cookies) are ever allowed, and these bodies carry no data.
        var allowOrigin = origins.Count == 1 ? $"'{origins[0]}'" : "method.request.header.Origin";
        var headers = new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = allowOrigin,
            ["Vary"] = "'Origin'",
        };
        RestApi.AddGatewayResponse("Default4xx", new GatewayResponseOptions { Type = ResponseType_.DEFAULT_4XX, ResponseHeaders = headers });
        RestApi.AddGatewayResponse("Default5xx", new GatewayResponseOptions { Type = ResponseType_.DEFAULT_5XX, ResponseHeaders = headers });
    }
}
