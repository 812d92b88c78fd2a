using System.Text;
using System.Text.Json.Nodes;

namespace CognitoStack.Triggers.Tests.Helpers;

/// Fixture events and the small edits tests make to them.
internal static class TestEvents
{
    public const string SignIn = "pre-token-generation-v2-authentication.json";
    public const string AdminRefresh = "pre-token-generation-v2-refresh-admin.json";
    public const string NoEmail = "pre-token-generation-v2-hosted-auth-no-email.json";
    public const string ConfirmSignUp = "post-confirmation-confirm-sign-up.json";
    public const string ConfirmForgotPassword = "post-confirmation-confirm-forgot-password.json";
    public const string MachineToken = "pre-token-generation-v3-client-credentials.json";
    public const string AwsLambdaGoV2Sample = "aws-lambda-go-pretokengen-v2_0.json";
    public const string AwsDocsPostConfirmationTestEvent = "aws-docs-post-confirmation-test-event.json";
    public const string SelfSignUp = "pre-sign-up-sign-up.json";
    public const string ExternalSignUp = "pre-sign-up-external-provider.json";
    public const string AdminSignUp = "pre-sign-up-admin-create-user.json";
    public const string AwsLambdaGoPreSignUp = "aws-lambda-go-presignup.json";
    public const string SignUpMessage = "custom-message-sign-up.json";
    public const string InvitationMessage = "custom-message-admin-create-user.json";
    public const string AwsLambdaGoCustomMessage = "aws-lambda-go-custommessage.json";
    public const string SamlFederation = "inbound-federation-saml.json";
    public const string OidcFederation = "inbound-federation-oidc.json";

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static JsonObject Load(string name) => JsonNode.Parse(File.ReadAllText(FixturePath(name)))!.AsObject();

    public static JsonObject Request(this JsonObject e) => e["request"]!.AsObject();

    public static JsonObject WithAttribute(this JsonObject e, string name, string? value)
    {
        var attributes = e.Request()["userAttributes"]!.AsObject();
        if (value is null)
        {
            attributes.Remove(name);
        }
        else
        {
            attributes[name] = value;
        }

        return e;
    }

    public static JsonObject WithGroups(this JsonObject e, params string[] groups)
    {
        e.Request()["groupConfiguration"]!["groupsToOverride"] = new JsonArray([.. groups.Select(g => JsonValue.Create(g))]);
        return e;
    }

    public static JsonObject With(this JsonObject e, string name, JsonNode? value)
    {
        e[name] = value;
        return e;
    }

    public static JsonObject Without(this JsonObject e, string name)
    {
        e.Remove(name);
        return e;
    }

    public static byte[] ToUtf8(this JsonNode e) => Encoding.UTF8.GetBytes(e.ToJsonString());
}
