namespace CognitoStack.Cdk.Configuration;

/// <summary>Rules between custom attributes, the app clients' attribute lists, the providers and the triggers.</summary>
public static partial class SettingsLoader
{
    /// <summary>The attributes the external providers map (see ExternalProviders): email and name.</summary>
    private static readonly string[] ProviderMappedAttributes = ["email", "name"];

    private static void CheckAttributesAndTriggers(EnvironmentSettings s, string path)
    {
        // "If your app client allows users to sign in through an IdP, this array must include all attributes
        // that you have mapped to IdP attributes": UserPoolClientType.WriteAttributes,
        // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html
        if (s.IdentityProviders.Any)
        {
            foreach (var (key, client) in new[] { ("web", s.Clients.Web), ("confidential", s.Clients.Confidential) })
            {
                var missing = ProviderMappedAttributes.FirstOrDefault(a => !client.WriteAttributes.Contains(a));
                if (missing is not null)
                {
                    throw new ConfigurationException(
                        $"{path}.clients.{key}.writeAttributes (a list without \"{missing}\") is invalid with identityProviders: Cognito writes the mapped attributes (email, name) at every federated sign-in and fails it when the client may not write them; add {missing}");
                }
            }
        }

        var triggers = s.Triggers;
        if (triggers.PreSignUp is not null && !s.UserPool.SelfSignUp)
        {
            throw new ConfigurationException(
                $"{path}.triggers.preSignUp (an object) is invalid with userPool.selfSignUp false: the allow-list only limits self sign-up; set selfSignUp true or remove preSignUp");
        }

        // The pool's message templates can override the body a custom message function sets:
        // https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html
        if (triggers.CustomMessage is not null && (s.Email.Verification is not null || s.Email.Invitation is not null))
        {
            var key = s.Email.Verification is not null ? "verification" : "invitation";
            throw new ConfigurationException(
                $"{path}.triggers.customMessage (an object) is invalid with email.{key}: the pool's templates can override what the trigger writes, so one text would win unpredictably; keep the messages in config/messages and remove email.{key}");
        }

        // The function answers with emailSubject and emailMessage, which Cognito takes only from a pool that sends
        // through SES ("The emailMessage parameter is allowed only if the EmailSendingAccount attribute of the user
        // pool is DEVELOPER", otherwise InvalidLambdaResponseException: "Custom message Lambda trigger", response
        // parameters, https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html).
        if (triggers.CustomMessage is not null && s.Email.Sender != EmailSender.Ses)
        {
            throw new ConfigurationException(
                $"{path}.triggers.customMessage (an object) is invalid with email.sender \"{Choices.EmailSender.NameOf(s.Email.Sender)}\": "
                + "Cognito's custom message trigger page says \"The emailMessage parameter is allowed only if the EmailSendingAccount attribute of the user pool is DEVELOPER\" "
                + "(otherwise every message fails with InvalidLambdaResponseException); set email.sender SES (see Email) or remove triggers.customMessage");
        }

        if (triggers.InboundFederation is { } federation)
        {
            CheckClaimMappings(s, federation, path);
        }
    }

    private static void CheckClaimMappings(EnvironmentSettings s, InboundFederationSettings federation, string path)
    {
        var providers = s.IdentityProviders.Oidc.Select(o => o.Name)
            .Concat(s.IdentityProviders.Saml.Select(x => x.Name))
            .Concat(s.IdentityProviders.Google is null ? [] : ["Google"])
            .ToList();
        for (var i = 0; i < federation.Mappings.Count; i++)
        {
            var mapping = federation.Mappings[i];
            var key = $"{path}.triggers.inboundFederation.mappings[{i}]";
            if (!providers.Contains(mapping.Provider, StringComparer.Ordinal))
            {
                throw new ConfigurationException(
                    $"{key}.provider \"{mapping.Provider}\" is invalid: use a configured provider ({(providers.Count == 0 ? "there are none in identityProviders" : string.Join(", ", providers))})");
            }

            var attribute = s.UserPool.CustomAttributes.FirstOrDefault(a => a.AttributeName == mapping.Attribute);
            var problem = attribute switch
            {
                null => "use custom:NAME of an attribute declared in userPool.customAttributes",
                { Type: not CustomAttributeType.Text } => "map claims to String attributes: the trigger writes text",
                // Cognito updates a federated user's attributes at every sign-in, which an immutable attribute refuses
                // (CDK CustomAttributeProps.mutable: https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.CustomAttributeProps.html).
                { Mutable: false } => "the attribute must be mutable: Cognito rewrites it at every federated sign-in",
                { Trusted: false } => "the attribute must be trusted (\"trusted\": true): a value from the identity provider is one the app relies on, so no client a user holds may overwrite it",
                _ => null,
            };
            if (problem is not null)
            {
                throw new ConfigurationException($"{key}.attribute \"{mapping.Attribute}\" is invalid: {problem}");
            }
        }

        var length = TriggerSettingsReader.ClaimMappingsJson(TriggerSettingsReader.EffectiveMappings(federation, s.IdentityProviders)).Length;
        if (length > TriggerSettingsReader.MaxMappingsLength)
        {
            throw new ConfigurationException(
                $"{path}.triggers.inboundFederation.mappings (mappings of {length:N0} characters as JSON, with each provider's email and name claims) is invalid: "
                + $"keep them under {TriggerSettingsReader.MaxMappingsLength:N0} characters; they travel in one environment variable, and Lambda allows 4 KB for all of them");
        }
    }
}
