namespace CognitoStack.Lambda.Common;

/// <summary>Quotes values in one-line error messages, so a wrong value is visible but never floods the log.</summary>
public static class Quote
{
    /// <summary>Longest part of a value shown by default.</summary>
    public const int DefaultMaxLength = 80;

    /// <summary>
    /// <c>"value"</c>, cut to <paramref name="maxLength"/> characters with <c>...</c> appended when longer;
    /// <c>(missing)</c> for null.
    /// </summary>
    /// <param name="value">The value to show.</param>
    /// <param name="maxLength">Longest part of the value shown.</param>
    public static string Value(string? value, int maxLength = DefaultMaxLength) =>
        value is null ? "(missing)"
        : value.Length <= maxLength ? $"\"{value}\""
        : $"\"{value[..maxLength]}...\"";
}
