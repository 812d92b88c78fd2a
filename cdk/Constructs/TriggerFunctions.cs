using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using CognitoStack.Contract;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="TriggerFunctions"/>.</summary>
public sealed record TriggerFunctionsProps
{
    /// <summary>
    /// The user pool the triggers serve. A pool defined in this app gets them in its <c>LambdaConfig</c>;
    /// an imported one (a replica's, configured by its regional configuration) gets only Cognito's
    /// permission to invoke them, and its owner wires the ARNs.
    /// </summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>Whether to attach pre token generation (V2 event: <c>tenant</c> and <c>role_hint</c> claims in ID and access tokens).</summary>
    public required bool PreTokenGeneration { get; init; }

    /// <summary>Whether to attach post confirmation (newly confirmed users join the default group).</summary>
    public required bool PostConfirmation { get; init; }

    /// <summary>
    /// Whether pre token generation also customizes client_credentials (machine) tokens: the V3_0 event,
    /// billed per token request. Default false (V2_0).
    /// </summary>
    public bool MachineTokenClaims { get; init; }

    /// <summary>
    /// Whether both functions run with Lambda SnapStart, Cognito invoking their <c>live</c> alias. Default
    /// false. Cognito's trigger settings take a qualified ARN: LambdaConfigType's pattern ends in
    /// <c>function:NAME(:QUALIFIER)?</c> for PreTokenGenerationConfig.LambdaArn and PostConfirmation alike
    /// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_LambdaConfigType.html,
    /// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PreTokenGenerationVersionConfigType.html).
    /// </summary>
    public bool SnapStart { get; init; }

    /// <summary>Whether <see cref="Code"/> is a Native AOT bootstrap (<see cref="DotnetFunctionProps.NativeAot"/>). Default false.</summary>
    public bool NativeAot { get; init; }

    /// <summary>The published triggers project.</summary>
    public required Code Code { get; init; }

    /// <summary>Group whose members get <c>role_hint: admin</c>.</summary>
    public required string AdminGroup { get; init; }

    /// <summary>Group every newly confirmed user joins.</summary>
    public required string DefaultGroup { get; init; }

    /// <summary>Retention of the functions' logs.</summary>
    public required RetentionDays LogRetention { get; init; }

    /// <summary>What happens to the functions' log groups when they leave the stack.</summary>
    public required RemovalPolicy LogRemovalPolicy { get; init; }

    /// <summary>The customer managed key the functions' log groups are encrypted with.</summary>
    public required IKey LogEncryptionKey { get; init; }

    /// <summary>The pool users migrate from (the user migration trigger). Left out: no migration trigger.</summary>
    public UserMigrationSource? MigrationSource { get; init; }

    /// <summary>Email domains whose addresses may sign up (pre sign-up trigger). Null: no such trigger.</summary>
    public IReadOnlyList<string>? AllowedEmailDomains { get; init; }

    /// <summary>Locales with a message file, the default first (custom message trigger). Null: no such trigger.</summary>
    public IReadOnlyList<string>? MessageLocales { get; init; }

    /// <summary>Claim mappings as the trigger reads them, JSON (inbound federation trigger). Null: no such trigger.</summary>
    public string? ClaimMappingsJson { get; init; }
}

/// <summary>The old user pool of a user migration, in this stack's account.</summary>
public sealed record UserMigrationSource
{
    /// <summary>The old pool's ID.</summary>
    public required string UserPoolId { get; init; }

    /// <summary>The old pool's app client that checks passwords (no secret, <c>ALLOW_ADMIN_USER_PASSWORD_AUTH</c>).</summary>
    public required string ClientId { get; init; }

    /// <summary>The old pool's region.</summary>
    public required string Region { get; init; }
}

