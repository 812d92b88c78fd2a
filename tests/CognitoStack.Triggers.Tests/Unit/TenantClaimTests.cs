using CognitoStack.Triggers.Claims;

namespace CognitoStack.Triggers.Tests.Unit;

public sealed class TenantClaimTests
{
    private static string Label(int length) => new('d', length);

    [Fact]
    public void FromEmail_Should_ReturnDomain_When_LocalPartIsExactly64Characters()
    {
        Assert.Equal("example.com", TenantClaim.FromEmail(new string('l', 64) + "@example.com", "true"));
    }

    [Fact]
    public void FromEmail_Should_ReturnNull_When_LocalPartIs65Characters()
    {
        Assert.Null(TenantClaim.FromEmail(new string('l', 65) + "@example.com", "true"));
    }

    [Fact]
    public void FromEmail_Should_ReturnDomain_When_LabelIsExactly63Characters()
    {
        Assert.Equal(Label(63) + ".com", TenantClaim.FromEmail($"jane@{Label(63)}.com", "true"));
    }

    [Fact]
    public void FromEmail_Should_ReturnNull_When_LabelIs64Characters()
    {
        Assert.Null(TenantClaim.FromEmail($"jane@{Label(64)}.com", "true"));
    }

    [Fact]
    public void FromEmail_Should_ReturnNull_When_AddressIs255Characters()
    {
        var domain = $"{Label(63)}.{Label(63)}.{Label(62)}";

        Assert.Null(TenantClaim.FromEmail(new string('l', 64) + "@" + domain, "true"));
    }

    [Fact]
    public void FromEmail_Should_ReturnDomain_When_AddressIsExactly254Characters()
    {
        var domain = $"{Label(63)}.{Label(63)}.{Label(61)}";

        Assert.Equal(domain, TenantClaim.FromEmail(new string('l', 64) + "@" + domain, "true"));
    }

    [Theory]
    [InlineData("jane+tag@example.com", "example.com")]
    [InlineData("j.doe@xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("a@b.co", "b.co")]
    [InlineData("jane@sub-domain.Example.IO", "sub-domain.example.io")]
    public void FromEmail_Should_ReturnLowerCaseDomain_When_AddressIsValid(string email, string tenant)
    {
        Assert.Equal(tenant, TenantClaim.FromEmail(email, "true"));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("True")]
    [InlineData("")]
    [InlineData(null)]
    public void FromEmail_Should_ReturnNull_When_EmailIsNotVerified(string? verified)
    {
        Assert.Null(TenantClaim.FromEmail("jane@example.com", verified));
    }
}
