using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Api;

/// <summary>
/// The FrontendConfig output must be an amplify_outputs.json (version 1.5) that Amplify.configure accepts:
/// the output's Fn::Join is rendered with placeholders for deploy-time values and checked against the
/// rules of Amplify's outputs schema v1.5 (required keys, no unknown keys, enums). tools/frontend-config
/// feeds the same output to Amplify's own parser.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class FrontendConfigTests(SynthFixture synth)
{
    private static readonly Dictionary<string, string[]> AllowedKeys = new()
    {
        ["$"] = ["$schema", "version", "analytics", "auth", "data", "geo", "notifications", "storage", "custom"],
        ["auth"] = ["aws_region", "user_pool_id", "user_pool_client_id", "identity_pool_id", "password_policy", "oauth",
            "standard_required_attributes", "username_attributes", "user_verification_types", "unauthenticated_identities_enabled",
            "mfa_configuration", "mfa_methods", "passwordless", "groups"],
        ["auth.passwordless"] = ["email_otp_enabled", "sms_otp_enabled", "web_authn", "preferred_challenge"],
        ["auth.password_policy"] = ["min_length", "require_numbers", "require_lowercase", "require_uppercase", "require_symbols"],
        ["auth.oauth"] = ["identity_providers", "domain", "scopes", "redirect_sign_in_uri", "redirect_sign_out_uri", "response_type"],
        ["storage"] = ["aws_region", "bucket_name"],
    };

    [Fact]
    public void FrontendConfig_Should_ListTheStepUpRules_When_TheEnvironmentHasThem()
    {
        var stepUp = Render("complete")["custom"]!["stepUp"]!;

        Assert.Equal("""{"routes":["/admin/health","/admin/claims"],"acr_values":"urn:cognito:loa:2","max_age":900}""", stepUp["admin"]!.ToJsonString());
        Assert.Equal("""{"routes":["/items"],"max_age":43200}""", stepUp["items"]!.ToJsonString());
        Assert.Null(Render("dev")["custom"]!["stepUp"]);
    }

    [Fact]
    public void FrontendConfig_Should_ListTheCustomAttributesAndWhatTheWebClientMayReadAndWrite()
    {
        var attributes = Render("complete")["custom"]!["userAttributes"]!;

        Assert.Equal("""{"name":"custom:tenant","type":"String","mutable":false}""", attributes["custom_attributes"]![0]!.ToJsonString());
        Assert.Equal(6, attributes["custom_attributes"]!.AsArray().Count);
        Assert.Equal("""["custom:beta","custom:plan","email","locale","name"]""", attributes["writable"]!.ToJsonString());
        Assert.Contains("custom:tenant", attributes["readable"]!.AsArray().Select(a => (string)a!));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void FrontendConfig_Should_FollowAmplifyOutputsSchemaV1_5(string env)
    {
        var config = Render(env);

        Assert.Equal("1.5", (string?)config["version"]);
        foreach (var (path, allowed) in AllowedKeys)
        {
            var node = path == "$" ? config : path.Split('.').Aggregate((JsonNode)config, (n, key) => n[key]!);
            Assert.All(node.AsObject(), p => Assert.Contains(p.Key, allowed));
        }

        var auth = config["auth"]!;
        Assert.All(new[] { "aws_region", "user_pool_id", "user_pool_client_id" }, key => Assert.NotNull(auth[key]));
        Assert.All(AllowedKeys["auth.oauth"], key => Assert.NotNull(auth["oauth"]![key]));
        Assert.Contains((string?)auth["oauth"]!["response_type"], new[] { "code", "token" });
        Assert.Contains((string?)auth["mfa_configuration"], new[] { "NONE", "OPTIONAL", "REQUIRED" });
        Assert.All(auth["mfa_methods"]!.AsArray(), m => Assert.Contains((string?)m, new[] { "SMS", "TOTP", "EMAIL" }));
        Assert.All(auth["username_attributes"]!.AsArray(), m => Assert.Contains((string?)m, new[] { "email", "phone_number", "username" }));
        Assert.InRange((int)auth["password_policy"]!["min_length"]!, 6, 99);
        Assert.NotNull(config["storage"]!["bucket_name"]);
        Assert.Contains((string?)auth["passwordless"]!["web_authn"]!["user_verification"], new[] { "required", "preferred" });
    }

    [Fact]
    public void FrontendConfig_Should_CarryPasskeysMfaMethodsAndGroups()
    {
        var auth = Render("prod")["auth"]!;

        Assert.Equal("""{"email_otp_enabled":false,"sms_otp_enabled":false,"web_authn":{"relying_party_id":"myapp-auth-prod.auth.<AWS::Region>.amazoncognito.com","user_verification":"required"}}""",
            SynthesizedEnvironment.Text(auth["passwordless"]));
        Assert.Equal("""["TOTP"]""", SynthesizedEnvironment.Text(auth["mfa_methods"]));
        Assert.Equal("""[{"admin":{"precedence":0}},{"users":{"precedence":10}}]""", SynthesizedEnvironment.Text(auth["groups"]));
    }

    [Fact]
    public void FrontendConfig_Should_CarryTheWebClientDomainScopesRedirectsAndApi()
    {
        var config = Render("prod");
        var auth = config["auth"]!;

        Assert.Equal("<AppClientsWebClient>", (string?)auth["user_pool_client_id"]);
        Assert.Equal("<UserDirectoryUserPool>", (string?)auth["user_pool_id"]);
        Assert.Equal("<IdentityFederationIdentityPool>", (string?)auth["identity_pool_id"]);
        Assert.Equal("myapp-auth-prod.auth.<AWS::Region>.amazoncognito.com", (string?)auth["oauth"]!["domain"]);
        Assert.Equal("""["openid","email","profile","aws.cognito.signin.user.admin","myapp-api/read","myapp-api/write"]""", SynthesizedEnvironment.Text(auth["oauth"]!["scopes"]));
        Assert.Equal("""["https://app.example.com/callback"]""", SynthesizedEnvironment.Text(auth["oauth"]!["redirect_sign_in_uri"]));
        Assert.Equal("REQUIRED", (string?)auth["mfa_configuration"]);
        Assert.Equal(false, (bool?)auth["unauthenticated_identities_enabled"]);
        Assert.Equal("<UserFilesBucket>", (string?)config["storage"]!["bucket_name"]);
        Assert.StartsWith("https://<ApiRestApi>.execute-api.", (string?)config["custom"]!["API"]!["CognitoStackApi"]!["endpoint"], StringComparison.Ordinal);
    }

    /// <summary>The output's JSON with each deploy-time value written as &lt;name&gt;.</summary>
    private JsonNode Render(string env)
    {
        var join = synth[env].Json["Api"]["Outputs"]!["FrontendConfig"]!["Value"]!["Fn::Join"]!;
        var text = new StringBuilder();
        foreach (var part in join[1]!.AsArray())
        {
            text.Append(part is JsonValue literal ? (string)literal! : Placeholder(part!));
        }

        return JsonNode.Parse(text.ToString())!;
    }

    private static string Placeholder(JsonNode token)
    {
        var name = (string?)token["Ref"] ?? (string?)token["Fn::ImportValue"] ?? SynthesizedEnvironment.Text(token);
        // Cross-stack imports are named after the exported resource: keep its readable construct path.
        var exported = System.Text.RegularExpressions.Regex.Match(name, "ExportsOutput(?:Ref|FnGetAtt)([A-Za-z]+?)[0-9A-F]{8}");
        return exported.Success ? $"<{exported.Groups[1].Value}>"
            : System.Text.RegularExpressions.Regex.IsMatch(name, "[0-9A-F]{8}$") ? $"<{name[..^8]}>" : $"<{name}>";
    }
}
