using System.Text;
using CognitoStack.Lambda.Common.Signing;

namespace CognitoStack.Lambda.Common.Tests;

/// Vectors from the AWS Signature Version 4 test suite (aws-sig-v4-test-suite, once published in the AWS
/// General Reference): credentials AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, region
/// us-east-1, service "service", time 20150830T123600Z. Each case's .creq, .sts and .authz files are the
/// expected canonical request, string to sign and Authorization header.
public sealed class SigV4Tests
{
    private const string SessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private static readonly DateTimeOffset Time = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private static SigV4Signature Sign(string method, (string Name, string Value)[] headers, string body = "", AwsCredentials? credentials = null) =>
        SigV4.Sign(
            new SigV4Request(method, "/", [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], Encoding.UTF8.GetBytes(body)),
            credentials ?? Credentials,
            "us-east-1",
            "service",
            Time);

    [Fact]
    public void Sign_Should_MatchAwsTestSuite_When_GetVanilla()
    {
        var signature = Sign("GET", [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")]);

        Assert.Equal(
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            signature.StringToSign);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            signature.Authorization);
    }

    [Fact]
    public void Sign_Should_MatchAwsTestSuite_When_PostXWwwFormUrlencoded()
    {
        var signature = Sign(
            "POST",
            [("Content-Type", "application/x-www-form-urlencoded"), ("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
            "Param1=value1");

        Assert.Equal(
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            + "content-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            + "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
            signature.StringToSign);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, "
            + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
            signature.Authorization);
    }

    [Fact]
    public void Sign_Should_MatchAwsTestSuite_When_PostStsHeaderBefore()
    {
        var credentials = new AwsCredentials(Credentials.AccessKeyId, Credentials.SecretAccessKey, SessionToken);

        var signature = Sign(
            "POST",
            [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z"), ("X-Amz-Security-Token", SessionToken)],
            credentials: credentials);

        Assert.Equal(
            "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:" + SessionToken + "\n\n"
            + "host;x-amz-date;x-amz-security-token\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, "
            + "Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead",
            signature.Authorization);
    }

    [Fact]
    public void Sign_Should_CollapseSpacesAndJoinRepeatedHeaders_When_CanonicalizingHeaders()
    {
        var signature = Sign(
            "GET",
            [("Host", "example.amazonaws.com"), ("My-Header1", "  value1   with  spaces "), ("my-header1", "value2"), ("X-Amz-Date", "20150830T123600Z")]);

        Assert.Contains("\nmy-header1:value1 with spaces,value2\n", signature.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_Should_Throw_When_XAmzDateDisagreesWithSigningTime()
    {
        Assert.Throws<ArgumentException>(() => Sign("GET", [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123601Z")]));
    }

    [Fact]
    public void Sign_Should_Throw_When_HostIsMissing()
    {
        Assert.Throws<ArgumentException>(() => Sign("GET", [("X-Amz-Date", "20150830T123600Z")]));
    }

    [Fact]
    public void Sign_Should_Throw_When_SessionTokenIsNotAmongTheHeaders()
    {
        var credentials = new AwsCredentials(Credentials.AccessKeyId, Credentials.SecretAccessKey, SessionToken);

        Assert.Throws<ArgumentException>(() =>
            Sign("GET", [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")], credentials: credentials));
    }

    [Fact]
    public void FormatAmzDate_Should_UseUtcBasicFormat_When_TimeHasAnOffset()
    {
        var time = new DateTimeOffset(2015, 8, 30, 14, 36, 0, TimeSpan.FromHours(2));

        Assert.Equal("20150830T123600Z", SigV4.FormatAmzDate(time));
    }

    [Fact]
    public void Credentials_Should_ShowOnlyAccessKeyId_When_Formatted()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", SessionToken);

        var text = credentials.ToString();

        Assert.Contains("AKIDEXAMPLE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AQoDYXdz", text, StringComparison.Ordinal);
    }
}
