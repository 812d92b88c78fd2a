using Amazon.CDK;
using CognitoStack.Cdk.Configuration;

namespace CognitoStack.Cdk.Stacks;

/// <summary>
/// The client configuration a web or mobile app needs, in the shape of Amplify's
/// <c>amplify_outputs.json</c> (schema version 1.5, the current one of @aws-amplify/client-config), so
/// <c>Amplify.configure(outputs)</c> takes it unchanged; a node test feeds it to Amplify's own parser.
/// The REST API goes under <c>custom.API</c>, where Amplify Gen 2 puts REST endpoints.
/// </summary>
internal static class FrontendConfig
{
    /// <summary>Name of the REST API entry under <c>custom.API</c>.</summary>
    public const string ApiName = "CognitoStackApi";

    /// <summary>The amplify_outputs schema version written.</summary>
    public const string SchemaVersion = "1.5";

    private static readonly string[] OpenIdScopes = ["openid", "email", "profile"];

    /// <summary>The scope of the user's own self-service API operations (passkey registration among them).</summary>
    public const string SelfServiceScope = "aws.cognito.signin.user.admin";

    /// <summary>Second factors as amplify_outputs names them.</summary>
    private static readonly Dictionary<MfaFactor, string> MfaMethodNames = new()
    {
        [MfaFactor.Totp] = "TOTP",
        [MfaFactor.Email] = "EMAIL",
    };

    /// <summary>The configuration as a JSON string with deploy-time values (a CloudFormation expression).</summary>
    public static string ToJson(Stack stack, EnvironmentSettings settings, IdentityStack identity, string apiUrl)
    {
        var userPool = settings.UserPool;
        // With passkeys on, the web client also offers aws.cognito.signin.user.admin (passkey registration in
        // the app's own UI needs it on the access token; see AppClientsProps.WebClientSelfServiceScope).
        var scopes = OpenIdScopes
            .Concat(userPool.SignInFactors.Contains(SignInFactor.WebAuthn) ? [SelfServiceScope] : Array.Empty<string>())
            .Concat(settings.ResourceServer.Scopes.Select(s => identity.Directory.ScopeString(s.Name)))
            .ToArray();
        var config = new Dictionary<string, object>
        {
            ["version"] = SchemaVersion,
            ["auth"] = new Dictionary<string, object>
            {
                ["aws_region"] = stack.Region,
                ["user_pool_id"] = identity.Directory.UserPool.UserPoolId,
                ["user_pool_client_id"] = identity.Clients.WebClient.UserPoolClientId,
                ["identity_pool_id"] = identity.Federation.IdentityPool.Ref,
                ["password_policy"] = new Dictionary<string, object>
                {
                    ["min_length"] = userPool.PasswordMinimumLength,
                    ["require_numbers"] = true,
                    ["require_lowercase"] = true,
                    ["require_uppercase"] = true,
                    ["require_symbols"] = true,
                },
                ["oauth"] = new Dictionary<string, object>
                {
                    // The schema names only social providers; OIDC and SAML sign-in go through the Hosted UI.
                    ["identity_providers"] = settings.IdentityProviders.Google is null ? Array.Empty<string>() : ["GOOGLE"],
                    ["domain"] = settings.Domain.CustomDomain?.DomainName ?? SignInOptions.PrefixDomain(settings, stack.Region),
                    ["scopes"] = scopes,
                    ["redirect_sign_in_uri"] = settings.Clients.CallbackUrls.ToArray(),
                    ["redirect_sign_out_uri"] = settings.Clients.LogoutUrls.ToArray(),
                    ["response_type"] = "code",
                },
                ["standard_required_attributes"] = new[] { "email" },
                ["username_attributes"] = new[] { "email" },
                ["user_verification_types"] = new[] { "email" },
                ["unauthenticated_identities_enabled"] = settings.IdentityPool.AllowGuests,
                ["mfa_configuration"] = userPool.Mfa switch
                {
                    MfaMode.Required => "REQUIRED",
                    MfaMode.Optional => "OPTIONAL",
                    _ => "NONE",
                },
                ["mfa_methods"] = userPool.Mfa == MfaMode.Off ? Array.Empty<string>() : [.. userPool.MfaFactors.Select(f => MfaMethodNames[f])],
                ["passwordless"] = Passwordless(settings, stack.Region),
                ["groups"] = userPool.Groups
                    .Select(g => new Dictionary<string, object> { [g.Name] = new Dictionary<string, object> { ["precedence"] = g.Precedence } })
                    .ToArray(),
            },
            ["storage"] = new Dictionary<string, object>
            {
                ["aws_region"] = stack.Region,
                ["bucket_name"] = identity.UserFiles.Bucket.BucketName,
            },
            ["custom"] = Custom(stack, settings, apiUrl),
        };
        return stack.ToJsonString(config);
    }

