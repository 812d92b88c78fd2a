namespace CognitoStack.Restore;

/// <summary>
/// Why a restore stopped: one line naming the file, line, user or column and what is wrong. Nothing is
/// written once one is thrown during verification.
/// </summary>
public sealed class RestoreException(string message) : Exception(message);

/// <summary>Values in one-line messages.</summary>
internal static class Shown
{
    /// <summary>Quoted, control characters escaped, cut at 80 characters; <c>(missing)</c> for null.</summary>
    public static string Value(string? value)
    {
        if (value is null)
        {
            return "(missing)";
        }

        var builder = new System.Text.StringBuilder("\"");
        foreach (var c in value.Length > 80 ? value[..80] : value)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.Append(value.Length > 80 ? "...\"" : "\"").ToString();
    }
}
