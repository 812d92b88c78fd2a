using CognitoStack.Contract;

namespace CognitoStack.Cdk.Configuration;

/// <summary>Step-up authentication (<c>api.stepUp</c>, issue 28.2).</summary>
public static partial class SettingsLoader
{
    // Cognito guide, "Authentication levels with ACR and AMR claims" (October 2026): the levels, and
    // that requesting a level needs the ESSENTIALS or PLUS feature plan.
    private const string StepUpPage = "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-step-up-authentication.html";

    private static List<StepUpRule> ReadStepUp(SettingsReader api)
    {
        var stepUp = api.OptionalObject("stepUp", "no route requires a level or a recent sign-in");
        return stepUp is null
            ? []
            : stepUp.ReadAll(groups => StepUpRules.RouteGroups.Keys
                .Select(group => groups.OptionalObject(group, "no requirement")?.ReadAll(rule => ReadStepUpRule(group, rule)))
                .OfType<StepUpRule>()
                .ToList());
    }

    private static StepUpRule ReadStepUpRule(string group, SettingsReader rule)
    {
        var acr = rule.OptionalString("acr", level => StepUpRules.Rank(level) >= 0,
            $"use one of {string.Join(", ", StepUpRules.Levels)} (Cognito's levels, weakest first; a higher level satisfies a lower one)", "any level");
        var maxAgeMinutes = rule.OptionalInt("maxAgeMinutes", StepUpRules.MinMaxAgeSeconds / 60, StepUpRules.MaxMaxAgeSeconds / 60,
            $"use a whole number of minutes from {StepUpRules.MinMaxAgeSeconds / 60} to {StepUpRules.MaxMaxAgeSeconds / 60} (the oldest sign-in the routes accept)", "any sign-in time");
        if (acr is null && maxAgeMinutes is null)
        {
            throw rule.Missing("acr", "give acr, maxAgeMinutes or both (an empty rule requires nothing)");
        }

        return new StepUpRule(group, acr, maxAgeMinutes * 60);
    }

    private static void CheckStepUp(EnvironmentSettings s, string path)
    {
        if (s.Api.StepUp.Count > 0 && s.UserPool.FeaturePlan == FeaturePlan.Lite)
        {
            throw new ConfigurationException(
                $"{path}.api.stepUp (rules for {string.Join(", ", s.Api.StepUp.Select(r => r.RouteGroup))}) is invalid with userPool.featurePlan \"LITE\": "
                + $"authentication levels need ESSENTIALS or PLUS ({StepUpPage}); choose one of those or remove api.stepUp");
        }
    }
}
