namespace CognitoStack.Backend.Items;

/// <summary>A validated <c>POST /items</c> body.</summary>
/// <param name="Name">The item name, trimmed, 1-100 characters.</param>
/// <param name="Quantity">0-1,000,000; 1 when the body left it out.</param>
public sealed record ItemRequest(string Name, long Quantity);

/// <summary>The outcome of validating a <c>POST /items</c> body: a request, or an error message.</summary>
/// <param name="Request">The valid request; null when invalid.</param>
/// <param name="Error">What is wrong and what is allowed; null when valid.</param>
public sealed record ItemValidationResult(ItemRequest? Request, string? Error)
{
    /// <summary>A valid outcome.</summary>
    /// <param name="request">The validated request.</param>
    public static ItemValidationResult Valid(ItemRequest request) => new(request, null);

    /// <summary>An invalid outcome.</summary>
    /// <param name="error">What is wrong and what is allowed.</param>
    public static ItemValidationResult Invalid(string error) => new(null, error);
}
