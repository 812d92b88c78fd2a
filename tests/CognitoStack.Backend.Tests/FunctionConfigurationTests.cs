using CognitoStack.Backend.Tests.Helpers;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

public sealed class FunctionConfigurationTests
{
    private static readonly Dictionary<string, string> ValidVariables = new()
    {
        ["ENVIRONMENT_NAME"] = "dev",
        ["ADMIN_GROUP"] = "admin",
        ["READ_SCOPE"] = "myapp-api/read",
        ["WRITE_SCOPE"] = "myapp-api/write",
        ["ALLOWED_ORIGINS"] = "http://localhost:3000,http://localhost:5173",
    };

    private static Function FromVariables(string? name = null, string? value = null)
    {
        var variables = new Dictionary<string, string>(ValidVariables);
        if (name is not null)
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        return new Function(n => variables.GetValueOrDefault(n), Stream.Null);
    }

    [Fact]
    public void Function_Should_Answer_When_VariablesAreValid()
    {
        var response = TestFunction.Send(Load(MeIdToken), FromVariables());

        Assert.Equal(200, response.StatusCode);
    }

    [Theory]
    [InlineData("ENVIRONMENT_NAME", null)]
    [InlineData("ADMIN_GROUP", "")]
    [InlineData("READ_SCOPE", "read")]
    [InlineData("WRITE_SCOPE", "myapp-api/ write")]
    [InlineData("ALLOWED_ORIGINS", "http://localhost:3000/")]
    public void Function_Should_Answer500NamingTheVariable_When_VariableIsInvalid(string name, string? value)
    {
        var response = TestFunction.Send(Load(MeIdToken), FromVariables(name, value));

        Assert.Equal(500, response.StatusCode);
        Assert.Equal("internal_error", response.Error);
        Assert.Contains(name, response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_Should_Answer500_When_EventIsMalformedAndConfigurationIsInvalid()
    {
        var function = FromVariables("ADMIN_GROUP", null);

        var response = TestFunction.Send(Load(MeNoAuthorizer), function);

        Assert.Equal(500, response.StatusCode);
        Assert.Contains("ADMIN_GROUP", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_Should_Answer500_When_SettingsObjectIsInvalid()
    {
        var function = TestFunction.Create(TestFunction.Settings with { AllowedOrigins = [] });

        var response = TestFunction.Send(Load(MeIdToken), function);

        Assert.Equal(500, response.StatusCode);
        Assert.Contains("ALLOWED_ORIGINS", response.Message, StringComparison.Ordinal);
    }
}
