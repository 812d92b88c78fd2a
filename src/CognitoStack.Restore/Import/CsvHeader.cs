using System.Text.Json;

namespace CognitoStack.Restore.Import;

/// <summary>
/// The columns of the target pool's import CSV, in the order <c>GetCSVHeader</c> returns them: read from
/// the JSON the CLI prints (<c>aws cognito-idp get-csv-header --user-pool-id POOL &gt; header.json</c>) or
/// from a CSV file whose first line is that header (the console's template.csv).
/// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool-csv-header.html
/// </summary>
internal sealed class CsvHeader
{
    /// <summary>The user name column (required).</summary>
    public const string Username = "cognito:username";

    /// <summary>The MFA column (required; true for every user when the pool requires MFA, false when it is off).</summary>
    public const string MfaEnabled = "cognito:mfa_enabled";

    /// <summary>Email verified: one of the two verified columns is required.</summary>
    public const string EmailVerified = "email_verified";

    /// <summary>Phone number verified: one of the two verified columns is required.</summary>
    public const string PhoneNumberVerified = "phone_number_verified";

    private CsvHeader(IReadOnlyList<string> columns) => Columns = columns;

    /// <summary>The column names in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Reads and checks the header in <paramref name="path"/>.</summary>
    /// <exception cref="RestoreException">Unreadable, or a required column is missing or repeated.</exception>
    public static CsvHeader Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new RestoreException($"CSV header file \"{path}\" does not exist");
        }

        var text = File.ReadAllText(path).TrimStart('\uFEFF');
        var columns = text.TrimStart().StartsWith('{') ? FromJson(text, path) : FromCsvLine(text);
        var header = new CsvHeader(columns);
        header.Check(path);
        return header;
    }

    private static List<string> FromJson(string text, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (!document.RootElement.TryGetProperty("CSVHeader", out var list) || list.ValueKind != JsonValueKind.Array
                || list.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
            {
                throw new RestoreException($"CSV header file \"{path}\" has no CSVHeader list of strings: save the output of aws cognito-idp get-csv-header");
            }

            return [.. list.EnumerateArray().Select(c => c.GetString()!)];
        }
        catch (JsonException)
        {
            throw new RestoreException($"CSV header file \"{path}\" is not valid JSON: save the output of aws cognito-idp get-csv-header");
        }
    }

    private static List<string> FromCsvLine(string text) =>
        [.. text.Split('\n')[0].TrimEnd('\r').Split(',').Select(c => c.Trim())];

    private void Check(string path)
    {
        var bad = Columns.FirstOrDefault(c => c.Length is 0 or > 128 || c.Any(ch => char.IsControl(ch) || ch is ',' or '"' or ' '));
        if (bad is not null)
        {
            throw new RestoreException($"CSV header file \"{path}\" column {Shown.Value(bad)} is not an attribute name");
        }

        var repeated = Columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new RestoreException($"CSV header file \"{path}\" names column \"{repeated.Key}\" twice");
        }

        foreach (var required in new[] { Username, MfaEnabled })
        {
            if (!Columns.Contains(required))
            {
                throw new RestoreException($"CSV header lacks column \"{required}\": use the output of aws cognito-idp get-csv-header for the target pool");
            }
        }

        if (!Columns.Contains(EmailVerified) && !Columns.Contains(PhoneNumberVerified))
        {
            throw new RestoreException($"CSV header lacks both \"{EmailVerified}\" and \"{PhoneNumberVerified}\": an import needs one of them");
        }
    }
}