/// <summary>
/// User pool Lambda triggers: pre token generation (V2 event: claims in ID and access tokens), post
/// confirmation (adds the user to the default group, allowed on this pool only) and, where configured, pre
/// sign-up (email-domain allow-list), custom message (messages per locale), inbound federation (provider
/// claims to custom attributes) and user migration (checks users against the old pool, allowed to read that
/// pool only).
/// </summary>
public sealed class TriggerFunctions : Construct
{
    /// <summary>Attaches the configured triggers.</summary>
    public TriggerFunctions(Construct scope, string id, TriggerFunctionsProps props)
        : base(scope, id)
    {
        if (props.PreTokenGeneration)
        {
            PreTokenGeneration = CreateFunction(props, "PreTokenGeneration", LambdaHandlers.PreTokenGeneration, "Adds tenant and role_hint claims to tokens",
                new Dictionary<string, string> { [EnvironmentVariables.AdminGroup] = props.AdminGroup });
            Attach(props.UserPool, UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, PreTokenGeneration, LambdaVersion.V2_0);
            if (props.MachineTokenClaims && props.UserPool is UserPool owned)
            {
                // V3_0 adds client_credentials (machine) tokens to the V2 event; aws-cdk-lib 2.160 has no V3_0.
                // https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
                ((CfnUserPool)owned.Node.DefaultChild!).AddPropertyOverride(
                    "LambdaConfig.PreTokenGenerationConfig.LambdaVersion", "V3_0");
            }
        }

        if (props.PostConfirmation)
        {
            PostConfirmation = CreateFunction(props, "PostConfirmation", LambdaHandlers.PostConfirmation, "Adds confirmed users to the default group",
                new Dictionary<string, string> { [EnvironmentVariables.DefaultGroup] = props.DefaultGroup });
            Attach(props.UserPool, UserPoolOperation.POST_CONFIRMATION, PostConfirmation);

            // A policy of its own, not the role's default policy: the function does not wait for it, so the
            // chain policy -> pool ARN -> pool -> function ARN -> role has no cycle, and the grant names
            // this pool's ARN instead of a wildcard.
            new Policy(this, "AddUserToGroupPolicy", new PolicyProps
            {
                Roles = [PostConfirmation.Role],
                Statements =
                [
                    new PolicyStatement(new PolicyStatementProps
                    {
                        Actions = ["cognito-idp:AdminAddUserToGroup"],
                        Resources = [props.UserPool.UserPoolArn],
                    }),
                ],
            });
        }

        if (props.MigrationSource is { } source)
        {
            UserMigration = CreateUserMigration(props, source);
        }

        AddOptionalTriggers(props);
    }

    /// <summary>The pre sign-up function; null when not configured.</summary>
    public DotnetFunction? PreSignUp { get; private set; }

    /// <summary>The custom message function; null when not configured.</summary>
    public DotnetFunction? CustomMessage { get; private set; }

    /// <summary>The inbound federation function; null when not configured.</summary>
    public DotnetFunction? InboundFederation { get; private set; }

    /// <summary>Every trigger function with its construct ID, for alarms and dashboards.</summary>
    public IReadOnlyList<(string Name, DotnetFunction Function)> All =>
        [.. new[]
        {
            (Name: "PreTokenGeneration", Function: PreTokenGeneration),
            (Name: "PostConfirmation", Function: PostConfirmation),
            (Name: "PreSignUp", Function: PreSignUp),
            (Name: "CustomMessage", Function: CustomMessage),
            (Name: "InboundFederation", Function: InboundFederation),
        }.Where(t => t.Function is not null).Select(t => (t.Name, t.Function!))];

    /// <summary>The pre token generation function; null when not configured.</summary>
    public DotnetFunction? PreTokenGeneration { get; }

    /// <summary>The post confirmation function; null when not configured.</summary>
    public DotnetFunction? PostConfirmation { get; }

    /// <summary>The Lambda version of the pre token generation event these functions expect.</summary>
    public static string PreTokenGenerationVersion(bool machineTokenClaims) => machineTokenClaims ? "V3_0" : "V2_0";

    private static void Attach(IUserPool pool, UserPoolOperation operation, DotnetFunction trigger, LambdaVersion? version = null)
    {
        if (pool is UserPool owned)
        {
            owned.AddTrigger(operation, trigger.Invocable, version);
            return;
        }

        // What AddTrigger grants for an owned pool: Cognito, for this pool only.
        trigger.Invocable.AddPermission("CognitoInvoke", new Permission
        {
            Principal = new ServicePrincipal("cognito-idp.amazonaws.com"),
            SourceArn = pool.UserPoolArn,
        });
    }

    /// <summary>The user migration function; null when no migration source is configured.</summary>
    public DotnetFunction? UserMigration { get; }

