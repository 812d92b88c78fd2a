using System.Text.Json.Nodes;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>
/// Every file setting names a regular file under config/: nothing else in the checkout (.git/config, a key
/// file) may reach the template, cdk.out or cdk diff. Classic CSS holds only the classes Cognito takes.
/// </summary>
public sealed class FileSettingsTests
{
    private const string PathRule = "use a relative path under config/ without dot-files or dot-directories";

    /// <summary>Each file setting, as a change to dev that sets it to a path.</summary>
    public static TheoryData<string, string> FileKeys() => new()
    {
        { "hostedUi.cssFile", """{"style": "CLASSIC", "cssFile": "PATH"}""" },
        { "hostedUi.brandingFile", """{"brandingFile": "PATH"}""" },
        { "hostedUi.assets[0].file", """{"brandingFile": "config/branding/dev.json", "assets": [{"category": "FORM_LOGO", "colorMode": "LIGHT", "file": "PATH"}]}""" },
        { "email.verification.subjectFile", """{"fromAddress": "no-reply@example.com", "sesIdentity": "example.com", "verification": {"subjectFile": "PATH", "bodyFile": "config/email/verification.html"}}""" },
        { "email.verification.bodyFile", """{"fromAddress": "no-reply@example.com", "sesIdentity": "example.com", "verification": {"subjectFile": "config/email/verification-subject.txt", "bodyFile": "PATH"}}""" },
        { "identityProviders.saml[0].metadataFile", """{"saml": [{"name": "CorpSaml", "metadataFile": "PATH"}]}""" },
    };

    [Theory]
    [MemberData(nameof(FileKeys))]
    public void FileSetting_Should_RefuseTheGitConfig(string key, string json) =>
        Assert.StartsWith(Invalid(key, "\".git/config\"", PathRule), Error(Setting(key, json, ".git/config")));

    [Theory]
    [MemberData(nameof(FileKeys))]
    public void FileSetting_Should_RefuseAFileOutsideConfig(string key, string json) =>
        Assert.StartsWith(Invalid(key, "\"README.md\"", PathRule), Error(Setting(key, json, "README.md")));

    [Theory]
    [InlineData("config/.hidden.css")]
    [InlineData("config/.git/config")]
    [InlineData("config/../.git/config")]
    [InlineData("config/./hosted-ui.css")]
    [InlineData("./config/hosted-ui.css")]
    [InlineData("/work/config/hosted-ui.css")]
    [InlineData("Config/hosted-ui.css")]
    [InlineData("config/")]
    [InlineData("config")]
    public void CssFile_Should_Fail_When_NotAPlainPathUnderConfig(string path) =>
        Assert.StartsWith(Invalid("hostedUi.cssFile", Received(path), PathRule), Error(Css(path)));

    [Fact]
    public void CssFile_Should_Load_When_UnderConfig() =>
        Assert.NotNull(Load(Css("config/hosted-ui.css")).HostedUi.Css);

    [Fact]
    public void CssFile_Should_Fail_When_ADirectory() =>
        Assert.StartsWith(Invalid("hostedUi.cssFile", "\"config/email\"", "the file does not exist"), Error(Css("config/email")));

    [Fact]
    public void CssFile_Should_Fail_When_ALinkLeadsOutOfConfig()
    {
        using var root = new TempRoot();
        root.Write("secret.css", ".banner-customizable { color: red; }");
        root.Link("config/hosted-ui.css", "../secret.css");

        Assert.StartsWith(Invalid("hostedUi.cssFile", "\"config/hosted-ui.css\"", "config/hosted-ui.css is a symbolic link that leads out of config/"),
            root.Error(Css("config/hosted-ui.css")));
    }

    [Fact]
    public void CssFile_Should_Fail_When_ADirectoryLinkLeadsOutOfConfig()
    {
        using var root = new TempRoot();
        root.Write("outside/hosted-ui.css", ".banner-customizable { color: red; }");
        root.Link("config/styles", "../outside");

        Assert.StartsWith(Invalid("hostedUi.cssFile", "\"config/styles/hosted-ui.css\"", "config/styles is a symbolic link that leads out of config/"),
            root.Error(Css("config/styles/hosted-ui.css")));
    }

