using CognitoStack.Backend.Tests.Helpers;

namespace CognitoStack.Backend.Tests.Unit;

public sealed class FunctionSettingsTests
{
    private static readonly FunctionSettings Valid = TestFunction.Settings;

    private static void AssertInvalid(FunctionSettings settings, string variable)
    {
        var error = settings.Validate();

        Assert.NotNull(error);
        Assert.StartsWith(variable, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Should_ReturnNull_When_SettingsAreValid() => Assert.Null(Valid.Validate());

    [Fact]
    public void FromVariables_Should_SplitAndTrimOrigins_When_OriginsAreCommaSeparated()
    {
        var settings = FunctionSettings.FromVariables(name => name == "ALLOWED_ORIGINS" ? "http://a.test, https://b.test:8443" : "x");

        Assert.Equal(["http://a.test", "https://b.test:8443"], settings.AllowedOrigins);
    }

    [Fact]
    public void FromVariables_Should_ReadMissingVariablesAsEmpty_When_NothingIsSet()
    {
        var settings = FunctionSettings.FromVariables(_ => null);

        AssertInvalid(settings, "ENVIRONMENT_NAME");
    }

    [Theory]
    [InlineData("")]
    [InlineData("dev env")]
    [InlineData("dév")]
    public void Validate_Should_NameEnvironmentName_When_ItIsInvalid(string value) =>
        AssertInvalid(Valid with { EnvironmentName = value }, "ENVIRONMENT_NAME");

    [Fact]
    public void Validate_Should_Fail_When_EnvironmentNameHas65Characters() =>
        AssertInvalid(Valid with { EnvironmentName = new string('e', 65) }, "ENVIRONMENT_NAME");

    [Fact]
    public void Validate_Should_Pass_When_EnvironmentNameHas64Characters() =>
        Assert.Null((Valid with { EnvironmentName = new string('e', 64) }).Validate());

    [Theory]
    [InlineData("")]
    [InlineData("site admins")]
    [InlineData("admin,ops")]
    [InlineData("[admin]")]
    public void Validate_Should_NameAdminGroup_When_ItIsInvalid(string value) =>
        AssertInvalid(Valid with { AdminGroup = value }, "ADMIN_GROUP");

    [Fact]
    public void Validate_Should_Fail_When_AdminGroupHas129Characters() =>
        AssertInvalid(Valid with { AdminGroup = new string('g', 129) }, "ADMIN_GROUP");

    [Fact]
    public void Validate_Should_Pass_When_AdminGroupHas128Characters() =>
        Assert.Null((Valid with { AdminGroup = new string('g', 128) }).Validate());

    [Theory]
    [InlineData("")]
    [InlineData("read")]
    [InlineData("/read")]
    [InlineData("myapp-api/")]
    [InlineData("myapp-api/read write")]
    public void Validate_Should_NameReadScope_When_ItIsInvalid(string value) =>
        AssertInvalid(Valid with { ReadScope = value }, "READ_SCOPE");

    [Fact]
    public void Validate_Should_NameWriteScope_When_ItIsInvalid() =>
        AssertInvalid(Valid with { WriteScope = "write" }, "WRITE_SCOPE");

    [Theory]
    [InlineData("http://localhost:3000/")]
    [InlineData("localhost:3000")]
    [InlineData("ftp://example.com")]
    [InlineData("https://Example.com")]
    [InlineData("https://example.com/app")]
    [InlineData("https://example.com:")]
    [InlineData("https://example.com:123456")]
    [InlineData("*")]
    [InlineData("")]
    public void Validate_Should_NameAllowedOrigins_When_AnOriginIsInvalid(string origin) =>
        AssertInvalid(Valid with { AllowedOrigins = ["http://localhost:3000", origin] }, "ALLOWED_ORIGINS");

    [Fact]
    public void Validate_Should_NameAllowedOrigins_When_ThereAreNone() =>
        AssertInvalid(Valid with { AllowedOrigins = [] }, "ALLOWED_ORIGINS");

    [Fact]
    public void Validate_Should_Pass_When_OriginHasHttpsAndPort() =>
        Assert.Null((Valid with { AllowedOrigins = ["https://app.example.com:8443"] }).Validate());

    [Theory]
    [InlineData("email,custom:tenant")]
    [InlineData("")]
    public void Validate_Should_AcceptReadableAttributes_When_AttributeNames(string value) =>
        Assert.Null((Valid with { ReadableAttributes = FunctionSettings.FromVariables(n => n == "READABLE_ATTRIBUTES" ? value : null).ReadableAttributes }).Validate());

    [Theory]
    [InlineData("email,")]
    [InlineData("custom:bad name")]
    [InlineData("Email")]
    [InlineData("email, name")]
    [InlineData("custom:\u0000")]
    public void Validate_Should_NameTheEntry_When_AReadableAttributeIsInvalid(string value)
    {
        var settings = Valid with { ReadableAttributes = FunctionSettings.FromVariables(n => n == "READABLE_ATTRIBUTES" ? value : null).ReadableAttributes };

        Assert.StartsWith("READABLE_ATTRIBUTES entry ", settings.Validate());
    }

    [Theory]
    [InlineData("admin|urn:cognito:loa:2|900")]
    [InlineData("admin||60;items|urn:cognito:loa:1|;me|urn:cognito:loa:4|86400")]
    [InlineData("")]
    public void Validate_Should_Pass_When_StepUpIsValid(string value) =>
        Assert.Null((Valid with { StepUp = value }).Validate());

    [Theory]
    [InlineData("orders|urn:cognito:loa:2|900")]
    [InlineData("admin|urn:cognito:loa:5|900")]
    [InlineData("admin|loa2|")]
    [InlineData("admin||")]
    [InlineData("admin||59")]
    [InlineData("admin||86401")]
    [InlineData("admin||15m")]
    [InlineData("admin|urn:cognito:loa:2")]
    [InlineData("admin|urn:cognito:loa:2|;admin||60")]
    [InlineData("admin|urn:cognito:loa:2|;")]
    public void Validate_Should_NameStepUp_When_ItIsInvalid(string value) =>
        AssertInvalid(Valid with { StepUp = value }, "STEP_UP");

    [Fact]
    public void FromVariables_Should_ReadStepUpRules_When_VariableIsSet()
    {
        var settings = FunctionSettings.FromVariables(name => name == "STEP_UP" ? "admin|urn:cognito:loa:2|900" : null);

        Assert.Equal([new CognitoStack.Contract.StepUpRule("admin", "urn:cognito:loa:2", 900)], settings.StepUpRuleList);
    }
}
