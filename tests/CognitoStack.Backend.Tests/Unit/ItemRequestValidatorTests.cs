using System.Text;
using CognitoStack.Backend.Items;

namespace CognitoStack.Backend.Tests.Unit;

public sealed class ItemRequestValidatorTests
{
    private static ItemValidationResult Validate(string json) => ItemRequestValidator.Validate(Encoding.UTF8.GetBytes(json));

    private static string NameOfLength(int length) => $$"""{ "name": "{{new string('n', length)}}" }""";

    private static string Quantity(string quantity) => $$"""{ "name": "Stapler", "quantity": {{quantity}} }""";

    private static void AssertInvalid(ItemValidationResult result, string expectedStart)
    {
        Assert.Null(result.Request);
        Assert.StartsWith(expectedStart, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Should_Fail_When_NameIsEmpty() =>
        AssertInvalid(Validate(NameOfLength(0)), "name must be a string of 1-100 characters");

    [Fact]
    public void Validate_Should_Fail_When_NameIsOnlyWhiteSpace() =>
        AssertInvalid(Validate("""{ "name": "   " }"""), "name must be a string of 1-100 characters");

    [Fact]
    public void Validate_Should_Pass_When_NameHasOneCharacter() =>
        Assert.Equal("n", Validate(NameOfLength(1)).Request!.Name);

    [Fact]
    public void Validate_Should_Pass_When_NameHas100Characters() =>
        Assert.Equal(100, Validate(NameOfLength(100)).Request!.Name.Length);

    [Fact]
    public void Validate_Should_Fail_When_NameHas101Characters() =>
        AssertInvalid(Validate(NameOfLength(101)), "name must be a string of 1-100 characters");

    [Fact]
    public void Validate_Should_Pass_When_NameHas100CharactersAfterTrimming() =>
        Assert.NotNull(Validate($$"""{ "name": "  {{new string('n', 100)}}  " }""").Request);

    [Fact]
    public void Validate_Should_Fail_When_NameIsMissing() =>
        AssertInvalid(Validate("""{ "quantity": 2 }"""), "name must be a string of 1-100 characters: it is missing");

    [Theory]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    [InlineData("true", "a boolean")]
    [InlineData("[\"a\"]", "an array")]
    [InlineData("{}", "an object")]
    public void Validate_Should_Fail_When_NameIsNotAString(string name, string kind) =>
        AssertInvalid(Validate($$"""{ "name": {{name}} }"""), $"name must be a string of 1-100 characters: it is {kind}");

    [Fact]
    public void Validate_Should_Fail_When_NameHasControlCharacters() =>
        AssertInvalid(Validate("""{ "name": "a\u0000b" }"""), "name must be a string of 1-100 characters");

    [Fact]
    public void Validate_Should_Fail_When_QuantityIsMinusOne() =>
        AssertInvalid(Validate(Quantity("-1")), "quantity must be an integer from 0 to 1000000");

    [Fact]
    public void Validate_Should_Pass_When_QuantityIsZero() =>
        Assert.Equal(0, Validate(Quantity("0")).Request!.Quantity);

    [Fact]
    public void Validate_Should_Pass_When_QuantityIsOneMillion() =>
        Assert.Equal(1_000_000, Validate(Quantity("1000000")).Request!.Quantity);

    [Fact]
    public void Validate_Should_Fail_When_QuantityIsOneMillionAndOne() =>
        AssertInvalid(Validate(Quantity("1000001")), "quantity must be an integer from 0 to 1000000");

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("99999999999999999999999")]
    public void Validate_Should_Fail_When_QuantityIsNotAnInteger(string quantity) =>
        AssertInvalid(Validate(Quantity(quantity)), "quantity must be an integer from 0 to 1000000");

    [Theory]
    [InlineData("\"3\"")]
    [InlineData("null")]
    [InlineData("[3]")]
    public void Validate_Should_Fail_When_QuantityIsNotANumber(string quantity) =>
        AssertInvalid(Validate(Quantity(quantity)), "quantity must be an integer from 0 to 1000000: it is");

    [Fact]
    public void Validate_Should_DefaultQuantityToOne_When_QuantityIsLeftOut() =>
        Assert.Equal(1, Validate(NameOfLength(5)).Request!.Quantity);

    [Fact]
    public void Validate_Should_Fail_When_BodyHasAnExtraProperty() =>
        AssertInvalid(Validate("""{ "name": "Stapler", "price": 3 }"""), "unknown property \"price\": only name and quantity are allowed");

    [Fact]
    public void Validate_Should_Fail_When_PropertyAppearsTwice() =>
        AssertInvalid(Validate("""{ "name": "a", "name": "b" }"""), "name must appear only once");

    [Theory]
    [InlineData("[]")]
    [InlineData("\"Stapler\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Validate_Should_Fail_When_BodyIsNotAnObject(string json) =>
        AssertInvalid(Validate(json), "body must be a JSON object");

    [Theory]
    [InlineData("{")]
    [InlineData("{ \"name\": \"a\" } {}")]
    [InlineData("")]
    public void Validate_Should_Fail_When_BodyIsNotValidJson(string json) =>
        AssertInvalid(Validate(json), "body must be");

    [Fact]
    public void Validate_Should_Fail_When_BodyIsInvalidUtf8() =>
        AssertInvalid(ItemRequestValidator.Validate([(byte)'{', (byte)'"', (byte)'n', (byte)'a', (byte)'m', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}']), "body must be");
}
