namespace CognitoStack.Cdk.Configuration;

/// <summary>Reads files that settings name (SAML metadata, Hosted UI CSS), relative to the repository root.</summary>
internal sealed class RepositoryFiles(string baseDirectory)
{
    public const string PathRule = "use a relative path inside the repository, such as config/hosted-ui.css";

    /// <summary>The file's text; a missing, unreadable or too large file is a configuration error.</summary>
    public string Read(SettingsReader reader, string key, string relativePath, int maxLength)
    {
        var path = Path.GetFullPath(Path.Combine(baseDirectory, relativePath));
        if (!File.Exists(path))
        {
            throw reader.Invalid(key, $"\"{relativePath}\"", $"the file does not exist under {baseDirectory}; {PathRule}");
        }

        var text = File.ReadAllText(path);
        return text.Length > 0 && text.Length <= maxLength
            ? text
            : throw reader.Invalid(key, $"\"{relativePath}\"", $"the file must hold 1 to {maxLength:N0} characters, it holds {text.Length:N0}");
    }
}
