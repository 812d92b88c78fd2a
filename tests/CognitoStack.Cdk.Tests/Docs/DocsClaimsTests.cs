using System.Text.RegularExpressions;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Docs;

/// <summary>
/// Claims the docs make about AWS that a review against AWS's pages corrected (issue 21): each is pinned
/// here with the page it comes from, and code and templates point to the docs file a section lives in.
/// </summary>
public sealed partial class DocsClaimsTests
{
    private const string WebAuthnMfaSettings = "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnMfaSettingsType.html";

    [Theory]
    [InlineData("docs/sign-in.md")]
    [InlineData("docs/security.md")]
    [InlineData("docs/integration.md")]
    public void PasskeysUnderRequiredMfa_Should_NeedTheUsersPasskeyMfaAndAnotherFactor(string doc)
    {
        var text = Flat(doc);

        Assert.DoesNotContain("so a passkey also satisfies MFA", text, StringComparison.Ordinal);
        Assert.DoesNotContain("so passkey users pass required MFA", text, StringComparison.Ordinal);
        Assert.Matches("passkey MFA .*(TOTP|another MFA|other MFA)", text);
    }

    [Fact]
    public void SignInDoc_Should_CiteWebAuthnMfaSettingsType() =>
        Assert.Contains(WebAuthnMfaSettings, Flat("docs/sign-in.md"), StringComparison.Ordinal);

    [Fact]
    public void JtiClaims_Should_BeAttributedToTokenRevocation_NotRotation()
    {
        var text = Flat("docs/sign-in.md");

        Assert.DoesNotContain("ID and access tokens gain `jti`/`origin_jti` claims", text, StringComparison.Ordinal);
        Assert.Matches(@"`jti` and `origin_jti` claims .* come from token revocation", text);
        Assert.Contains("https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RefreshTokenRotation_Should_BeDocumentedAsNeedingEssentialsOrPlus() =>
        Assert.Contains("`ESSENTIALS`/`PLUS` (rejected on `LITE`, where it defaults to off)", Flat("docs/sign-in.md"), StringComparison.Ordinal);

    [Theory]
    [InlineData("logs:CreateLogDelivery")]
    [InlineData("logs:PutResourcePolicy")]
    [InlineData("logs:DescribeResourcePolicies")]
    [InlineData("logs:DescribeLogGroups")]
    public void LogDeliveryPermissions_Should_AllBeListed(string action)
    {
        var text = Flat("docs/monitoring.md");

        Assert.Contains($"`{action}`", text, StringComparison.Ordinal);
        Assert.Contains("https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-CWL.html", text, StringComparison.Ordinal);
        Assert.Contains("existing account-level resource policy", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CodeAndTemplates_Should_PointToTheDocsFile_NotAReadmeSection()
    {
        var roots = new[] { "cdk", "src", "tools", "scripts", Path.Combine("tests", "CognitoStack.Cdk.Tests", "Snapshots") };
        var offenders = roots
            .SelectMany(root => Directory.EnumerateFiles(Path.Combine(Repository.Root, root), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("node_modules", StringComparison.Ordinal))
            .Where(f => ReadmeSection().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Repository.Root, f))
            .ToList();

        Assert.True(offenders.Count == 0, $"These files still send readers to a README section that moved to docs/: {string.Join(", ", offenders)}");
    }

    /// <summary>The file's text with line breaks as spaces, so a claim can span lines.</summary>
    private static string Flat(string doc) =>
        Whitespace().Replace(File.ReadAllText(Path.Combine(Repository.Root, doc)), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"README(\.md)?,? ""?(Monitoring|Configuration|Frontend configuration|Runbook)")]
    private static partial Regex ReadmeSection();
}
