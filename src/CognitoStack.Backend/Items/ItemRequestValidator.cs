using System.Text;
using System.Text.Json;
using CognitoStack.Contract;
using CognitoStack.Lambda.Common;

namespace CognitoStack.Backend.Items;

/// <summary>
/// Validates a <c>POST /items</c> body against <see cref="NewItemRules"/> (the rules the API Gateway model is
/// generated from): a JSON object with <c>name</c> (string, 1-100 characters after trimming, no control
/// characters, required) and <c>quantity</c> (integer 0-1,000,000, optional, default 1), nothing else.
/// Read with <see cref="Utf8JsonReader"/> so every error names the field and what is allowed.
/// </summary>
public static class ItemRequestValidator
{
    /// <summary>Longest name, in UTF-16 code units after trimming.</summary>
    public const int MaxNameLength = NewItemRules.NameMaxLength;

    /// <summary>Largest quantity.</summary>
    public const long MaxQuantity = NewItemRules.QuantityMaximum;

    /// <summary>Quantity when the body leaves it out.</summary>
    public const long DefaultQuantity = NewItemRules.DefaultQuantity;

    private static readonly string NameRule = FormattableString.Invariant(
        $"{NewItemRules.Name} must be a string of {NewItemRules.NameMinLength}-{NewItemRules.NameMaxLength} characters");

    private static readonly string QuantityRule = FormattableString.Invariant(
        $"{NewItemRules.Quantity} must be an integer from {NewItemRules.QuantityMinimum} to {NewItemRules.QuantityMaximum}");

    private static readonly string ObjectRule = $"body must be a JSON object with {NewItemRules.Name} and {NewItemRules.Quantity}";

    /// <summary>Validates UTF-8 JSON body bytes.</summary>
    /// <param name="utf8Json">The request body.</param>
    public static ItemValidationResult Validate(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return ValidateObject(utf8Json);
        }
        catch (JsonException)
        {
            return ItemValidationResult.Invalid("body must be a JSON object: it is not valid JSON");
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString on invalid UTF-8.
            return ItemValidationResult.Invalid("body must be valid UTF-8 JSON");
        }
    }

    private static ItemValidationResult ValidateObject(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return ItemValidationResult.Invalid(ObjectRule);
        }

        string? name = null;
        long? quantity = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var error = reader.ValueTextEquals(NewItemRules.Name) ? ReadName(ref reader, ref name)
                : reader.ValueTextEquals(NewItemRules.Quantity) ? ReadQuantity(ref reader, ref quantity)
                : $"unknown property {Quote.Value(reader.GetString(), 40)}: only {NewItemRules.Name} and {NewItemRules.Quantity} are allowed";
            if (error is not null)
            {
                return ItemValidationResult.Invalid(error);
            }
        }

        // Anything after the object (a second value) makes the reader throw, handled as not JSON.
        while (reader.Read())
        {
        }

        return name is null
            ? ItemValidationResult.Invalid($"{NameRule}: it is missing")
            : ItemValidationResult.Valid(new ItemRequest(name, quantity ?? DefaultQuantity));
    }

    private static string? ReadName(ref Utf8JsonReader reader, ref string? name)
    {
        if (name is not null)
        {
            return $"{NewItemRules.Name} must appear only once";
        }

        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            return $"{NameRule}: it is {Kind(reader.TokenType)}";
        }

        var text = reader.GetString()!.Trim();
        if (text.Length is < NewItemRules.NameMinLength or > MaxNameLength)
        {
            return $"{NameRule}: it is {text.Length} characters long after trimming";
        }

        if (text.Any(char.IsControl))
        {
            return $"{NameRule} without control characters";
        }

        name = text;
        return null;
    }

    private static string? ReadQuantity(ref Utf8JsonReader reader, ref long? quantity)
    {
        if (quantity is not null)
        {
            return $"{NewItemRules.Quantity} must appear only once";
        }

        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            return $"{QuantityRule}: it is {Kind(reader.TokenType)}";
        }

        if (!reader.TryGetInt64(out var value) || value is < NewItemRules.QuantityMinimum or > MaxQuantity)
        {
            return $"{QuantityRule}: it is {Quote.Value(Encoding.UTF8.GetString(reader.ValueSpan), 40)}";
        }

        quantity = value;
        return null;
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        _ => "an object",
    };
}
