using CognitoStack.Contract;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary><c>api.stepUp</c>: route groups, levels, the max-age range and the feature-plan rule.</summary>
public sealed class StepUpSettingsTests
{
    [Fact]
    public void StepUp_Should_BeEmpty_When_LeftOut() =>
        Assert.Empty(Load().Api.StepUp);

    [Fact]
    public void StepUp_Should_LoadRulesInSeconds_When_Valid()
    {
        var settings = Load(SetJson("api.stepUp", """{"admin": {"acr": "urn:cognito:loa:2", "maxAgeMinutes": 15}, "items": {"maxAgeMinutes": 1440}, "me": {"acr": "urn:cognito:loa:1"}}"""));

        Assert.Equal(
            [new StepUpRule("me", "urn:cognito:loa:1", null), new StepUpRule("admin", "urn:cognito:loa:2", 900), new StepUpRule("items", null, 86_400)],
            settings.Api.StepUp);
    }

    [Fact]
    public void StepUp_Should_NameTheGroups_When_RouteGroupIsUnknown() =>
        Assert.Equal($"{Key("api.stepUp.orders")} is not a known setting: use one of admin, items, me",
            Error(SetJson("api.stepUp", """{"orders": {"acr": "urn:cognito:loa:2"}}""")));

    [Theory]
    [InlineData("urn:cognito:loa:0")]
    [InlineData("urn:cognito:loa:5")]
    [InlineData("URN:COGNITO:LOA:2")]
    [InlineData("loa2")]
    public void Acr_Should_Fail_When_NotACognitoLevel(string acr) =>
        Assert.StartsWith(Invalid("api.stepUp.admin.acr", Received(acr), "use one of urn:cognito:loa:1, urn:cognito:loa:2"),
            Error(SetJson("api.stepUp", $$"""{"admin": {"acr": "{{acr}}"} }""")));

    [Theory]
    [InlineData("urn:cognito:loa:1")]
    [InlineData("urn:cognito:loa:4")]
    public void Acr_Should_Load_When_ItIsTheWeakestOrStrongestLevel(string acr) =>
        Assert.Equal(acr, Load(SetJson("api.stepUp", $$"""{"admin": {"acr": "{{acr}}"} }""")).Api.StepUp[0].Acr);

    [Theory]
    [InlineData(0)]
    [InlineData(1441)]
    public void MaxAgeMinutes_Should_Fail_When_OutOfRange(int minutes) =>
        Assert.StartsWith(Invalid("api.stepUp.admin.maxAgeMinutes", Received(minutes), "use a whole number of minutes from 1 to 1440"),
            Error(SetJson("api.stepUp", $$"""{"admin": {"maxAgeMinutes": {{minutes}} } }""")));

    [Theory]
    [InlineData(1, 60)]
    [InlineData(1440, 86_400)]
    public void MaxAgeMinutes_Should_Load_When_AtALimit(int minutes, int seconds) =>
        Assert.Equal(seconds, Load(SetJson("api.stepUp", $$"""{"admin": {"maxAgeMinutes": {{minutes}} } }""")).Api.StepUp[0].MaxAgeSeconds);

    [Fact]
    public void Rule_Should_Fail_When_ItRequiresNothing() =>
        Assert.Equal($"{Key("api.stepUp.admin.acr")} is missing: give acr, maxAgeMinutes or both (an empty rule requires nothing)",
            Error(SetJson("api.stepUp", """{"admin": {}}""")));

    [Fact]
    public void StepUp_Should_Fail_When_FeaturePlanIsLite() =>
        Assert.StartsWith($"{Key("api.stepUp")} (rules for admin) is invalid with userPool.featurePlan \"LITE\": authentication levels need ESSENTIALS or PLUS",
            Error(All(LiteCompatible(), Set("userPool.featurePlan", "LITE"), Set("userPool.threatProtection", "OFF"), SetJson("triggers", """{"preTokenGeneration": false}"""),
                SetJson("api.stepUp", """{"admin": {"acr": "urn:cognito:loa:2"}}"""))));

    [Fact]
    public void StepUp_Should_Load_When_FeaturePlanIsEssentials() =>
        Assert.Single(Load(All(Set("userPool.featurePlan", "ESSENTIALS"), Set("userPool.threatProtection", "OFF"),
            SetJson("api.stepUp", """{"admin": {"acr": "urn:cognito:loa:2"}}"""))).Api.StepUp);

    [Fact]
    public void StepUp_Should_BeTheVariableTheBackendParses_When_Formatted()
    {
        var rules = Load(SetJson("api.stepUp", """{"admin": {"acr": "urn:cognito:loa:2", "maxAgeMinutes": 15}, "items": {"maxAgeMinutes": 5}}""")).Api.StepUp;

        var variable = StepUpRules.ToVariable(rules);

        Assert.Equal("admin|urn:cognito:loa:2|900;items||300", variable);
        Assert.Equal(rules, StepUpRules.Parse(variable, out var error));
        Assert.Null(error);
    }
}
