using System.Text.Json.Nodes;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

// V3_0 events: TokenGeneration_ClientCredentials (machine-to-machine access tokens) and user events.
public sealed class MachineTokenTests
{
    private const string IdToken = "idTokenGeneration";
    private const string AccessToken = "accessTokenGeneration";

    [Fact]
    public void Handle_Should_NameTheCallingClientInTheAccessToken_When_TokenIsForAMachine()
    {
        var answer = TestTriggers.PreToken().Send(Load(MachineToken));

        Assert.Equal("7m2machinecl13nt1dabcdefgh", answer.Claim(AccessToken, "machine_client_id"));
        Assert.Equal(["machine_client_id"], answer.TokenClaims(AccessToken)!.Select(c => c.Key));
    }

    [Fact]
    public void Handle_Should_WriteNoIdTokenChanges_When_TokenIsForAMachine()
    {
        var answer = TestTriggers.PreToken().Send(Load(MachineToken));

        Assert.Null(answer["response"]!["claimsAndScopeOverrideDetails"]![IdToken]);
    }

    [Fact]
    public void Handle_Should_AddNoUserClaims_When_MachineEventCarriesUserAttributesAndGroups()
    {
        var e = Load(MachineToken);
        e.Request()["userAttributes"] = new JsonObject { ["email"] = "a@example.com", ["email_verified"] = "true" };
        e.Request()["groupConfiguration"] = new JsonObject { ["groupsToOverride"] = new JsonArray("admin") };

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Equal(["machine_client_id"], answer.TokenClaims(AccessToken)!.Select(c => c.Key));
    }

    [Fact]
    public void Handle_Should_StillNameTheClient_When_AdminGroupIsNotConfigured()
    {
        var answer = TestTriggers.PreTokenWith("ADMIN_GROUP", null).Send(Load(MachineToken));

        Assert.Equal("7m2machinecl13nt1dabcdefgh", answer.Claim(AccessToken, "machine_client_id"));
    }

    [Fact]
    public void Handle_Should_LogTheClaimNamesOnly_When_TokenIsForAMachine()
    {
        using var log = new LogLines();

        TestTriggers.PreToken(log.Stream).Send(Load(MachineToken));

        var line = Assert.Single(log.Lines);
        Assert.Equal("claims added", line.Text("message"));
        Assert.Equal("machine_client_id", line.Text("claims"));
        Assert.Equal("TokenGeneration_ClientCredentials", line.Text("triggerSource"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bad id")]
    [InlineData("client/../id")]
    public void Handle_Should_ReturnTheEventUnchangedAndLogIt_When_ClientIdIsMissingOrInvalid(string? clientId)
    {
        using var log = new LogLines();
        var e = Load(MachineToken);
        e["callerContext"]!["clientId"] = clientId;
        var input = e.ToUtf8();

        var answer = TestTriggers.PreToken(log.Stream).Send(input);

        Assert.True(input.AsSpan().SequenceEqual(answer));
        Assert.Contains("callerContext.clientId", Assert.Single(log.Errors).Text("message"), StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_Should_AcceptTheLongestClientId()
    {
        var e = Load(MachineToken);
        e["callerContext"]!["clientId"] = new string('c', 128);

        var answer = TestTriggers.PreToken().Send(e);

        Assert.Equal(new string('c', 128), answer.Claim(AccessToken, "machine_client_id"));
    }

    [Fact]
    public void Handle_Should_ReturnTheEventUnchanged_When_ClientIdIsLongerThanCognitoAllows()
    {
        var e = Load(MachineToken);
        e["callerContext"]!["clientId"] = new string('c', 129);
        var input = e.ToUtf8();

        Assert.True(input.AsSpan().SequenceEqual(TestTriggers.PreToken().Send(input)));
    }

    [Fact]
    public void Handle_Should_AnswerAV3UserEventLikeAV2One()
    {
        var v2 = TestTriggers.PreToken().Send(Load(AdminRefresh));
        var v3 = TestTriggers.PreToken().Send(Load(AdminRefresh).With("version", "3"));

        Assert.Equal(v2["response"]!.ToJsonString(), v3["response"]!.ToJsonString());
        Assert.Equal("admin", v3.Claim(IdToken, "role_hint"));
    }

    [Fact]
    public void Handle_Should_KeepTheRestOfTheMachineEvent_When_AddingTheClaim()
    {
        var input = Load(MachineToken);

        var answer = TestTriggers.PreToken().Send(input);

        answer["response"] = null;
        input["response"] = null;
        Assert.True(JsonNode.DeepEquals(input, answer), answer.ToJsonString());
        Assert.Equal("nightly-report", (string?)answer.Request()["clientMetadata"]!["caller"]);
    }
}
