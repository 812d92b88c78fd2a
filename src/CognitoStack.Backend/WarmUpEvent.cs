namespace CognitoStack.Backend;

/// <summary>
/// The event <see cref="Function"/> answers once while it initializes: a signed-in GET /me shaped like a
/// real API Gateway REST proxy event (headers, multi-value headers, request context, authorizer claims),
/// so the warm-up takes every branch of reading, routing and writing that a real request takes. Its
/// values are placeholders; the answer is discarded.
/// </summary>
internal static class WarmUpEvent
{
    /// <summary>The event's UTF-8 bytes (a new array each time: the caller wraps it in a stream).</summary>
    public static byte[] GetMeBytes =>
        """
        {"resource":"/me","path":"/me","httpMethod":"GET",
         "headers":{"Accept":"application/json","Authorization":"warm-up","origin":"https://warm-up.invalid","Host":"warm-up.invalid"},
         "multiValueHeaders":{"Accept":["application/json"],"origin":["https://warm-up.invalid"]},
         "queryStringParameters":null,"multiValueQueryStringParameters":null,"pathParameters":null,"stageVariables":null,
         "requestContext":{"resourceId":"warmup","resourcePath":"/me","httpMethod":"GET","requestId":"warm-up","stage":"warm-up",
          "requestTimeEpoch":0,"identity":{"sourceIp":"192.0.2.1","userAgent":"warm-up","caller":null},
          "authorizer":{"claims":{"sub":"00000000-0000-4000-8000-000000000000","cognito:groups":"warm-up","email_verified":"true",
           "cognito:username":"warm-up","token_use":"id","auth_time":"0","email":"warm-up@example.invalid"}}},
         "body":null,"isBase64Encoded":false}
        """u8.ToArray();
}
