using System.Text;
using System.Text.Json;

namespace CognitoStack.Backend.Auth;

/// <summary>
/// Reads the actor out of an RFC 8693 <c>act</c> claim (https://www.rfc-editor.org/rfc/rfc8693#section-4.1): an object
/// whose <c>sub</c> names who acts for the token's subject. Cognito adds it to a token derived with an actor token
/// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDerivedToken.html).
/// </summary>
/// <remarks>
/// A JWT authorizer hands the claim over as a JSON object, which <see cref="Events.ClaimsConverter"/> keeps as JSON
/// text. How a Cognito user pools authorizer renders a nested claim is not documented: JSON text and the
/// <c>{sub=…, client_id=…}</c> map form are both read. Only the outermost actor (the current one) is returned.
/// </remarks>
public static class ActorClaim
{
    /// <summary>The longest actor id returned; a longer one is cut, so a log line stays bounded.</summary>
    public const int MaxLength = 256;

    /// <summary>The actor's <c>sub</c>, or null when <paramref name="act"/> is absent or has none.</summary>
    /// <param name="act">The <c>act</c> claim as the authorizer rendered it.</param>
    public static string? Subject(string? act)
    {
        var text = act?.Trim();
        if (string.IsNullOrEmpty(text) || text[0] != '{')
        {
            return null;
        }

        var sub = FromJson(text) ?? FromMap(text);
        return sub is null || sub.Length == 0 ? null : sub.Length <= MaxLength ? sub : sub[..MaxLength];
    }

    private static string? FromJson(string text)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSub = reader.ValueTextEquals("sub"u8);
                reader.Read();
                if (isSub)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? FromMap(string text)
    {
        var inner = text.AsSpan(1, text.Length - (text[^1] == '}' ? 2 : 1));
        foreach (var range in inner.Split(','))
        {
            var pair = inner[range];
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair[..equals].Trim().SequenceEqual("sub"))
            {
                return pair[(equals + 1)..].Trim().ToString();
            }
        }

        return null;
    }
}