    [Fact]
    public void CssFile_Should_Load_When_ALinkStaysInsideConfig()
    {
        using var root = new TempRoot();
        root.Write("config/base.css", ".banner-customizable { color: red; }");
        root.Link("config/hosted-ui.css", "base.css");

        Assert.Equal(".banner-customizable { color: red; }", root.Load(Css("config/hosted-ui.css")).HostedUi.Css);
    }

    [Theory]
    [InlineData("body { color: red; }", "the selector \"body\"")]
    [InlineData(".banner-customizable, .banner { color: red; }", "the selector \".banner\"")]
    [InlineData(".banner-customizable div { color: red; }", "the selector \".banner-customizable div\"")]
    [InlineData(".submitButton-customizable:active { color: red; }", "the selector \".submitButton-customizable:active\"")]
    [InlineData("@import url(https://example.com/x.css);", "the at-rule \"@import\"")]
    [InlineData("@media (max-width: 600px) { .banner-customizable { color: red; } }", "the at-rule \"@media\"")]
    [InlineData(".banner-customizable { color: red; ", "an unclosed rule")]
    [InlineData(".banner-customizable { color: red; } body", "an unclosed rule")]
    public void CssFile_Should_NameWhatCognitoRefuses(string css, string offending)
    {
        using var root = new TempRoot();
        root.Write("config/hosted-ui.css", css);

        Assert.StartsWith(Invalid("hostedUi.cssFile", "\"config/hosted-ui.css\"", $"{offending} is not one classic Hosted UI CSS takes: use rules whose selectors are Cognito's classes (.background-customizable,"),
            root.Error(Css("config/hosted-ui.css")));
    }

    [Fact]
    public void CssFile_Should_Load_When_EverySelectorIsOneCognitoTakes()
    {
        using var root = new TempRoot();
        var css = "/* all of them */\n" + string.Join("\n", CognitoRules.ClassicCssSelectors.Select(s => $"{s} {{ color: #111; }}"))
            + "\n.label-customizable,\n  .legalText-customizable { font-weight: 400; }";
        root.Write("config/hosted-ui.css", css);

        Assert.Equal(css, root.Load(Css("config/hosted-ui.css")).HostedUi.Css);
    }

    [Fact]
    public void CommittedCss_Should_OnlyUseCognitosClasses() =>
        Assert.Null(CognitoRules.FirstDisallowedCss(File.ReadAllText(Path.Combine(Repository.Root, "config", "hosted-ui.css"))));

    private static Action<JsonObject> Css(string path) =>
        Set("hostedUi", new JsonObject { ["style"] = "CLASSIC", ["cssFile"] = path });

    private static Action<JsonObject> Setting(string key, string json, string path)
    {
        var parent = key.StartsWith("hostedUi", StringComparison.Ordinal) ? "hostedUi"
            : key.StartsWith("email", StringComparison.Ordinal) ? "email"
            : "identityProviders";
        return SetJson(parent, json.Replace("PATH", path, StringComparison.Ordinal));
    }

    /// <summary>A repository root of its own, with a config/ directory, for files the real checkout must not hold.</summary>
    private sealed class TempRoot : IDisposable
    {
        private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cognitostack-files-");

        public TempRoot() => Directory.CreateDirectory(Path.Combine(_root.FullName, "config"));

        public void Write(string relative, string text)
        {
            var path = Path.Combine(_root.FullName, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        public void Link(string relative, string target)
        {
            var path = Path.Combine(_root.FullName, relative);
            if (Directory.Exists(Path.Combine(Path.GetDirectoryName(path)!, target)))
            {
                Directory.CreateSymbolicLink(path, target);
            }
            else
            {
                File.CreateSymbolicLink(path, target);
            }
        }

        public EnvironmentSettings Load(Action<JsonObject> mutate)
        {
            var env = Minimal();
            mutate(env);
            return SettingsLoader.Load(Environments((Env, env)), Env, _root.FullName);
        }

        public string Error(Action<JsonObject> mutate) => Assert.Throws<ConfigurationException>(() => Load(mutate)).Message;

        public void Dispose() => _root.Delete(recursive: true);
    }
}
