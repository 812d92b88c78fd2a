namespace CognitoStack.Backend.Auth;

/// <summary>
/// Splits list-valued claims that API Gateway hands over as one string.
/// </summary>
/// <remarks>
/// <para>
/// <c>cognito:groups</c> is a JSON array in the token, but <c>requestContext.authorizer.claims</c> is a
/// string-to-string map. Renderings seen in the wild:
/// </para>
/// <list type="bullet">
/// <item><c>"admin,editors"</c>: REST API (payload 1.0) Cognito user pools authorizer, comma separated,
/// no brackets; a single group is just <c>"admin"</c> (re:Post question QUFJRBaEJRSmmqarNrvCWoQA
/// "AWS Cognito Group"; aws/chalice issue 783 splits it on commas).</item>
/// <item><c>"[admin editors]"</c>: HTTP API (payload 2.0) JWT authorizer, bracketed and space
/// separated (aws-solutions-library-samples guidance-for-claude-code-with-amazon-bedrock PR 803).</item>
/// <item><c>"[\"admin\",\"editors\"]"</c>: JSON text, produced by some emulators and hand-written events.</item>
/// </list>
/// <para>
/// All three are accepted: surrounding brackets are removed, then the text is split on commas and white
/// space and each entry is stripped of quotes. Group names cannot contain white space, and the
/// configured admin group is refused if it contains a comma, bracket or quote, so this is unambiguous
/// for every name the function compares against.
/// </para>
/// <para>
/// <c>scope</c> (access tokens only) is a space-separated string in the token itself (RFC 6749 section
/// 3.3) and arrives unchanged, e.g. <c>"myapp-api/read myapp-api/write"</c>; it goes through the same
/// splitting, which also copes with a bracketed or comma-separated rendering.
/// </para>
/// </remarks>
public static class ClaimListParser
{
    /// <summary>Splits a list-valued claim into its entries; empty for null or blank input.</summary>
    /// <param name="value">The claim value as the authorizer passed it.</param>
    public static IReadOnlyList<string> Parse(string? value)
    {
        var entries = new List<string>(4);
        var rest = Unbracket(value);
        while (NextEntry(ref rest, out var entry))
        {
            entries.Add(entry.ToString());
        }

        return entries;
    }

    /// <summary>True when the list-valued claim contains <paramref name="entry"/> (ordinal comparison).</summary>
    /// <param name="value">The claim value as the authorizer passed it.</param>
    /// <param name="entry">The group or scope looked for.</param>
    public static bool Contains(string? value, string entry)
    {
        var rest = Unbracket(value);
        while (NextEntry(ref rest, out var candidate))
        {
            if (candidate.SequenceEqual(entry))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> Unbracket(string? value)
    {
        var text = value.AsSpan().Trim();
        return text.Length >= 2 && text[0] == '[' && text[^1] == ']' ? text[1..^1] : text;
    }

    // Takes the next non-empty entry off the front of rest; separators are commas and white space.
    private static bool NextEntry(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> entry)
    {
        while (!rest.IsEmpty)
        {
            var end = 0;
            while (end < rest.Length && !IsSeparator(rest[end]))
            {
                end++;
            }

            entry = rest[..end].Trim('"');
            rest = end < rest.Length ? rest[(end + 1)..] : [];
            if (!entry.IsEmpty)
            {
                return true;
            }
        }

        entry = [];
        return false;
    }

    private static bool IsSeparator(char c) => c == ',' || char.IsWhiteSpace(c);
}
