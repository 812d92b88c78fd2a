using System.Text;
using CognitoStack.Restore.Import;

namespace CognitoStack.Restore.Tests;

// Export -> import CSV -> parsed again by the rules of AWS's "Creating the user import CSV file" page: the
// header exactly as get-csv-header returned it, every column on every row, values unquoted, \, for a comma.
public sealed class RoundTripTests : IDisposable
{
    private readonly FakeExport _export = new();

    public void Dispose() => _export.Dispose();

    [Fact]
    public void Restore_Should_WriteTheDocumentedHeaderAndEveryUser_When_TheExportIsIntact()
    {
        var alice = FakeExport.User("alice", "alice@example.com", "admin", "users");
        alice["attributes"]!["name"] = "Alice Example, PhD";
        alice["attributes"]!["phone_number"] = "+12345550100";
        alice["attributes"]!["phone_number_verified"] = "false";
        alice["attributes"]!["birthdate"] = "1985-02-01";
        alice["attributes"]!["updated_at"] = "1471453471";
        var bob = FakeExport.User("bob", "bob@example.com", "users");
        bob["attributes"]!["email_verified"] = "false";
        _export.Add(alice).Add(bob, file: 1).Write();

        var summary = Restorer.Run(_export.Options());

        var lines = File.ReadAllLines(Path.Combine(_export.OutputDirectory, "users-001.csv"));
        Assert.Equal(string.Join(',', FakeExport.DocumentedHeader), lines[0]);
        var rows = lines.Skip(1).Select(l => Parse(lines[0], l)).ToList();
        Assert.Equal(2, rows.Count);
        var a = rows[0];
        Assert.Equal("alice", a["cognito:username"]);
        Assert.Equal("false", a["cognito:mfa_enabled"]);
        Assert.Equal("alice@example.com", a["email"]);
        Assert.Equal("true", a["email_verified"]);
        Assert.Equal("Alice Example, PhD", a["name"]);
        Assert.Equal("+12345550100", a["phone_number"]);
        Assert.Equal("false", a["phone_number_verified"]);
        Assert.Equal("02/01/1985", a["birthdate"]);
        Assert.Equal("1471453471", a["updated_at"]);
        Assert.Equal("", a["given_name"]);
        Assert.Equal("false", rows[1]["email_verified"]);
        Assert.Equal(2, summary.Users);
        Assert.Equal(1, summary.Unverified);
        Assert.Equal(["bob"], File.ReadAllLines(Path.Combine(_export.OutputDirectory, "unverified-users.txt")));
    }

    [Fact]
    public void Csv_Should_BeUtf8WithoutByteOrderMark_AndEscapeCommasWithABackslash()
    {
        var user = FakeExport.User("zoë", "zoe@example.com");
        user["attributes"]!["address"] = "1 Main St, Springfield";
        _export.Add(user).Write();

        Restorer.Run(_export.Options());

        var bytes = File.ReadAllBytes(Path.Combine(_export.OutputDirectory, "users-001.csv"));
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("zoë", text, StringComparison.Ordinal);
        Assert.Contains(@"1 Main St\, Springfield", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PoolMfa.On, "true")]
    [InlineData(PoolMfa.Optional, "false")]
    [InlineData(PoolMfa.Off, "false")]
    public void MfaEnabled_Should_FollowThePoolsMfaConfiguration(PoolMfa mfa, string expected)
    {
        _export.Add(FakeExport.User("alice", "alice@example.com")).Write();

        Restorer.Run(_export.Options(mfa));

        var lines = File.ReadAllLines(Path.Combine(_export.OutputDirectory, "users-001.csv"));
        Assert.Equal(expected, Parse(lines[0], lines[1])["cognito:mfa_enabled"]);
    }

    [Fact]
    public void Csv_Should_BeSplit_When_AFileWouldPassTheImportJobsRowLimit()
    {
        for (var i = 0; i < 5; i++)
        {
            _export.Add(FakeExport.User($"user{i}", $"user{i}@example.com"));
        }

        _export.Write();

        var summary = Restorer.Run(_export.Options() with { MaxUsersPerFile = 2 });

        Assert.Equal(["users-001.csv", "users-002.csv", "users-003.csv"], summary.CsvFiles);
        var counts = summary.CsvFiles.Select(f => File.ReadAllLines(Path.Combine(_export.OutputDirectory, f))).ToList();
        Assert.All(counts, lines => Assert.Equal(string.Join(',', FakeExport.DocumentedHeader), lines[0]));
        Assert.Equal([3, 3, 2], counts.Select(l => l.Length));
    }

