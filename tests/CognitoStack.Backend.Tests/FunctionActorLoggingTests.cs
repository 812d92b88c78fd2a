using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoStack.Backend.Auth;
using CognitoStack.Backend.Tests.Helpers;
using static CognitoStack.Backend.Tests.Helpers.TestEvents;

namespace CognitoStack.Backend.Tests;

/// <summary>
/// The <c>act</c> claim of a derived token (token exchange, RFC 8693) in the request log: who acted (<c>actor</c>) for
/// whom (<c>onBehalfOf</c>), from a JWT authorizer's JSON-typed claims (an object) and from a Cognito authorizer's text
/// rendering (JSON text or the <c>{sub=…}</c> map form; the rendering of nested claims is not documented).
/// </summary>
public sealed class FunctionActorLoggingTests
{
    private const string Agent = "7ag3ntcl13nt1d0abcdefghijk";
    private const string User = "8f3b7c2a-1d4e-4a5b-9c6d-7e8f9a0b1c2d";

    public static TheoryData<JsonNode> ActRenderings => new()
    {
        new JsonObject { ["sub"] = Agent },
        JsonValue.Create($$"""{"sub":"{{Agent}}"}""")!,
        JsonValue.Create($"{{sub={Agent}, client_id={Agent}}}")!,
    };

    [Theory]
    [MemberData(nameof(ActRenderings))]
    public void Log_Should_NameTheActorAndTheUser_When_TheTokenCarriesAct(JsonNode act)
    {
        var (status, line) = Handle(Derived(act));

        Assert.Equal(200, status);
        Assert.Equal((Agent, User), (line.GetProperty("actor").GetString(), line.GetProperty("onBehalfOf").GetString()));
    }

    [Fact]
    public void Log_Should_SayUnreadable_When_ActNamesNoSub()
    {
        var (_, line) = Handle(Derived(new JsonObject { ["client_id"] = Agent }));

        Assert.Equal(Logging.Delegation.Unreadable, line.GetProperty("actor").GetString());
    }

    [Fact]
    public void Log_Should_HaveNoActor_When_TheTokenIsTheUsersOwn()
    {
        var (_, line) = Handle(Load(ListItems));

        Assert.False(line.TryGetProperty("actor", out _));
        Assert.False(line.TryGetProperty("onBehalfOf", out _));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("not an object", null)]
    [InlineData("""{"sub": 42}""", null)]
    [InlineData("""{"client_id":"a","sub":"b","act":{"sub":"c"}}""", "b")]
    [InlineData("{sub=b}", "b")]
    public void ActorClaim_Should_ReadTheOutermostSub(string? act, string? expected) =>
        Assert.Equal(expected, ActorClaim.Subject(act));

    [Fact]
    public void ActorClaim_Should_CutAnOverlongSub() =>
        Assert.Equal(ActorClaim.MaxLength, ActorClaim.Subject($$"""{"sub":"{{new string('a', 1_000)}}"}""")!.Length);

    /// <summary>GET /items with an audience-bound access token carrying <paramref name="act"/>.</summary>
    private static JsonObject Derived(JsonNode act)
    {
        var e = Load(ListItems).WithClaim("aud", "myapp-api");
        e.Claims()["act"] = act.DeepClone();
        return e;
    }

    private static (int Status, JsonElement Line) Handle(JsonObject e)
    {
        using var log = new MemoryStream();
        var response = TestFunction.Send(e, TestFunction.Create(log: log));
        return (response.StatusCode, JsonDocument.Parse(Encoding.UTF8.GetString(log.ToArray())).RootElement.Clone());
    }
}
