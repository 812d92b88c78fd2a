using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

public sealed class InboundFederationTests
{
    [Fact]
    public void InboundFederation_Should_MapTheSamlGroupClaimAndKeepEmailAndName()
    {
        var answer = TestTriggers.InboundFederation().Send(Load(SamlFederation));

        var mapped = answer["response"]!["userAttributesToMap"]!.AsObject();
        Assert.Equal("engineering,admins-eu", (string?)mapped["custom:groups"]);
        Assert.Equal("jane.doe@corp.example.com", (string?)mapped["email"]);
        Assert.Equal("Jane Doe", (string?)mapped["name"]);
        Assert.Equal(3, mapped.Count);
    }

    [Fact]
    public void InboundFederation_Should_JoinAListClaim_When_AnOidcProviderSendsOne()
    {
        var answer = TestTriggers.InboundFederation().Send(Load(OidcFederation));

        Assert.Equal("engineering,admins-eu", (string?)answer["response"]!["userAttributesToMap"]!["custom:groups"]);
    }

    [Fact]
    public void InboundFederation_Should_NeverCopyOrLogTheProvidersTokens()
    {
        using var log = new LogLines();

        var answer = TestTriggers.InboundFederation(log.Stream).Send(Load(OidcFederation));

        Assert.DoesNotContain("not-a-real-token", answer["response"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("engineering", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void InboundFederation_Should_ReturnTheEventUnchanged_When_TheProviderHasNoMapping()
    {
        var e = Load(SamlFederation);
        e.Request()["providerName"] = "PartnerSaml";

        Assert.Equal(e.ToUtf8(), TestTriggers.InboundFederation().Send(e.ToUtf8()));
    }

    [Fact]
    public void InboundFederation_Should_LeaveOutAndLog_When_AValueIsLongerThanCognitoStores()
    {
        using var log = new LogLines();
        var e = Load(SamlFederation);
        e.Request()["attributes"]!["samlResponse"]!["http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"] = new string('g', 2_049);

        var answer = TestTriggers.InboundFederation(log.Stream).Send(e);

        Assert.Null(answer["response"]!["userAttributesToMap"]!["custom:groups"]);
        Assert.Equal("custom:groups", Assert.Single(log.Errors).Text("claims"));
    }

    [Fact]
    public void InboundFederation_Should_MapAValueOfExactlyTheLimit()
    {
        var e = Load(SamlFederation);
        e.Request()["attributes"]!["samlResponse"]!["http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"] = new string('g', 2_048);

        Assert.Equal(2_048, ((string?)TestTriggers.InboundFederation().Send(e)["response"]!["userAttributesToMap"]!["custom:groups"])!.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""[{"provider":"CorpSaml","claim":"x","attribute":"custom:bad name"}]""")]
    [InlineData("""[{"provider":"","claim":"x","attribute":"custom:groups"}]""")]
    [InlineData("""[null]""")]
    public void InboundFederation_Should_MapNothingAndLog_When_TheConfigurationIsInvalid(string? mappings)
    {
        using var log = new LogLines();
        var trigger = TestTriggers.InboundFederation(log.Stream, mappings);
        var e = Load(SamlFederation).ToUtf8();

        Assert.Equal(e, trigger.Send(e));
        Assert.Equal(2, log.Errors.Count);
    }

    [Fact]
    public void InboundFederation_Should_ReturnTheEventUnchanged_When_TheTriggerSourceIsAnother()
    {
        var e = Load(SamlFederation).With("triggerSource", "PreSignUp_ExternalProvider").ToUtf8();

        Assert.Equal(e, TestTriggers.InboundFederation().Send(e));
    }

    [Fact]
    public void InboundFederation_Should_AnswerEmptyObject_When_TheInputIsNotAnObject() =>
        Assert.Equal("{}"u8.ToArray(), TestTriggers.InboundFederation().Send(Encoding.UTF8.GetBytes("\"x\"")));

    [Fact]
    public void InboundFederation_Should_IgnoreNestedObjects_When_AClaimIsOne()
    {
        var e = Load(OidcFederation);
        e.Request()["attributes"]!["userInfo"]!["groups"] = new JsonObject { ["a"] = "b" };

        Assert.Null(TestTriggers.InboundFederation().Send(e)["response"]!["userAttributesToMap"]!["custom:groups"]);
    }
}
