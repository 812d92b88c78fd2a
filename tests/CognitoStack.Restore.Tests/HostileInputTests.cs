namespace CognitoStack.Restore.Tests;

// Values the import CSV cannot carry, lines that are not users, headers that are not headers: one line each,
// naming the file, line, user and column, and nothing written.
public sealed class HostileInputTests : IDisposable
{
    private readonly FakeExport _export = new();

    public void Dispose() => _export.Dispose();

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"username\":\"eve\"")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{\"username\":\"eve\",\"status\":\"CONFIRMED\",\"enabled\":true,\"attributes\":{\"email\":5},\"groups\":[]}")]
    [InlineData("{\"username\":\"eve\",\"status\":\"CONFIRMED\",\"enabled\":true,\"attributes\":{},\"groups\":[\"a,b\"]}")]
    [InlineData("{\"username\":\"e ve\",\"status\":\"CONFIRMED\",\"enabled\":true,\"attributes\":{},\"groups\":[]}")]
    [InlineData("{\"username\":\"\",\"status\":\"CONFIRMED\",\"enabled\":true,\"attributes\":{},\"groups\":[]}")]
    public void Restore_Should_NameTheLine_When_ALineIsNotAUser(string line)
    {
        _export.Add(FakeExport.User("alice", "alice@example.com"));
        _export.Files[0].Add(line);
        _export.Write();

        Assert.StartsWith("users-00001.jsonl.gz line 2: ", _export.Refused(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name", "Eve\nEvil", "contains a line break or another control character")]
    [InlineData("name", "Eve\r", "contains a line break or another control character")]
    [InlineData("name", "Eve\u0000", "contains a line break or another control character")]
    [InlineData("name", "Eve \"The Hacker\"", "contains a double quote")]
    [InlineData("address", "C:\\temp,x", "contains a backslash")]
    [InlineData("name", "=HYPERLINK(\"http://evil\")", "contains a double quote")]
    [InlineData("name", "=1+1", "starts like a spreadsheet formula")]
    [InlineData("name", "@SUM(A1)", "starts like a spreadsheet formula")]
    [InlineData("name", "-2+3", "starts like a spreadsheet formula")]
    [InlineData("phone_number", "+1 555 cmd", "starts like a spreadsheet formula")]
    public void Restore_Should_Refuse_When_AValueCannotBeCarriedSafely(string attribute, string value, string problem)
    {
        var user = FakeExport.User("eve", "eve@example.com");
        user["attributes"]![attribute] = value;
        _export.Add(user).Write();

        var error = _export.Refused();

        Assert.StartsWith($"users-00001.jsonl.gz line 1: {attribute} of user \"eve\" {problem}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FormulaLikeValue_Should_BeImportedAsIs_When_Allowed()
    {
        var user = FakeExport.User("eve", "eve@example.com");
        user["attributes"]!["nickname"] = "=1+1";
        user["attributes"]!["phone_number"] = "+12345550100";
        _export.Add(user).Write();

        Restorer.Run(_export.Options() with { AllowFormulaLikeValues = true });

        Assert.Contains(",=1+1,", File.ReadAllText(Path.Combine(_export.OutputDirectory, "users-001.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_Should_Refuse_When_TheTargetPoolLacksAnExportedAttribute()
    {
        var user = FakeExport.User("alice", "alice@example.com");
        user["attributes"]!["custom:tenant"] = "acme";
        _export.Add(user).Write();

        Assert.Equal(
            "users-00001.jsonl.gz line 1: attribute \"custom:tenant\" of user \"alice\" has no column in the CSV header: add it to the target pool, or pass --drop-attribute custom:tenant",
            _export.Refused());
    }

    [Theory]
    [InlineData("birthdate", "1st of May", "birthdate of user \"alice\" is \"1st of May\": expected YYYY-MM-DD or mm/dd/yyyy")]
    [InlineData("updated_at", "yesterday", "updated_at of user \"alice\" is \"yesterday\": expected epoch seconds")]
    [InlineData("email_verified", "yes", "email_verified of user \"alice\" is \"yes\": expected true or false")]
    public void Restore_Should_Refuse_When_AValueHasTheWrongForm(string attribute, string value, string message)
    {
        var user = FakeExport.User("alice", "alice@example.com");
        user["attributes"]![attribute] = value;
        _export.Add(user).Write();

        Assert.Equal($"users-00001.jsonl.gz line 1: {message}", _export.Refused());
    }

    [Fact]
    public void Restore_Should_Refuse_When_ARowPassesTheImportJobsLengthLimit()
    {
        var user = FakeExport.User("alice", "alice@example.com");
        user["attributes"]!["profile"] = new string('p', 15_950);
        _export.Add(user).Write();

        Assert.Matches("^users-00001.jsonl.gz line 1: the row of user \"alice\" has 160[0-9]{2} characters; an import job takes at most 16000$", _export.Refused());
    }

    [Fact]
    public void Restore_Should_Accept_When_ARowIsAtTheImportJobsLengthLimit()
    {
        var user = FakeExport.User("alice", "alice@example.com");
        // The other values: alice, alice@example.com, true (email_verified), false (phone_number_verified),
        // false (cognito:mfa_enabled): 36 characters, and 20 commas between 21 columns.
        user["attributes"]!["profile"] = new string('p', 16_000 - 36 - 20);
        _export.Add(user).Write();

        Restorer.Run(_export.Options());

        Assert.Equal(16_000, File.ReadAllLines(Path.Combine(_export.OutputDirectory, "users-001.csv"))[1].Length);
    }

    [Theory]
    [InlineData("{\"CSVHeader\":[\"email\",\"email_verified\",\"cognito:username\"]}", "CSV header lacks column \"cognito:mfa_enabled\"")]
    [InlineData("{\"CSVHeader\":[\"email\",\"email_verified\",\"cognito:mfa_enabled\"]}", "CSV header lacks column \"cognito:username\"")]
    [InlineData("{\"CSVHeader\":[\"email\",\"cognito:mfa_enabled\",\"cognito:username\"]}", "CSV header lacks both \"email_verified\" and \"phone_number_verified\"")]
    [InlineData("{\"CSVHeader\":[\"email\",\"email\",\"email_verified\",\"cognito:mfa_enabled\",\"cognito:username\"]}", "names column \"email\" twice")]
    [InlineData("{\"CSVHeader\":\"cognito:username\"}", "has no CSVHeader list of strings")]
    [InlineData("{\"CSVHeader\":[", "is not valid JSON")]
    [InlineData("cognito:username,\"email\",email_verified,cognito:mfa_enabled", "column \"\"email\"\" is not an attribute name")]
    public void Restore_Should_Refuse_When_TheHeaderIsNotUsable(string header, string message)
    {
        File.WriteAllText(_export.HeaderFile, header);
        _export.Add(FakeExport.User("alice", "alice@example.com")).Write();

        Assert.Contains(message, _export.Refused(), StringComparison.Ordinal);
    }
}
