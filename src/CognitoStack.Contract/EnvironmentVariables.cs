namespace CognitoStack.Contract;

/// <summary>
/// Environment variables the CDK app sets and the functions read. The CDK tests check that the variables
/// a function reads at start-up are exactly those its template sets (plus what Lambda itself provides).
/// </summary>
public static class EnvironmentVariables
{
    /// <summary>Backend: the deployment environment, e.g. <c>dev</c>.</summary>
    public const string EnvironmentName = "ENVIRONMENT_NAME";

    /// <summary>Backend and pre token generation: the group whose members are administrators.</summary>
    public const string AdminGroup = "ADMIN_GROUP";

    /// <summary>Backend: the full scope <c>GET /items</c> requires, e.g. <c>myapp-api/read</c>.</summary>
    public const string ReadScope = "READ_SCOPE";

    /// <summary>Backend: the full scope <c>POST /items</c> requires, e.g. <c>myapp-api/write</c>.</summary>
    public const string WriteScope = "WRITE_SCOPE";

    /// <summary>Backend: the browser origins CORS allows, comma separated.</summary>
    public const string AllowedOrigins = "ALLOWED_ORIGINS";

    /// <summary>Post confirmation: the group every confirmed user joins.</summary>
    public const string DefaultGroup = "DEFAULT_GROUP";

    /// <summary>User export: the user pool to export, e.g. <c>eu-west-1_AbCdEf123</c>.</summary>
    public const string UserPoolId = "USER_POOL_ID";

    /// <summary>User export: the bucket exports are written to.</summary>
    public const string ExportBucket = "EXPORT_BUCKET";

    /// <summary>User export: the CloudWatch namespace of the export's metrics, e.g. <c>CognitoStack/prod</c>.</summary>
    public const string MetricNamespace = "METRIC_NAMESPACE";

    /// <summary>User export: seconds one invocation may work before it checkpoints and hands over (below the timeout).</summary>
    public const string TimeBudgetSeconds = "TIME_BUDGET_SECONDS";

    /// <summary>
    /// User export: the <c>UserList</c> requests per second one partition reads at, and (<see cref="ExportRequestsPerSecond"/>)
    /// the whole share the group phase reads at (<see cref="ExportPartitions.Rate"/>).
    /// </summary>
    public const string PartitionRequestsPerSecond = "PARTITION_REQUESTS_PER_SECOND";

    /// <summary>User export: the export's whole share of the <c>UserList</c> quota, in requests per second.</summary>
    public const string ExportRequestsPerSecond = "EXPORT_REQUESTS_PER_SECOND";

    /// <summary>User migration: the ID of the user pool users move from, e.g. <c>eu-west-1_AbCdEf123</c>.</summary>
    public const string OldUserPoolId = "OLD_USER_POOL_ID";

    /// <summary>
    /// User migration: the old pool's app client (no secret, <c>ALLOW_ADMIN_USER_PASSWORD_AUTH</c>) that
    /// passwords are checked with.
    /// </summary>
    public const string OldClientId = "OLD_CLIENT_ID";

    /// <summary>User migration: the old pool's region, e.g. <c>eu-west-1</c>.</summary>
    public const string OldRegion = "OLD_REGION";

    /// <summary>Backend: the attributes <c>GET /me</c> returns when the token carries them, comma separated.</summary>
    public const string ReadableAttributes = "READABLE_ATTRIBUTES";

    /// <summary>Pre sign-up: the email domains that may sign up, comma separated, lower case.</summary>
    public const string AllowedEmailDomains = "ALLOWED_EMAIL_DOMAINS";

    /// <summary>Custom message: the locales with a message file, comma separated; the first is the default.</summary>
    public const string MessageLocales = "MESSAGE_LOCALES";

    /// <summary>Inbound federation: the claim mappings as a JSON array of <c>{provider, claim, attribute}</c>.</summary>
    public const string ClaimMappings = "CLAIM_MAPPINGS";

    /// <summary>
    /// Backend: step-up requirements per route group (RFC 9470), in <see cref="StepUpRules"/>' format, e.g.
    /// <c>admin|urn:cognito:loa:2|900</c>; empty or unset: no route requires a level or a recent sign-in.
    /// </summary>
    public const string StepUp = "STEP_UP";
}
