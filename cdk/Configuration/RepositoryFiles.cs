namespace CognitoStack.Cdk.Configuration;

/// <summary>Reads files that settings name (SAML metadata, Hosted UI CSS, branding files and images, email templates, message files): regular files under config/ only.</summary>
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

    /// <summary>The one directory file settings may name, relative to the repository root.</summary>
    public const string Directory = "config";

    /// <summary>What a path of <paramref name="key"/> must look like, with an example that fits the key.</summary>
    public static string PathRule(string key) =>
        $"use a relative path under config/ without dot-files or dot-directories, such as {Examples[key]}";

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

    /// <summary>
    /// The full path of an existing regular file under config/. The path rule (<see cref="SettingsLoader.RelativeFile"/>)
    /// already keeps the name under config/ with no dot-segment; a symbolic link could still lead anywhere in the
    /// checkout (.git/config, a credentials file) and into the template, so every link on the way must resolve
    /// inside config/ too.
    /// </summary>
    private string Existing(SettingsReader reader, string key, string relativePath)
    {
        var root = Path.GetFullPath(Path.Combine(baseDirectory, Directory));
        var path = Path.GetFullPath(Path.Combine(baseDirectory, relativePath));
        if (!File.Exists(path))
        {
            throw reader.Invalid(key, $"\"{relativePath}\"", $"the file does not exist under {baseDirectory}; {PathRule(key)}");
        }

        var escape = LinkLeaving(root, path);
        return escape is null
            ? path
            : throw reader.Invalid(key, $"\"{relativePath}\"", $"{escape} is a symbolic link that leads out of config/; {PathRule(key)} and copy the file there");
    }

    /// <summary>The first link on the way from config/ (itself included) to <paramref name="path"/> that resolves outside config/, or null.</summary>
    private static string? LinkLeaving(string root, string path)
    {
        var realRoot = new DirectoryInfo(root).LinkTarget is null ? root : null;
        if (realRoot is null)
        {
            return Directory + "/";
        }

        var current = root;
        foreach (var segment in Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, segment);
            FileSystemInfo info = System.IO.Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is not null && !IsInside(realRoot, info.ResolveLinkTarget(returnFinalTarget: true)?.FullName))
            {
                return Path.GetRelativePath(Path.GetDirectoryName(root)!, current).Replace(Path.DirectorySeparatorChar, '/');
            }
        }

        return null;
    }

    private static bool IsInside(string root, string? target) =>
        target is not null && Path.GetFullPath(target).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
