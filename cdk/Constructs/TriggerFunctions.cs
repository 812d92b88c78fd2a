using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using CognitoStack.Contract;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="TriggerFunctions"/>.</summary>
public sealed record TriggerFunctionsProps
{
    /// <summary>The user pool the triggers attach to.</summary>
    public required UserPool UserPool { get; init; }

    /// <summary>Whether to attach pre token generation (V2 event: <c>tenant</c> and <c>role_hint</c> claims in ID and access tokens).</summary>
    public required bool PreTokenGeneration { get; init; }

    /// <summary>Whether to attach post confirmation (newly confirmed users join the default group).</summary>
    public required bool PostConfirmation { get; init; }

    /// <summary>
    /// Whether pre token generation also customizes client_credentials (machine) tokens: the V3_0 event,
    /// billed per token request. Default false (V2_0).
    /// </summary>
    public bool MachineTokenClaims { get; init; }

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

    /// <summary>Email domains whose addresses may sign up (pre sign-up trigger). Null: no such trigger.</summary>
    public IReadOnlyList<string>? AllowedEmailDomains { get; init; }

    /// <summary>Locales with a message file, the default first (custom message trigger). Null: no such trigger.</summary>
    public IReadOnlyList<string>? MessageLocales { get; init; }

    /// <summary>Claim mappings as the trigger reads them, JSON (inbound federation trigger). Null: no such trigger.</summary>
    public string? ClaimMappingsJson { get; init; }
}

/// <summary>
/// User pool Lambda triggers: pre token generation (V2 event: claims in ID and access tokens), post
/// confirmation (adds the user to the default group, allowed on this pool only) and, where configured, pre
/// sign-up (email-domain allow-list), custom message (messages per locale) and inbound federation (provider
/// claims to custom attributes).
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
            props.UserPool.AddTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, PreTokenGeneration.Function, LambdaVersion.V2_0);
            if (props.MachineTokenClaims)
            {
                // V3_0 adds client_credentials (machine) tokens to the V2 event; aws-cdk-lib 2.160 has no V3_0.
                // https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
                ((CfnUserPool)props.UserPool.Node.DefaultChild!).AddPropertyOverride(
                    "LambdaConfig.PreTokenGenerationConfig.LambdaVersion", "V3_0");
            }
        }

        if (props.PostConfirmation)
        {
            PostConfirmation = CreateFunction(props, "PostConfirmation", LambdaHandlers.PostConfirmation, "Adds confirmed users to the default group",
                new Dictionary<string, string> { [EnvironmentVariables.DefaultGroup] = props.DefaultGroup });
            props.UserPool.AddTrigger(UserPoolOperation.POST_CONFIRMATION, PostConfirmation.Function);

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

    private void AddOptionalTriggers(TriggerFunctionsProps props)
    {
        if (props.AllowedEmailDomains is { } domains)
        {
            PreSignUp = CreateFunction(props, "PreSignUp", LambdaHandlers.PreSignUp, "Lets only listed email domains sign up",
                new Dictionary<string, string> { [EnvironmentVariables.AllowedEmailDomains] = string.Join(",", domains) });
            props.UserPool.AddTrigger(UserPoolOperation.PRE_SIGN_UP, PreSignUp.Function);
        }

        if (props.MessageLocales is { } locales)
        {
            CustomMessage = CreateFunction(props, "CustomMessage", LambdaHandlers.CustomMessage, "Writes every message in the user's locale",
                new Dictionary<string, string> { [EnvironmentVariables.MessageLocales] = string.Join(",", locales) });
            props.UserPool.AddTrigger(UserPoolOperation.CUSTOM_MESSAGE, CustomMessage.Function);
        }

        if (props.ClaimMappingsJson is { } mappings)
        {
            InboundFederation = CreateFunction(props, "InboundFederation", LambdaHandlers.InboundFederation, "Maps provider claims to custom attributes",
                new Dictionary<string, string> { [EnvironmentVariables.ClaimMappings] = mappings });

            // aws-cdk-lib 2.160 has no INBOUND_FEDERATION operation: set the property CloudFormation has, with the
            // only version Cognito accepts, and let this pool (only) invoke the function, as AddTrigger would.
            // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InboundFederationLambdaType.html
            var pool = (CfnUserPool)props.UserPool.Node.DefaultChild!;
            pool.AddPropertyOverride("LambdaConfig.InboundFederation.LambdaArn", InboundFederation.Function.FunctionArn);
            pool.AddPropertyOverride("LambdaConfig.InboundFederation.LambdaVersion", "V1_0");
            InboundFederation.Function.AddPermission("InboundFederationCognito", new Permission
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
            Environment = environment,
            LogRetention = props.LogRetention,
            LogRemovalPolicy = props.LogRemovalPolicy,
        });
}
