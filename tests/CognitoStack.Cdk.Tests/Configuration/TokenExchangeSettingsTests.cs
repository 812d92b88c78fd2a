using System.Text.Json.Nodes;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>
/// <c>clients.agent</c> (token exchange, issue 28.3) and <c>identityProviders.oidc[].acrMapping</c> (step-up for
/// federated users, issue 28.2): known audiences and scopes only, Cognito's levels only, and the feature-plan rule.
/// </summary>
public sealed class TokenExchangeSettingsTests
{
    private const string Agent = """{"audiences": ["myapp-api"], "scopes": ["read"]}""";
    private const string Oidc = """{"name": "CorpOidc", "clientId": "abc", "clientSecret": {"secretName": "corp-oidc"}, "issuerUrl": "https://login.example.com", "acrMapping": ACR}""";

    [Fact]
    public void Agent_Should_BeAbsent_When_LeftOut() =>
        Assert.Null(Load().Clients.Agent);

    [Fact]
    public void Agent_Should_Load_WithDelegationOnly_When_ImpersonationIsLeftOut()
    {
        var agent = Load(SetJson("clients.agent", Agent)).Clients.Agent!;

        Assert.Equal(["myapp-api"], agent.Audiences);
        Assert.Equal(["read"], agent.Scopes);
        Assert.False(agent.Impersonation);
    }

    [Fact]
    public void Agent_Should_AllowImpersonation_When_WrittenOut() =>
        Assert.True(Load(SetJson("clients.agent", """{"audiences": ["myapp-api"], "scopes": ["read", "write"], "impersonation": true}""")).Clients.Agent!.Impersonation);

    [Fact]
    public void Audiences_Should_Fail_When_NotTheResourceServerIdentifier() =>
        Assert.Equal($"{Key("clients.agent.audiences")} \"other-api\" is invalid: use \"myapp-api\" (resourceServer.identifier), the only audience this app's API accepts",
            Error(SetJson("clients.agent", """{"audiences": ["myapp-api", "other-api"], "scopes": ["read"]}""")));

    [Fact]
    public void Audiences_Should_Fail_When_Empty() =>
        Assert.StartsWith(Key("clients.agent.audiences") + " ", Error(SetJson("clients.agent", """{"audiences": [], "scopes": ["read"]}""")));

    [Fact]
    public void Scopes_Should_Fail_When_TheResourceServerHasNoSuchScope() =>
        Assert.Equal($"{Key("clients.agent.scopes")} \"delete\" is invalid: use scopes of resourceServer.scopes (read, write), without the identifier",
            Error(SetJson("clients.agent", """{"audiences": ["myapp-api"], "scopes": ["delete"]}""")));

    [Fact]
    public void Scopes_Should_Fail_When_WrittenWithTheIdentifier() =>
        Assert.StartsWith(Key("clients.agent.scopes[0]") + " \"myapp-api/read\" is invalid: ",
            Error(SetJson("clients.agent", """{"audiences": ["myapp-api"], "scopes": ["myapp-api/read"]}""")));

    [Fact]
    public void Scopes_Should_Fail_When_Repeated() =>
        Assert.Equal(Invalid("clients.agent.scopes[1]", "\"read\"", "each value may appear only once"),
            Error(SetJson("clients.agent", """{"audiences": ["myapp-api"], "scopes": ["read", "read"]}""")));

    [Fact]
    public void Agent_Should_Fail_When_FeaturePlanIsLite() =>
        Assert.StartsWith($"{Key("clients.agent")} is invalid with userPool.featurePlan \"LITE\": token exchange needs ESSENTIALS or PLUS",
            Error(All(LiteCompatible(), Set("userPool.featurePlan", "LITE"), Set("userPool.threatProtection", "OFF"), SetJson("triggers", """{"preTokenGeneration": false}"""),
                SetJson("clients.agent", Agent))));

    [Fact]
    public void Agent_Should_Load_When_FeaturePlanIsEssentials() =>
        Assert.NotNull(Load(All(Set("userPool.featurePlan", "ESSENTIALS"), Set("userPool.threatProtection", "OFF"), SetJson("clients.agent", Agent))).Clients.Agent);

    [Theory]
    [InlineData("Level1")]
    [InlineData("Level4")]
    public void AcrMapping_Should_Load_When_KeyedByACognitoLevel(string level) =>
        Assert.Equal("http://idp.example.com/mfa", Load(Provider($$"""{"{{level}}": "http://idp.example.com/mfa"}""")).IdentityProviders.Oidc[0].AcrMapping[level]);

    [Theory]
    [InlineData("Level0")]
    [InlineData("Level5")]
    [InlineData("urn:cognito:loa:2")]
    public void AcrMapping_Should_Fail_When_KeyIsNotACognitoLevel(string level) =>
        Assert.Equal($"{Key("identityProviders.oidc[0].acrMapping")} key \"{level}\" is invalid: use Cognito's levels Level1, Level2, Level3, Level4 as keys",
            Error(Provider($$"""{"{{level}}": "http://idp.example.com/mfa"}""")));

    [Fact]
    public void AcrMapping_Should_Load_When_ValueHas64Characters() =>
        Assert.Equal(64, Load(Provider($$"""{"Level2": "{{new string('a', 64)}}"}""")).IdentityProviders.Oidc[0].AcrMapping["Level2"].Length);

    [Theory]
    [InlineData(65)]
    [InlineData(0)]
    public void AcrMapping_Should_Fail_When_ValueLengthIsOutside1To64(int length) =>
        Assert.StartsWith($"{Key("identityProviders.oidc[0].acrMapping.Level2")} ",
            Error(Provider($$"""{"Level2": "{{new string('a', length)}}"}""")));

    [Fact]
    public void AcrMapping_Should_Fail_When_OneProviderValueMapsToTwoLevels() =>
        Assert.Equal(Invalid("identityProviders.oidc[0].acrMapping", "(\"mfa\" for Level2 and Level3)", "map each of the provider's acr values to one level only"),
            Error(Provider("""{"Level2": "mfa", "Level3": "mfa"}""")));

    [Fact]
    public void AcrMapping_Should_Fail_When_FeaturePlanIsLite() =>
        Assert.StartsWith($"{Key("identityProviders.oidc[0].acrMapping")} is invalid with userPool.featurePlan \"LITE\": authentication levels need ESSENTIALS or PLUS",
            Error(All(LiteCompatible(), Set("userPool.featurePlan", "LITE"), Set("userPool.threatProtection", "OFF"), SetJson("triggers", """{"preTokenGeneration": false}"""),
                Provider("""{"Level2": "mfa"}"""))));

    [Fact]
    public void AcrMapping_Should_Load_When_FeaturePlanIsEssentials() =>
        Assert.Single(Load(All(Set("userPool.featurePlan", "ESSENTIALS"), Set("userPool.threatProtection", "OFF"), Provider("""{"Level2": "mfa"}""")))
            .IdentityProviders.Oidc[0].AcrMapping);

    private static Action<JsonObject> Provider(string acrMapping) =>
        SetJson("identityProviders", $$"""{"oidc": [{{Oidc.Replace("ACR", acrMapping, StringComparison.Ordinal)}}]}""");
}
