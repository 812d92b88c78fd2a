using System.Text.RegularExpressions;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Docs;

/// <summary>
/// Every relative link in the repository's Markdown (README.md, docs/, the tools', scripts' and projects'
/// READMEs) points to a file or directory that exists, and every <c>#anchor</c> to a heading or an
/// <c>&lt;a id&gt;</c> of the file it names. Links to web pages are not fetched.
/// </summary>
public sealed partial class MarkdownLinkTests
{
    private static readonly string[] Skipped = ["node_modules", "bin", "obj", ".git"];

    // bench/run.sh writes its report here (git-ignored): output of a run, not the repository's Markdown, and only
    // present where the bench has run, so a developer's tree would otherwise test one file more than a clean clone.
    private const string GeneratedBenchResults = "bench/results/";

    public static TheoryData<string> MarkdownFiles() => [.. Files()];

    [Fact]
    public void TheCheck_Should_CoverTheReadmeAndEveryDocsFile()
    {
        var files = Files().ToList();

        Assert.Contains("README.md", files);
        Assert.All(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md"),
            doc => Assert.Contains(Path.GetRelativePath(Repository.Root, doc).Replace('\\', '/'), files));
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void EveryRelativeLink_Should_Resolve(string file)
    {
        var broken = Links(file).Where(link => Problem(file, link) is not null).Select(link => $"{link}: {Problem(file, link)}").ToList();

        Assert.True(broken.Count == 0, $"{file} has broken links:\n{string.Join("\n", broken)}");
    }

    [Theory]
    [InlineData("## Sign-in options", "sign-in-options")]
    [InlineData("## Why Amazon.CDK.Lib is pinned to 2.160.0", "why-amazoncdklib-is-pinned-to-21600")]
    [InlineData("## The API and the `FrontendConfig` output", "the-api-and-the-frontendconfig-output")]
    public void Anchor_Should_FollowGitHubsHeadingIds(string heading, string anchor) =>
        Assert.Contains(anchor, Anchors(heading));

    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Repository.Root, "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => Skipped.Contains(part) || part.StartsWith("cdk.out", StringComparison.Ordinal)))
            .Where(f => !f.StartsWith(GeneratedBenchResults, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>Relative link targets outside code: <c>[text](target)</c>, without web and mail links.</summary>
    private static IEnumerable<string> Links(string file) =>
        InlineLink().Matches(WithoutCode(File.ReadAllText(Path.Combine(Repository.Root, file))))
            .Select(m => m.Groups["target"].Value)
            .Where(t => !Scheme().IsMatch(t));

    private static string? Problem(string file, string link)
    {
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? link : link[..hash];
        var anchor = hash < 0 ? null : link[(hash + 1)..];
        var target = path.Length == 0
            ? Path.Combine(Repository.Root, file)
            : Path.GetFullPath(Path.Combine(Repository.Root, Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
        if (!File.Exists(target) && !Directory.Exists(target))
        {
            return "no such file";
        }

        if (anchor is null)
        {
            return null;
        }

        return target.EndsWith(".md", StringComparison.Ordinal) && Anchors(File.ReadAllText(target)).Contains(anchor)
            ? null
            : $"no heading or <a id> \"{anchor}\" in {Path.GetRelativePath(Repository.Root, target)}";
    }

    /// <summary>The ids GitHub gives a file's headings (numbered when repeated), and its explicit anchors.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(WithoutCode(markdown, keepInline: true)))
        {
            var slug = Slug(heading.Groups["text"].Value);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        foreach (Match explicitAnchor in ExplicitAnchor().Matches(markdown))
        {
            anchors.Add(explicitAnchor.Groups["id"].Value);
        }

        return anchors;
    }

    /// <summary>GitHub's heading id: link text only, lower case, punctuation but hyphens and underscores dropped, spaces as hyphens.</summary>
    private static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading.Trim(), m => m.Groups["text"].Value);
        return string.Concat(text.ToLowerInvariant()
            .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')
            .Select(c => c == ' ' ? '-' : c));
    }

    /// <summary>The text without fenced code blocks and, unless kept, inline code spans.</summary>
    private static string WithoutCode(string markdown, bool keepInline = false)
    {
        var text = FencedCode().Replace(markdown, string.Empty);
        return keepInline ? text : InlineCode().Replace(text, string.Empty);
    }

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"<a\s+(?:id|name)=""(?<id>[^""]+)""")]
    private static partial Regex ExplicitAnchor();

    [GeneratedRegex(@"^(```|~~~)[\s\S]*?^\1", RegexOptions.Multiline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
