using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Identity;

[Collection(SynthCollection.Name)]
public sealed class AppClientTests(SynthFixture synth)
{
    private const string Client = "AWS::Cognito::UserPoolClient";

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

    [Fact]
    public void ConfidentialClient_Should_UseCodeFlowWithSecret()
    {
        var client = Single("prod", "AppClientsConfidentialClient");

        Assert.Equal(true, (bool?)client["GenerateSecret"]);
        Assert.Equal(["code"], Strings(client["AllowedOAuthFlows"]));
        Assert.DoesNotContain("ALLOW_USER_PASSWORD_AUTH", Strings(client["ExplicitAuthFlows"]));
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

    [Theory]
    [InlineData("dev", 60, 60, 30)]
    [InlineData("prod", 15, 15, 7)]
    public void EveryClient_Should_PreventUserExistenceErrorsRevokeTokensAndSetValidity(string env, int access, int id, int refreshDays)
    {
        var clients = synth[env].Resources("Identity", Client).Select(c => c.Resource["Properties"]!).ToList();

        Assert.Equal(3, clients.Count);
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
