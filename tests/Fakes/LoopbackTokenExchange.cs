using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Tests.Loopback;

namespace CognitoStack.Fakes;

/// <summary>
/// A fake of Cognito's <c>GetDerivedToken</c> (token exchange, 2026-11-12) on 127.0.0.1: cognito-local 5.3 has no such
/// operation. It takes what the API reference lists, AWS JSON 1.1 with <c>X-Amz-Target:
/// AWSCognitoIdentityProviderService.GetDerivedToken</c>
/// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDerivedToken.html):
/// <c>ClientId</c>, <c>ClientSecret</c>, <c>SubjectToken</c>, <c>SubjectTokenType</c>, optional <c>ActorToken</c> and
/// <c>ActorTokenType</c>, <c>Audiences</c>, <c>Scopes</c> and <c>RequestedTokenType</c>; and answers <c>IssuedToken</c>,
/// <c>IssuedTokenType</c>, <c>TokenType</c>, <c>ExpiresIn</c> and <c>Scopes</c>, never a refresh token. As the developer
/// guide describes the issued token (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-token-exchange.html):
/// an access token of the same user, one audience (<c>aud</c>), scopes narrowed to what was asked and allowed, and with an
/// actor token an <c>act</c> claim naming the actor. The requesting client needs <c>ALLOW_TOKEN_EXCHANGE_DELEGATION</c>
/// to present an actor token and <c>ALLOW_TOKEN_EXCHANGE_IMPERSONATION</c> to present none.
/// </summary>
/// <remarks>
/// What is the fake's own choice (the stored reference showed no errors section): the error types, taken from
/// Cognito's common ones — <c>ResourceNotFoundException</c> (unknown client), <c>NotAuthorizedException</c> (wrong
/// secret, a client without the flow, a subject or actor token this pool did not sign or that expired),
/// <c>InvalidParameterException</c> (a missing member, an audience or scope the client may not have, more than one
/// audience). The token type URNs are RFC 8693's. Tokens are RS256 JWTs signed with a key of the fake's own.
/// </remarks>
internal sealed class LoopbackTokenExchange : IDisposable
{
    /// <summary>RFC 8693's token type of an access token.</summary>
    public const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";

    /// <summary>Seconds an issued token lives.</summary>
    public const int ExpiresIn = 900;

    private readonly LoopbackListener _listener;
    private readonly RSA _key = RSA.Create(2048);
    private readonly TimeProvider _clock;

    /// <summary>Starts a fake pool that knows <paramref name="clients"/>.</summary>
    public LoopbackTokenExchange(IReadOnlyList<FakeClient> clients, string issuer, TimeProvider? clock = null)
    {
        Clients = clients;
        Issuer = issuer;
        _clock = clock ?? TimeProvider.System;
        _listener = new LoopbackListener(AnswerAsync);
    }

    /// <summary>Where the fake listens.</summary>
    public Uri Endpoint => _listener.Url;

    /// <summary>The <c>iss</c> of every token the fake signs.</summary>
    public string Issuer { get; }

    /// <summary>The app clients of the fake pool.</summary>
    public IReadOnlyList<FakeClient> Clients { get; }

    /// <summary>The requests answered, errors included.</summary>
    public int Requests { get; private set; }

    /// <summary>A user's access token, as sign-in through <paramref name="clientId"/> would give it.</summary>
    public string UserAccessToken(string sub, string username, IReadOnlyList<string> groups, string scope, string clientId) =>
        Sign(new JsonObject
        {
            ["sub"] = sub,
            ["cognito:groups"] = new JsonArray([.. groups.Select(g => (JsonNode)g)]),
            ["iss"] = Issuer,
            ["version"] = 2,
            ["client_id"] = clientId,
            ["token_use"] = "access",
            ["scope"] = scope,
            ["auth_time"] = Now - 60,
            ["iat"] = Now - 60,
            ["exp"] = Now + 3_540,
            ["jti"] = Guid.NewGuid().ToString(),
            ["username"] = username,
        });

    /// <summary>A client-credentials access token of <paramref name="clientId"/>: what an agent presents as its actor token.</summary>
    public string ClientCredentialsToken(string clientId, string scope) => Sign(new JsonObject
    {
        ["sub"] = clientId,
        ["iss"] = Issuer,
        ["version"] = 2,
        ["client_id"] = clientId,
        ["token_use"] = "access",
        ["scope"] = scope,
        ["auth_time"] = Now,
        ["iat"] = Now,
        ["exp"] = Now + 3_600,
        ["jti"] = Guid.NewGuid().ToString(),
    });

