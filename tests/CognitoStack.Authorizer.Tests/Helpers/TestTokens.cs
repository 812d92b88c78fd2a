using System.Text;

namespace CognitoStack.Authorizer.Tests.Helpers;

/// <summary>Cognito-shaped JWTs (header, payload, a dummy signature): the authorizer reads the payload only; Verified Permissions checks the signature.</summary>
internal static class TestTokens
{
    public const string Subject = "11111111-2222-3333-4444-555555555555";

    /// <summary>A token of <paramref name="tokenUse"/> for a member of admin and users with the read scope, plus <paramref name="extraClaims"/> (<c>,"name":value</c>…).</summary>
    public static string Token(string tokenUse, string extraClaims = "")
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("""{"kid":"k1","alg":"RS256"}""")}.{Part($$"""{"sub":"{{Subject}}","token_use":"{{tokenUse}}","cognito:groups":["admin","users"],"scope":"myapp-api/read"{{extraClaims}}}""")}.c2lnbmF0dXJl";
    }

    public static string Access(string extraClaims = "") => Token("access", extraClaims);
}
