namespace CognitoStack.Cdk.Configuration;

/// <summary>Reads files that settings name (SAML metadata, Hosted UI CSS, branding files and images), relative to the repository root.</summary>
internal sealed class RepositoryFiles(string baseDirectory)
{
    /// <summary>An example path per file key, so each message shows a file of the kind that key takes.</summary>
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["cssFile"] = "config/hosted-ui.css",
        ["brandingFile"] = "config/branding/dev.json",
        ["file"] = "config/branding/logo.svg",
        ["subjectFile"] = "config/email/verification-subject.txt",
        ["bodyFile"] = "config/email/verification.html",
        ["metadataFile"] = "config/saml/idp-metadata.xml",
        ["locales"] = "config/messages/en.json",
    };

    /// <summary>What a path of <paramref name="key"/> must look like, with an example that fits the key.</summary>
    public static string PathRule(string key) =>
        $"use a relative path inside the repository, such as {Examples[key]}";

    /// <summary>The file's bytes; a missing, empty or too large file is a configuration error.</summary>
    public byte[] ReadBytes(SettingsReader reader, string key, string relativePath, int maxBytes)
    {
        var bytes = File.ReadAllBytes(Existing(reader, key, relativePath));
        return bytes.Length > 0 && bytes.Length <= maxBytes
            ? bytes
            : throw reader.Invalid(key, $"\"{relativePath}\"", $"the file must hold 1 to {maxBytes:N0} bytes, it holds {bytes.Length:N0}");
    }

    /// <summary>The file's text; a missing, unreadable or too large file is a configuration error.</summary>
    public string Read(SettingsReader reader, string key, string relativePath, int maxLength)
    {
        var text = File.ReadAllText(Existing(reader, key, relativePath));
        return text.Length > 0 && text.Length <= maxLength
            ? text
            : throw reader.Invalid(key, $"\"{relativePath}\"", $"the file must hold 1 to {maxLength:N0} characters, it holds {text.Length:N0}");
    }

    /// <summary>The names (without <paramref name="extension"/>) of the files in <paramref name="relativeDirectory"/> ending in it, in ordinal order; none when the directory is missing.</summary>
    public IReadOnlyList<string> List(string relativeDirectory, string extension)
    {
        var directory = Path.Combine(baseDirectory, relativeDirectory);
        return Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*" + extension).Select(f => Path.GetFileName(f)[..^extension.Length]).Order(StringComparer.Ordinal)]
            : [];
    }

    private string Existing(SettingsReader reader, string key, string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(baseDirectory, relativePath));
        return File.Exists(path)
            ? path
            : throw reader.Invalid(key, $"\"{relativePath}\"", $"the file does not exist under {baseDirectory}; {PathRule(key)}");
    }
}
