using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Lambda.Common.Signing;

// Usage: SignerChoice ours|sdk   (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN set, as in Lambda)
var started = Stopwatch.GetTimestamp();
var body = """{"UserPoolId":"eu-west-1_AbCdEf123","Limit":60}"""u8.ToArray();
var now = DateTimeOffset.UtcNow;
string authorization;
if (args.Length == 1 && args[0] == "ours")
{
    var credentials = new LambdaCredentials().GetCredentials();
    var amzDate = SigV4.FormatAmzDate(now);
    authorization = SigV4.Sign(new SigV4Request("POST", "/",
    [
        new("Content-Type", "application/x-amz-json-1.1"), new("Host", "cognito-idp.eu-west-1.amazonaws.com"),
        new("X-Amz-Date", amzDate), new("X-Amz-Security-Token", credentials.SessionToken!),
        new("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUsers"),
    ], body), credentials, "eu-west-1", "cognito-idp", now).Authorization;
}
else if (args.Length == 1 && args[0] == "sdk")
{
    // The SDK's default chain (environment variables first, as in Lambda) and its SigV4 signature over the same
    // canonical request (the SDK would build it from its own request object: this is the least it costs).
    var credentials = Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(null).GetCredentials();
    var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
    const string Signed = "content-type;host;x-amz-date;x-amz-security-token;x-amz-target";
    var canonical = $"POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:cognito-idp.eu-west-1.amazonaws.com\nx-amz-date:{amzDate}\nx-amz-security-token:{credentials.Token}\nx-amz-target:AWSCognitoIdentityProviderService.ListUsers\n\n{Signed}\n{Convert.ToHexStringLower(SHA256.HashData(body))}";
    var result = Amazon.Runtime.Internal.Auth.AWS4Signer.ComputeSignature(credentials, "eu-west-1", now.UtcDateTime, "cognito-idp", Signed, canonical);
    authorization = result.ForAuthorizationHeader;
}
else
{
    Console.Error.WriteLine("usage: SignerChoice ours|sdk");
    return 2;
}

var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[0]} {elapsed:0.0} ms {Encoding.ASCII.GetByteCount(authorization)} B"));
return 0;