    /// <summary>The ARN of the old pool the user migration function may read; null without migration.</summary>
    public string? MigrationSourceArn { get; private set; }

    // The trigger checks users against the old pool: AdminInitiateAuth (the password) and AdminGetUser (the
    // attributes) on that pool's ARN, nothing else.
    // https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html
    private DotnetFunction CreateUserMigration(TriggerFunctionsProps props, UserMigrationSource source)
    {
        var function = CreateFunction(props, "UserMigration", LambdaHandlers.UserMigration, "Moves users from the old user pool at sign-in or password reset",
            new Dictionary<string, string>
            {
                [EnvironmentVariables.OldUserPoolId] = source.UserPoolId,
                [EnvironmentVariables.OldClientId] = source.ClientId,
                [EnvironmentVariables.OldRegion] = source.Region,
            });
        Attach(props.UserPool, UserPoolOperation.USER_MIGRATION, function);
        MigrationSourceArn = Stack.Of(this).FormatArn(new ArnComponents
        {
            Service = "cognito-idp",
            Region = source.Region,
            Resource = "userpool",
            ResourceName = source.UserPoolId,
        });
        new Policy(this, "OldUserPoolPolicy", new PolicyProps
        {
            Roles = [function.Role],
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser"],
                    Resources = [MigrationSourceArn],
                }),
            ],
        });
        return function;
    }

    private void AddOptionalTriggers(TriggerFunctionsProps props)
    {
        if (props.AllowedEmailDomains is { } domains)
        {
            PreSignUp = CreateFunction(props, "PreSignUp", LambdaHandlers.PreSignUp, "Lets only listed email domains sign up",
                new Dictionary<string, string> { [EnvironmentVariables.AllowedEmailDomains] = string.Join(",", domains) });
            Attach(props.UserPool, UserPoolOperation.PRE_SIGN_UP, PreSignUp);
        }

        if (props.MessageLocales is { } locales)
        {
            CustomMessage = CreateFunction(props, "CustomMessage", LambdaHandlers.CustomMessage, "Writes every message in the user's locale",
                new Dictionary<string, string> { [EnvironmentVariables.MessageLocales] = string.Join(",", locales) });
            Attach(props.UserPool, UserPoolOperation.CUSTOM_MESSAGE, CustomMessage);
        }

        if (props.ClaimMappingsJson is { } mappings)
        {
            InboundFederation = CreateFunction(props, "InboundFederation", LambdaHandlers.InboundFederation, "Maps provider claims to custom attributes",
                new Dictionary<string, string> { [EnvironmentVariables.ClaimMappings] = mappings });

            // aws-cdk-lib 2.160 has no INBOUND_FEDERATION operation: set the property CloudFormation has, with the
            // only version Cognito accepts, and let this pool (only) invoke the function, as AddTrigger would.
            // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InboundFederationLambdaType.html
            var pool = (CfnUserPool)props.UserPool.Node.DefaultChild!;
            pool.AddPropertyOverride("LambdaConfig.InboundFederation.LambdaArn", InboundFederation.Invocable.FunctionArn);
            pool.AddPropertyOverride("LambdaConfig.InboundFederation.LambdaVersion", "V1_0");
            InboundFederation.Invocable.AddPermission("InboundFederationCognito", new Permission
            {
                Principal = new ServicePrincipal("cognito-idp.amazonaws.com"),
                SourceArn = props.UserPool.UserPoolArn,
            });
        }
    }

    private DotnetFunction CreateFunction(TriggerFunctionsProps props, string id, string handler, string description, Dictionary<string, string> environment) =>
        new(this, id, new DotnetFunctionProps
        {
            Code = props.Code,
            Handler = handler,
            Description = description,
            // Cognito waits at most 5 seconds for a trigger.
            MemorySizeMb = 256,
            TimeoutSeconds = 5,
            SynchronousCaller = "Cognito during sign-up and sign-in",
            SnapStart = props.SnapStart,
            NativeAot = props.NativeAot,
            Environment = environment,
            LogRetention = props.LogRetention,
            LogRemovalPolicy = props.LogRemovalPolicy,
            LogEncryptionKey = props.LogEncryptionKey,
        });
}