    [Fact]
    public void Csv_Should_BeSplit_When_AFileWouldPassTheSizeLimit()
    {
        for (var i = 0; i < 4; i++)
        {
            _export.Add(FakeExport.User($"user{i}", $"user{i}@example.com"));
        }

        _export.Write();
        var header = string.Join(',', FakeExport.DocumentedHeader).Length + 1;

        var summary = Restorer.Run(_export.Options() with { MaxBytesPerFile = header + 100 });

        Assert.Equal(4, summary.CsvFiles.Count);
        Assert.All(summary.CsvFiles, f => Assert.True(new FileInfo(Path.Combine(_export.OutputDirectory, f)).Length <= header + 100));
    }

    [Fact]
    public void FederatedUsers_Should_BeListedNotImported_AndKeepTheirGroups()
    {
        var federated = FakeExport.User("Google_1234567890", "fed@example.com", "users");
        federated["status"] = "EXTERNAL_PROVIDER";
        federated["attributes"]!["identities"] = "[{\"providerName\":\"Google\"}]";
        _export.Add(federated).Add(FakeExport.User("alice", "alice@example.com")).Write();

        var summary = Restorer.Run(_export.Options());

        Assert.Equal(1, summary.Users);
        Assert.Equal(1, summary.Federated);
        Assert.Equal(["Google_1234567890"], File.ReadAllLines(Path.Combine(_export.OutputDirectory, "federated-users.txt")));
        Assert.Contains("Google_1234567890\tusers", File.ReadAllLines(Path.Combine(_export.OutputDirectory, "group-memberships.tsv")));
    }

    [Fact]
    public void DroppedAttribute_Should_BeLeftOut_When_TheTargetPoolLacksIt()
    {
        var user = FakeExport.User("alice", "alice@example.com");
        user["attributes"]!["custom:tenant"] = "acme";
        _export.Add(user).Write();

        var summary = Restorer.Run(_export.Options() with { DropAttributes = new HashSet<string> { "custom:tenant" } });

        Assert.Equal(1, summary.Users);
        Assert.DoesNotContain("acme", File.ReadAllText(Path.Combine(_export.OutputDirectory, "users-001.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Header_Should_BeReadFromACsvTemplate_AsWellAsFromGetCsvHeaderJson()
    {
        File.WriteAllText(_export.HeaderFile, "cognito:username,email,email_verified,cognito:mfa_enabled,custom:tenant\r\n");
        var user = FakeExport.User("alice", "alice@example.com");
        user["attributes"]!["custom:tenant"] = "acme";
        _export.Add(user).Write();

        Restorer.Run(_export.Options());

        Assert.Equal(
            ["cognito:username,email,email_verified,cognito:mfa_enabled,custom:tenant", "alice,alice@example.com,true,false,acme"],
            File.ReadAllLines(Path.Combine(_export.OutputDirectory, "users-001.csv")));
    }

    [Fact]
    public void EmptyExport_Should_WriteNoCsvButSucceed()
    {
        _export.Write();

        var summary = Restorer.Run(_export.Options());

        Assert.Empty(summary.CsvFiles);
        Assert.Equal(0, summary.Users);
    }

    // A row of an import CSV split the way AWS documents: commas separate fields unless escaped as \,.
    /// <summary>One CSV row by the import page's rules, keyed by the header's columns.</summary>
    internal static Dictionary<string, string> Parse(string header, string row)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length && row[i + 1] == ',')
            {
                current.Append(',');
                i++;
            }
            else if (row[i] == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(row[i]);
            }
        }

        fields.Add(current.ToString());
        var columns = header.Split(',');
        Assert.True(columns.Length == fields.Count, $"{fields.Count} fields for {columns.Length} columns: {row}");
        return columns.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }
}
