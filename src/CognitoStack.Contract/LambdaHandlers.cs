namespace CognitoStack.Contract;

/// <summary>
/// The Lambda handler strings (<c>Assembly::Namespace.Type::Method</c>, Stream in, Stream out) the CDK app
/// deploys. The CDK tests resolve each one by reflection in the function's assembly, so renaming a
/// handler type or method without changing it here fails a test instead of a deployed function.
/// </summary>
public static class LambdaHandlers
{
    /// <summary>The API backend: <c>CognitoStack.Backend.Function.Handle</c>.</summary>
    public const string Backend = "CognitoStack.Backend::CognitoStack.Backend.Function::Handle";

    /// <summary>The pre token generation trigger.</summary>
    public const string PreTokenGeneration = "CognitoStack.Triggers::CognitoStack.Triggers.PreTokenGeneration::Handle";

    /// <summary>The post confirmation trigger.</summary>
    public const string PostConfirmation = "CognitoStack.Triggers::CognitoStack.Triggers.PostConfirmation::Handle";

    /// <summary>The scheduled user export (issue #19).</summary>
    public const string UserExport = "CognitoStack.UserExport::CognitoStack.UserExport.UserExportFunction::Handle";

    /// <summary>
    /// The user migration trigger (<c>UserMigration_Authentication</c>, <c>UserMigration_ForgotPassword</c>):
    /// verifies a user against the old user pool and hands Cognito the user's attributes.
    /// </summary>
    public const string UserMigration = "CognitoStack.Triggers::CognitoStack.Triggers.UserMigration::Handle";

    /// <summary>The pre sign-up trigger (email-domain allow-list).</summary>
    public const string PreSignUp = "CognitoStack.Triggers::CognitoStack.Triggers.PreSignUp::Handle";

    /// <summary>The custom message trigger (messages per locale).</summary>
    public const string CustomMessage = "CognitoStack.Triggers::CognitoStack.Triggers.CustomMessage::Handle";

    /// <summary>The inbound federation trigger (provider claims to custom attributes).</summary>
    public const string InboundFederation = "CognitoStack.Triggers::CognitoStack.Triggers.InboundFederation::Handle";

    /// <summary>The API's Lambda authorizer in the <c>verifiedPermissions</c> authorization mode.</summary>
    public const string Authorizer = "CognitoStack.Authorizer::CognitoStack.Authorizer.AuthorizerFunction::Handle";
}
