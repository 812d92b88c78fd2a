namespace CognitoStack.Cdk.Configuration;

/// <summary>The agent client (<c>clients.agent</c>, issue 28.3): token exchange for services and agents.</summary>
public static partial class SettingsLoader
{
    // Cognito guide, "Exchanging tokens for downstream services" (token exchange, 2026-11-12): GetDerivedToken and
    // the token endpoint's token-exchange grant; a feature of the ESSENTIALS and PLUS plans.
    private const string TokenExchangePage = "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-token-exchange.html";

    private static AgentClientSettings ReadAgentClient(SettingsReader a) => new()
    {
        Audiences = a.StringList("audiences", 1, 10, ResourceServerIdentifier().IsMatch,
            "use the resource server identifier of this app (resourceServer.identifier)"),
        Scopes = a.StringList("scopes", 1, 100, ScopeName().IsMatch, "use scope names of resourceServer.scopes, without the identifier"),
        Impersonation = a.Bool("impersonation", false),
    };

    private static void CheckAgentClient(EnvironmentSettings s, string path)
    {
        if (s.Clients.Agent is not { } agent)
        {
            return;
        }

        var key = $"{path}.clients.agent";
        if (s.UserPool.FeaturePlan == FeaturePlan.Lite)
        {
            throw new ConfigurationException(
                $"{key} is invalid with userPool.featurePlan \"LITE\": token exchange needs ESSENTIALS or PLUS ({TokenExchangePage}); choose one of those or remove clients.agent");
        }

        if (agent.Audiences.FirstOrDefault(a => a != s.ResourceServer.Identifier) is { } audience)
        {
            throw new ConfigurationException(
                $"{key}.audiences \"{audience}\" is invalid: use \"{s.ResourceServer.Identifier}\" (resourceServer.identifier), the only audience this app's API accepts");
        }

        var names = s.ResourceServer.Scopes.Select(x => x.Name).ToList();
        if (agent.Scopes.FirstOrDefault(x => !names.Contains(x, StringComparer.Ordinal)) is { } scope)
        {
            throw new ConfigurationException(
                $"{key}.scopes \"{scope}\" is invalid: use scopes of resourceServer.scopes ({string.Join(", ", names)}), without the identifier");
        }
    }
}
