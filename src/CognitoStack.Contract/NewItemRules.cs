namespace CognitoStack.Contract;

/// <summary>
/// The rules of a <c>POST /items</c> body: a JSON object with <see cref="Name"/> (required string) and
/// <see cref="Quantity"/> (optional integer), nothing else. The backend's validator enforces them and the
/// CDK app generates the API Gateway request model from them, so the gateway and the function cannot
/// disagree on a limit.
/// </summary>
/// <remarks>
/// The gateway counts the name's length as sent; the backend trims white space first and also refuses
/// control characters, so it is the stricter of the two: anything the backend accepts, the model accepts
/// too, unless the name is padded with white space beyond <see cref="NameMaxLength"/>.
/// </remarks>
public static class NewItemRules
{
    /// <summary>The name property.</summary>
    public const string Name = "name";

    /// <summary>The quantity property.</summary>
    public const string Quantity = "quantity";

    /// <summary>Shortest name, in UTF-16 code units (after trimming, in the backend).</summary>
    public const int NameMinLength = 1;

    /// <summary>Longest name, in UTF-16 code units (after trimming, in the backend).</summary>
    public const int NameMaxLength = 100;

    /// <summary>Smallest quantity.</summary>
    public const long QuantityMinimum = 0;

    /// <summary>Largest quantity.</summary>
    public const long QuantityMaximum = 1_000_000;

    /// <summary>Quantity when the body leaves it out.</summary>
    public const long DefaultQuantity = 1;

    /// <summary>Properties a body must have.</summary>
    public static IReadOnlyList<string> Required { get; } = [Name];
}
