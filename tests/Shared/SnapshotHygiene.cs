using System.Reflection;

namespace CognitoStack.Tests.Credentials;

/// <summary>
/// What must not exist before a SnapStart snapshot: a static field of a type that holds credentials, an open
/// connection or a seeded random generator would be frozen in the snapshot and shared by every restored
/// environment (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html). An HttpClient may be
/// static: creating one opens no connection.
/// </summary>
internal static class SnapshotHygiene
{
    private static readonly string[] Forbidden =
    [
        "System.Random", "System.Net.Sockets.Socket", "System.Net.Http.HttpResponseMessage",
        "CognitoStack.Lambda.Common.Signing.AwsCredentials", "CognitoStack.Lambda.Common.Aws.IAwsCredentialSource",
        "CognitoStack.Lambda.Common.Aws.LambdaCredentials", "Amazon.Runtime.AWSCredentials", "Amazon.Runtime.ImmutableCredentials",
    ];

    /// <summary>Every static field of <paramref name="assembly"/> whose type is, or derives from, a forbidden one.</summary>
    public static IReadOnlyList<string> ForbiddenStaticFields(Assembly assembly) =>
    [
        .. assembly.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(field => !field.IsLiteral && IsForbidden(field.FieldType))
            .Select(field => $"{field.DeclaringType!.FullName}.{field.Name}: {field.FieldType.FullName}"),
    ];

    private static bool IsForbidden(Type type) =>
        type.GetInterfaces().Append(type).Concat(BaseTypes(type)).Any(t => Forbidden.Contains(t.FullName));

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            yield return t;
        }
    }
}
