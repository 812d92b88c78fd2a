using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Identity;

[Collection(SynthCollection.Name)]
public sealed class AppClientTests(SynthFixture synth)
{
    private const string Client = "AWS::Cognito::UserPoolClient";
    private const string SmokeTestClient = "AppClientsSmokeTestClient";

    [Theory]
    [InlineData("dev", "ALLOW_USER_SRP_AUTH,ALLOW_USER_AUTH")]
    [InlineData("prod", "ALLOW_USER_SRP_AUTH,ALLOW_USER_AUTH")]
    [InlineData("federated", "ALLOW_USER_SRP_AUTH,ALLOW_USER_AUTH,ALLOW_REFRESH_TOKEN_AUTH")]
    public void WebClient_Should_UseCodeFlowWithoutSecretOrPasswordAuth(string env, string flows)
    {
        var client = Single(env, "AppClientsWebClient");

        Assert.Equal(false, (bool?)client["GenerateSecret"]);
        Assert.Equal(["code"], Strings(client["AllowedOAuthFlows"]));
        Assert.Equal(flows.Split(','), Strings(client["ExplicitAuthFlows"]));
        Assert.True((bool?)client["AllowedOAuthFlowsUserPoolClient"]);
    }

    [Theory]
    [InlineData("dev", "http://localhost:3000/callback", "http://localhost:3000/")]
    [InlineData("prod", "https://app.example.com/callback", "https://app.example.com/")]
    public void UserClients_Should_UseConfiguredRedirectUrlsAndUserScopes(string env, string callback, string logout)
    {
        foreach (var id in new[] { "AppClientsWebClient", "AppClientsConfidentialClient" })
        {
            var client = Single(env, id);

            Assert.Equal([callback], Strings(client["CallbackURLs"]));
            Assert.Equal([logout], Strings(client["LogoutURLs"]));
            var scopes = SynthesizedEnvironment.Text(client["AllowedOAuthScopes"]);
            foreach (var scope in new[] { "openid", "email", "profile", "/read", "/write" })
            {
                Assert.Contains(scope, scopes, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void WebClient_Should_OfferTheSelfServiceScope_When_PasskeysAreASignInFactor(string env)
    {
        // StartWebAuthnRegistration / CompleteWebAuthnRegistration accept only an access token with
        // aws.cognito.signin.user.admin: without it, a user signed in through managed login cannot register
        // a passkey from the app's own UI.
        Assert.Contains(Cdk.Configuration.SignInFactor.WebAuthn, synth[env].Settings.UserPool.SignInFactors);
        Assert.Contains("\"aws.cognito.signin.user.admin\"", SynthesizedEnvironment.Text(Single(env, "AppClientsWebClient")["AllowedOAuthScopes"]), StringComparison.Ordinal);
        Assert.DoesNotContain("aws.cognito.signin.user.admin", SynthesizedEnvironment.Text(Single(env, "AppClientsConfidentialClient")["AllowedOAuthScopes"]), StringComparison.Ordinal);
    }

    [Fact]
    public void ConfidentialClient_Should_UseCodeFlowWithSecret()
    {
        var client = Single("prod", "AppClientsConfidentialClient");

        Assert.Equal(true, (bool?)client["GenerateSecret"]);
        Assert.Equal(["code"], Strings(client["AllowedOAuthFlows"]));
        Assert.Equal(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], Strings(client["ExplicitAuthFlows"]));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void MachineClient_Should_UseClientCredentialsWithOnlyResourceServerScopes(string env)
    {
        var client = Single(env, "AppClientsMachineClient");

        Assert.Equal(true, (bool?)client["GenerateSecret"]);
        Assert.Equal(["client_credentials"], Strings(client["AllowedOAuthFlows"]));
        Assert.Equal(["ALLOW_REFRESH_TOKEN_AUTH"], Strings(client["ExplicitAuthFlows"]));
        var scopes = client["AllowedOAuthScopes"]!.AsArray();
        Assert.Equal(2, scopes.Count);
        Assert.All(scopes, scope => Assert.Contains("UserPoolResourceServer", SynthesizedEnvironment.Text(scope), StringComparison.Ordinal));
        Assert.Null(client["CallbackURLs"]);
    }

    [Fact]
    public void NoProductionClient_Should_AllowPasswordAuthentication() =>
        Assert.All(synth.All, env => Assert.All(
            env.Resources("Identity", Client).Where(c => !c.LogicalId.StartsWith(SmokeTestClient, StringComparison.Ordinal)),
            c => Assert.DoesNotContain(Strings(c.Resource["Properties"]!["ExplicitAuthFlows"]),
                flow => flow is "ALLOW_ADMIN_USER_PASSWORD_AUTH" or "ALLOW_USER_PASSWORD_AUTH")));

    [Theory]
    [InlineData("dev", 1)]
    [InlineData("prod", 0)]
    [InlineData("federated", 0)]
    public void SmokeTestClient_Should_ExistOnlyWhereTheEnvironmentOptsIn(string env, int expected) =>
        Assert.Equal(expected, synth[env].Resources("Identity", Client).Count(c => c.LogicalId.StartsWith(SmokeTestClient, StringComparison.Ordinal)));

    [Fact]
    public void SmokeTestClient_Should_AllowOnlyAdminPasswordAuthWithASecretAndNoOAuth()
    {
        var client = Single("dev", SmokeTestClient);

        Assert.Equal(["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], Strings(client["ExplicitAuthFlows"]));
        Assert.Equal(true, (bool?)client["GenerateSecret"]);
        Assert.Equal(false, (bool?)client["AllowedOAuthFlowsUserPoolClient"]);
        Assert.Null(client["AllowedOAuthFlows"]);
        Assert.Null(client["AllowedOAuthScopes"]);
        Assert.Null(client["CallbackURLs"]);
        Assert.Equal(["COGNITO"], Strings(client["SupportedIdentityProviders"]));
    }

    [Theory]
    [InlineData("dev", 60, 60, 30, 4)]
    [InlineData("prod", 15, 15, 7, 3)]
    public void EveryClient_Should_PreventUserExistenceErrorsRevokeTokensAndSetValidity(string env, int access, int id, int refreshDays, int count)
    {
        var clients = synth[env].Resources("Identity", Client).Select(c => c.Resource["Properties"]!).ToList();

        Assert.Equal(count, clients.Count);
        Assert.All(clients, client =>
        {
            Assert.Equal("ENABLED", (string?)client["PreventUserExistenceErrors"]);
            Assert.True((bool?)client["EnableTokenRevocation"]);
            Assert.Equal(access, (int?)client["AccessTokenValidity"]);
            Assert.Equal(id, (int?)client["IdTokenValidity"]);
            Assert.Equal(refreshDays * 1440, (int?)client["RefreshTokenValidity"]);
            Assert.Equal("""{"AccessToken":"minutes","IdToken":"minutes","RefreshToken":"minutes"}""",
                SynthesizedEnvironment.Text(client["TokenValidityUnits"]));
        });
    }

    private JsonNode Single(string env, string logicalIdPrefix) =>
        synth[env].Resources("Identity", Client).Single(r => r.LogicalId.StartsWith(logicalIdPrefix, StringComparison.Ordinal)).Resource["Properties"]!;

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string)n!)];
}
