using System.Buffers;
using System.Text.Json;

namespace CognitoStack.Authorizer;

/// <summary>
/// The authorizer's answer: a principal ID, an IAM policy for exactly the method ARN (API Gateway caches it per
/// identity-source values, which name the token, method and path, so it must not grant more than this request), and
/// on Allow a context the backend reads as the caller's claims
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html).
/// </summary>
internal static class IamPolicy
{
    /// <summary>The answer's JSON.</summary>
    /// <param name="principalId">The token's <c>sub</c>.</param>
    /// <param name="effect"><c>Allow</c> or <c>Deny</c>.</param>
    /// <param name="methodArn">The event's method ARN.</param>
    /// <param name="action">The Verified Permissions action allowed, for the context; null on Deny.</param>
    /// <param name="claims">The token's claims for the context; null on Deny.</param>
    public static byte[] Write(string principalId, string effect, string methodArn, string? action, IReadOnlyDictionary<string, string>? claims)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("principalId"u8, principalId);
            w.WriteStartObject("policyDocument"u8);
            w.WriteString("Version"u8, "2012-10-17");
            w.WriteStartArray("Statement"u8);
            w.WriteStartObject();
            w.WriteString("Action"u8, "execute-api:Invoke");
            w.WriteString("Effect"u8, effect);
            w.WriteString("Resource"u8, methodArn);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            if (action is not null && claims is not null)
            {
                w.WriteStartObject("context"u8);
                foreach (var (name, value) in claims.OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    w.WriteString(name, value);
                }

                w.WriteString(AuthorizerContext.Action, action);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>Names the authorizer adds to its context besides the token's claims.</summary>
public static class AuthorizerContext
{
    /// <summary>The Verified Permissions action that was allowed, e.g. <c>GET /items</c>.</summary>
    public const string Action = "vp_action";
}
