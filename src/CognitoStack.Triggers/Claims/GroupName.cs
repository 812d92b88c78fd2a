using CognitoStack.Contract;
using CognitoStack.Lambda.Common;

namespace CognitoStack.Triggers.Claims;

/// <summary>Checks a user pool group name read from an environment variable against <see cref="GroupNames.IsValid"/>.</summary>
internal static class GroupName
{
    /// <summary>Null when <paramref name="value"/> is a valid group name; otherwise what is wrong, naming the variable.</summary>
    public static string? Check(string variable, string? value)
    {
        if (value is null)
        {
            return $"{variable} is not set: give the user pool group name, e.g. \"{GroupNames.Admin}\"";
        }

        return GroupNames.IsValid(value) ? null : $"{variable} {Quote.Value(value)} is invalid: {GroupNames.Rule}";
    }
}
