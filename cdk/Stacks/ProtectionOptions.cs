using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Constructs;
using EmailSettings = CognitoStack.Cdk.Configuration.EmailSettings;

namespace CognitoStack.Cdk.Stacks;

/// <summary>Translates the terms, risk-action and principal-tag settings into construct props.</summary>
internal static class ProtectionOptions
{
    /// <summary>The terms documents of the web and confidential clients (both reach managed login's sign-up page).</summary>
    public static TermsDocumentsProps Terms(TermsSettings terms, IUserPool pool, AppClients clients) => new()
    {
        UserPool = pool,
        Clients = new Dictionary<string, IUserPoolClient>
        {
            ["WebClient"] = clients.WebClient,
            ["ConfidentialClient"] = clients.ConfidentialClient,
        },
        TermsOfUse = Links(terms.TermsOfUse),
        PrivacyPolicy = Links(terms.PrivacyPolicy),
    };

    /// <summary>The pool-wide risk configuration; notifications go out through the pool's SES identity and From address.</summary>
    public static ThreatResponsesProps ThreatResponses(Stack stack, RiskActionSettings risk, EmailSettings email, IUserPool pool) => new()
    {
        UserPool = pool,
        CompromisedCredentials = Choices.RiskAction.NameOf(risk.CompromisedCredentials),
        LowRisk = Choices.RiskAction.NameOf(risk.LowRisk),
        MediumRisk = Choices.RiskAction.NameOf(risk.MediumRisk),
        HighRisk = Choices.RiskAction.NameOf(risk.HighRisk),
        Notifications = risk.NotifyUsers ? Sender(stack, email) : null,
        BlockedIpRanges = risk.BlockedIpRanges,
        SkippedIpRanges = risk.SkippedIpRanges,
    };

    /// <summary>The principal tag that names a tenant, when the environment maps one.</summary>
    public static string? TenantTag(IdentityPoolSettings identityPool) =>
        identityPool.PrincipalTags.ContainsKey(SettingsLoader.TenantTag) ? SettingsLoader.TenantTag : null;

    /// <summary>Settings languages (<c>default</c>, <c>french</c>) as <c>Links</c> keys (<c>cognito:default</c>).</summary>
    private static Dictionary<string, string> Links(IReadOnlyDictionary<string, string> byLanguage) =>
        byLanguage.ToDictionary(l => $"cognito:{l.Key}", l => l.Value, StringComparer.Ordinal);

    /// <summary>
    /// The SES identity the pool sends with (SourceArn in the identity's Region and the stack's account, as
    /// <see cref="DirectoryEmail.Sender"/> has it), and its From and Reply-To addresses.
    /// </summary>
    private static RiskNotificationSender Sender(Stack stack, EmailSettings email)
    {
        var from = email.FromAddress!;
        var sourceArn = stack.FormatArn(new ArnComponents
        {
            Service = "ses",
            Region = email.SesRegion ?? stack.Region,
            Resource = "identity",
            ResourceName = email.SesIdentity!,
            ArnFormat = ArnFormat.SLASH_RESOURCE_NAME,
        });
        var header = from.DisplayName is { } name ? $"{name} <{from.Address}>" : from.Address;
        return new RiskNotificationSender(sourceArn, header, email.ReplyTo);
    }
}
