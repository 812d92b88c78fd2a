using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CognitoStack.Restore.Export;

namespace CognitoStack.Restore.Import;

/// <summary>How the target pool is set up for MFA, as <c>DescribeUserPool</c>'s <c>MfaConfiguration</c> says.</summary>
public enum PoolMfa
{
    /// <summary><c>OFF</c>: <c>cognito:mfa_enabled</c> must be false for every user.</summary>
    Off,

    /// <summary><c>OPTIONAL</c>: true or false; written false, since no MFA secret survives an export.</summary>
    Optional,

    /// <summary><c>ON</c> (required): must be true for every user; each sets up TOTP again at first sign-in.</summary>
    On,
}

/// <summary>
/// Turns an exported user into one row of a Cognito user import CSV, following AWS's formatting rules
/// (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool-csv-header.html):
/// every header column present, in the header's order; values never quoted; a comma inside a value written
/// as <c>\,</c>; UTF-8 without a byte-order mark; <c>cognito:username</c> without spaces or tabs;
/// <c>birthdate</c> as mm/dd/yyyy; <c>updated_at</c> in epoch seconds; at most 16,000 characters a row.
/// What that format cannot carry unambiguously (line breaks and other control characters, double quotes,
/// backslashes) is refused, as are values a spreadsheet would run as a formula, unless allowed.
/// </summary>
internal sealed partial class ImportRows(CsvHeader header, PoolMfa mfa, bool allowFormulaLikeValues, IReadOnlySet<string> droppedAttributes)
{
    /// <summary>Longest row an import job takes, in characters.</summary>
    public const int MaxRowLength = 16_000;

    /// <summary>
    /// Attributes Cognito assigns and an import cannot set: the new pool gives each user a new <c>sub</c>
    /// (the export keeps the old one; see docs/disaster-recovery.md).
    /// </summary>
    private static readonly HashSet<string> NotImportable = new(StringComparer.Ordinal) { "sub" };

    /// <summary>Federated users: an import job cannot create them; they return at their next sign-in through their provider.</summary>
    public const string ExternalProviderStatus = "EXTERNAL_PROVIDER";

    /// <summary>The header line.</summary>
    public string HeaderLine { get; } = string.Join(',', header.Columns);

    /// <summary>
    /// The row for <paramref name="line"/>, or null for a federated user, who cannot be imported.
    /// <paramref name="verified"/> says whether the user has a verified email or phone number; without
    /// one the import job refuses the row.
    /// </summary>
    /// <exception cref="RestoreException">A value the import format cannot carry, or an attribute the target pool lacks.</exception>
    public string? Build(UserLine line, out bool verified)
    {
        var user = line.User;
        verified = false;
        if (user.Status == ExternalProviderStatus)
        {
            return null;
        }

        var attributes = user.Attributes!;
        var missing = attributes.Keys.FirstOrDefault(a => !header.Columns.Contains(a) && !NotImportable.Contains(a) && !droppedAttributes.Contains(a));
        if (missing is not null)
        {
            throw new RestoreException($"{line.Where}: attribute \"{missing}\" of user {Shown.Value(user.Username)} has no column in the CSV header: add it to the target pool, or pass --drop-attribute {missing}");
        }

        var username = user.Username!;
        if (username.Any(c => c is ' ' or '\t') || username.Length > 128)
        {
            throw new RestoreException($"{line.Where}: user name {Shown.Value(username)} cannot be imported: cognito:username takes 1-128 characters without spaces or tabs");
        }

        var row = new StringBuilder();
        for (var i = 0; i < header.Columns.Count; i++)
        {
            var column = header.Columns[i];
            if (i > 0)
            {
                row.Append(',');
            }

            var value = column switch
            {
                CsvHeader.Username => username,
                CsvHeader.MfaEnabled => mfa == PoolMfa.On ? "true" : "false",
                CsvHeader.EmailVerified or CsvHeader.PhoneNumberVerified => Flag(line, column, attributes.GetValueOrDefault(column)),
                "birthdate" => Birthdate(line, attributes.GetValueOrDefault(column)),
                "updated_at" => EpochSeconds(line, attributes.GetValueOrDefault(column)),
                _ => attributes.GetValueOrDefault(column) ?? "",
            };
            row.Append(Escape(line, column, value));
        }

        if (row.Length > MaxRowLength)
        {
            throw new RestoreException($"{line.Where}: the row of user {Shown.Value(username)} has {row.Length} characters; an import job takes at most {MaxRowLength}");
        }

        verified = attributes.GetValueOrDefault(CsvHeader.EmailVerified) is { } e && IsTrue(e)
            || attributes.GetValueOrDefault(CsvHeader.PhoneNumberVerified) is { } p && IsTrue(p);
        return row.ToString();
    }

    private string Escape(UserLine line, string column, string value)
    {
        var problem = value.Any(char.IsControl) ? "contains a line break or another control character"
            : value.Contains('"', StringComparison.Ordinal) ? "contains a double quote"
            : value.Contains('\\', StringComparison.Ordinal) ? "contains a backslash"
            : !allowFormulaLikeValues && LooksLikeFormula(column, value) ? "starts like a spreadsheet formula (=, +, -, @); pass --allow-formula-like-values to import it as is"
            : null;
        if (problem is not null)
        {
            throw new RestoreException($"{line.Where}: {column} of user {Shown.Value(line.User.Username)} {problem}: the import CSV has no way to carry it unambiguously");
        }

        return value.Replace(",", "\\,", StringComparison.Ordinal);
    }

    // OWASP's CSV injection prefixes; a phone number (+digits) and a plain integer are data, not formulas.
    private static bool LooksLikeFormula(string column, string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@'
        && !(column == "phone_number" && PhoneNumber().IsMatch(value))
        && !Integer().IsMatch(value);

    private static string Flag(UserLine line, string column, string? value) => value switch
    {
        null or "" => "false",
        _ when IsTrue(value) => "true",
        _ when value.Equals("false", StringComparison.OrdinalIgnoreCase) => "false",
        _ => throw new RestoreException($"{line.Where}: {column} of user {Shown.Value(line.User.Username)} is {Shown.Value(value)}: expected true or false"),
    };

    private static bool IsTrue(string value) => value.Equals("true", StringComparison.OrdinalIgnoreCase);

    // Cognito stores birthdate as YYYY-MM-DD (OpenID Connect); the import wants mm/dd/yyyy.
    private static string Birthdate(UserLine line, string? value)
    {
        if (string.IsNullOrEmpty(value) || ImportDate().IsMatch(value))
        {
            return value ?? "";
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
        }

        throw new RestoreException($"{line.Where}: birthdate of user {Shown.Value(line.User.Username)} is {Shown.Value(value)}: expected YYYY-MM-DD or mm/dd/yyyy");
    }

    private static string EpochSeconds(UserLine line, string? value) =>
        string.IsNullOrEmpty(value) || Digits().IsMatch(value) ? value ?? ""
        : throw new RestoreException($"{line.Where}: updated_at of user {Shown.Value(line.User.Username)} is {Shown.Value(value)}: expected epoch seconds");

    [GeneratedRegex(@"^\+[0-9]{1,15}\z")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"^-?[0-9]{1,19}\z")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[0-9]{1,19}\z")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/[0-9]{4}\z")]
    private static partial Regex ImportDate();
}