    /// <summary>
    /// The REST API, the user attributes and, with replication, the replica Region: Amplify takes one Region for auth, so a
    /// client that calls Cognito directly switches to <c>custom.replication.region</c> itself during a
    /// failover (managed login follows the domain's routing). See docs/replication.md.
    /// </summary>
    private static Dictionary<string, object> Custom(Stack stack, EnvironmentSettings settings, string apiUrl)
    {
        var custom = new Dictionary<string, object>
        {
            ["API"] = new Dictionary<string, object>
            {
                [ApiName] = new Dictionary<string, object>
                {
                    ["endpoint"] = apiUrl,
                    ["region"] = stack.Region,
                    ["apiName"] = ApiName,
                },
            },
            ["userAttributes"] = UserAttributes(settings),
        };
        if (settings.Replication is { Enabled: true } replication)
        {
            custom["replication"] = new Dictionary<string, object>
            {
                ["region"] = replication.Region!,
                ["status"] = Choices.ReplicaStatus.NameOf(replication.Status),
            };
        }

        if (settings.Api.StepUp.Count > 0)
        {
            custom["stepUp"] = StepUp(settings.Api.StepUp);
        }

        return custom;
    }

    /// <summary>
    /// What each route group requires (amplify_outputs has no key for authentication levels, so it goes under
    /// <c>custom</c>): a client can ask for it up front with <c>acr_values</c>/<c>max_age</c> at managed login, or
    /// <c>TARGET_ACR_VALUES</c>/<c>MAX_AGE</c> in <c>USER_AUTH</c>, instead of waiting for the API's 401 challenge.
    /// </summary>
    private static Dictionary<string, object> StepUp(IReadOnlyList<CognitoStack.Contract.StepUpRule> rules) =>
        rules.ToDictionary(r => r.RouteGroup, r =>
        {
            var entry = new Dictionary<string, object> { ["routes"] = CognitoStack.Contract.StepUpRules.RouteGroups[r.RouteGroup].ToArray() };
            if (r.Acr is not null)
            {
                entry["acr_values"] = r.Acr;
            }

            if (r.MaxAgeSeconds is { } maxAge)
            {
                entry["max_age"] = maxAge;
            }

            return (object)entry;
        });

    /// <summary>
    /// The custom attributes and what the web client may read and write. amplify_outputs has no place for custom
    /// attributes (only <c>standard_required_attributes</c>), so they go under <c>custom</c>, which apps read as
    /// they like; Amplify passes it through untouched.
    /// </summary>
    private static Dictionary<string, object> UserAttributes(EnvironmentSettings settings) => new()
    {
        ["custom_attributes"] = settings.UserPool.CustomAttributes
            .Select(a => new Dictionary<string, object>
            {
                ["name"] = a.AttributeName,
                ["type"] = Choices.CustomAttributeType.NameOf(a.Type),
                ["mutable"] = a.Mutable,
            })
            .ToArray(),
        ["readable"] = settings.Clients.Web.ReadAttributes.Order(StringComparer.Ordinal).ToArray(),
        ["writable"] = settings.Clients.Web.WriteAttributes.Order(StringComparer.Ordinal).ToArray(),
    };

    /// <summary>Which passwordless first factors Amplify's sign-in may offer, and the passkey relying party.</summary>
    private static Dictionary<string, object> Passwordless(EnvironmentSettings settings, string region)
    {
        var factors = settings.UserPool.SignInFactors;
        var passwordless = new Dictionary<string, object>
        {
            ["email_otp_enabled"] = factors.Contains(SignInFactor.EmailOtp),
            ["sms_otp_enabled"] = false,
        };
        if (factors.Contains(SignInFactor.WebAuthn))
        {
            passwordless["web_authn"] = new Dictionary<string, object>
            {
                ["relying_party_id"] = SignInOptions.RelyingPartyId(settings, region),
                ["user_verification"] = SignInOptions.VerificationNames[settings.UserPool.Passkeys.UserVerification],
            };
        }

        return passwordless;
    }
}