    /// <summary>The claims of a token this fake signed and that has not expired; null otherwise.</summary>
    public JsonObject? Verify(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 }
            || !_key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return null;
        }

        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        return (long)claims["exp"]! > Now ? claims : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _listener.Dispose();
        _key.Dispose();
    }

    private long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

    private string Sign(JsonObject claims)
    {
        var header = Base64Url.EncodeToString("""{"kid":"loopback","alg":"RS256"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var (status, answer) = context.Request.Headers["X-Amz-Target"] == "AWSCognitoIdentityProviderService.GetDerivedToken"
            ? Exchange(JsonNode.Parse(body)?.AsObject() ?? [])
            : Error("UnknownOperationException", "only GetDerivedToken is served");
        Requests++;
        var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    private (int, JsonObject) Exchange(JsonObject request)
    {
        var client = Clients.FirstOrDefault(c => c.ClientId == (string?)request["ClientId"]);
        if (client is null)
        {
            return Error("ResourceNotFoundException", "User pool client does not exist.");
        }

        if (client.ClientSecret != (string?)request["ClientSecret"])
        {
            return Error("NotAuthorizedException", "Client secret is missing or wrong.");
        }

        if ((string?)request["SubjectTokenType"] != AccessTokenType || Strings(request["Audiences"]) is not [var audience])
        {
            return Error("InvalidParameterException", "SubjectTokenType must be an access token type, and Audiences name one audience.");
        }

        var subject = Verify((string?)request["SubjectToken"]);
        var actorToken = (string?)request["ActorToken"];
        var actor = actorToken is null ? null : Verify(actorToken);
        if (subject is null || (actorToken is not null && (actor is null || (string?)request["ActorTokenType"] != AccessTokenType)))
        {
            return Error("NotAuthorizedException", "Invalid subject or actor token.");
        }

        if (actorToken is null ? !client.Impersonation : !client.Delegation)
        {
            return Error("NotAuthorizedException", $"Client is not enabled for {(actorToken is null ? "ALLOW_TOKEN_EXCHANGE_IMPERSONATION" : "ALLOW_TOKEN_EXCHANGE_DELEGATION")}.");
        }

        var asked = Strings(request["Scopes"]);
        if (!client.Audiences.Contains(audience) || asked.Count == 0 || asked.Any(s => !client.Scopes.Contains(s)))
        {
            return Error("InvalidParameterException", "The audience or a scope is not allowed for this client.");
        }

        // Narrowed: never more than the subject token itself carries.
        var held = ((string?)subject["scope"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var granted = asked.Where(held.Contains).ToList();
        if (granted.Count == 0)
        {
            return Error("InvalidParameterException", "None of the requested scopes is in the subject token.");
        }

        var issued = new JsonObject
        {
            ["sub"] = (string?)subject["sub"],
            ["cognito:groups"] = subject["cognito:groups"]?.DeepClone(),
            ["iss"] = Issuer,
            ["version"] = 2,
            ["aud"] = audience,
            ["client_id"] = client.ClientId,
            ["token_use"] = "access",
            ["scope"] = string.Join(' ', granted),
            ["auth_time"] = subject["auth_time"]?.DeepClone(),
            ["iat"] = Now,
            ["exp"] = Now + ExpiresIn,
            ["jti"] = Guid.NewGuid().ToString(),
            ["username"] = (string?)subject["username"],
        };
        if (actor is not null)
        {
            issued["act"] = new JsonObject { ["sub"] = (string?)actor["sub"] };
        }

        return (200, new JsonObject
        {
            ["IssuedToken"] = Sign(issued),
            ["IssuedTokenType"] = AccessTokenType,
            ["TokenType"] = "Bearer",
            ["ExpiresIn"] = ExpiresIn,
            ["Scopes"] = new JsonArray([.. granted.Select(s => (JsonNode)s)]),
        });
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")] : [];

    private static (int, JsonObject) Error(string type, string message) =>
        (400, new JsonObject { ["__type"] = type, ["message"] = message });
}

/// <summary>An app client of <see cref="LoopbackTokenExchange"/>: its secret, flows, audiences and scopes.</summary>
internal sealed record FakeClient(string ClientId, string ClientSecret, bool Delegation, bool Impersonation,
    IReadOnlyList<string> Audiences, IReadOnlyList<string> Scopes);
