using CognitoStack.Restore.Import;

namespace CognitoStack.Restore.Tests;

public sealed class ArgumentsTests
{
    [Fact]
    public void Parse_Should_ReadEveryOption()
    {
        var options = Arguments.Parse(["--export", "e", "--csv-header", "h.json", "--out", "o", "--pool-mfa", "ON",
            "--drop-attribute", "custom:a", "--drop-attribute", "custom:b", "--allow-formula-like-values"])!;

        Assert.Equal(("e", "h.json", "o", PoolMfa.On, true), (options.ExportDirectory, options.HeaderFile, options.OutputDirectory, options.Mfa, options.AllowFormulaLikeValues));
        Assert.Equal(["custom:a", "custom:b"], options.DropAttributes.Order(StringComparer.Ordinal));
        Assert.Equal(500_000, options.MaxUsersPerFile);
        Assert.Equal(100_000_000, options.MaxBytesPerFile);
    }

    [Theory]
    [InlineData("missing --export", "--csv-header", "h", "--out", "o", "--pool-mfa", "OFF")]
    [InlineData("missing --pool-mfa (aws cognito-idp describe-user-pool --query UserPool.MfaConfiguration)", "--export", "e", "--csv-header", "h", "--out", "o")]
    [InlineData("--pool-mfa \"REQUIRED\" is invalid: use ON, OPTIONAL or OFF", "--export", "e", "--csv-header", "h", "--out", "o", "--pool-mfa", "REQUIRED")]
    [InlineData("option --out needs a value", "--export", "e", "--out")]
    [InlineData("option --export is given twice", "--export", "e", "--export", "f")]
    [InlineData("unknown argument \"--force\"", "--force")]
    public void Parse_Should_SayWhatIsWrong_When_TheArgumentsAreWrong(string message, params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => Arguments.Parse(args));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_Should_AskForUsage_When_Help()
    {
        Assert.Null(Arguments.Parse(["--help"]));
    }
}
