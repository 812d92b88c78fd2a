using System.Reflection;
using CognitoStack.Cdk.Configuration;
using CognitoStack.Cdk.Constructs;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Guards;

/// <summary>
/// Constructs take CDK types and plain values, like the CDK's own; only the stacks read settings. A
/// construct that sees a configuration record couples every construct change to cdk.json's shape.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class ConstructBoundaryTests
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly string ConfigurationNamespace = typeof(EnvironmentSettings).Namespace!;

    [Fact]
    public void NoConstructSourceFile_Should_ImportTheConfigurationNamespace()
    {
        // Arrange
        var files = Directory.GetFiles(Path.Combine(Repository.Root, "cdk", "Constructs"), "*.cs", SearchOption.AllDirectories);

        // Act
        var offenders = files
            .Where(f => File.ReadAllText(f).Contains(ConfigurationNamespace, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Repository.Root, f))
            .ToList();

        // Assert
        Assert.NotEmpty(files);
        Assert.Empty(offenders);
    }

    [Fact]
    public void NoConstructOrPropsMember_Should_MentionAConfigurationType()
    {
        // Arrange
        var constructTypes = typeof(UserDirectory).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(UserDirectory).Namespace)
            .ToList();

        // Act: every constructor, method, property and field signature (lambdas' closures included).
        var offenders = constructTypes
            .SelectMany(t => t.GetMembers(Everything).SelectMany(m => SignatureTypes(m).Select(s => (Member: $"{t.Name}.{m.Name}", Type: s))))
            .Where(x => x.Type.Namespace == ConfigurationNamespace)
            .Select(x => $"{x.Member}: {x.Type.Name}")
            .Distinct()
            .ToList();

        // Assert
        Assert.Contains(typeof(UserDirectoryProps), constructTypes);
        Assert.Empty(offenders);
    }

    [Fact]
    public void SignatureScan_Should_FindAConfigurationType_When_APropsRecordHasOne()
    {
        // A check that cannot fail proves nothing: a props-like member with a settings list is found.
        var member = typeof(LeakyProps).GetProperty(nameof(LeakyProps.Groups))!;

        Assert.Contains(typeof(GroupSettings), SignatureTypes(member));
    }

    /// <summary>The types a member's signature names, generic arguments and element types unwrapped.</summary>
    private static IEnumerable<Type> SignatureTypes(MemberInfo member)
    {
        IEnumerable<Type> direct = member switch
        {
            MethodBase method => [.. method.GetParameters().Select(p => p.ParameterType), .. method is MethodInfo m ? [m.ReturnType] : Array.Empty<Type>()],
            PropertyInfo property => [property.PropertyType],
            FieldInfo field => [field.FieldType],
            _ => [],
        };
        return direct.SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        yield return type;
        var inner = type.HasElementType ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : [];
        foreach (var nested in inner.SelectMany(Unwrap))
        {
            yield return nested;
        }
    }

    private sealed record LeakyProps
    {
        public required IReadOnlyList<GroupSettings> Groups { get; init; }
    }
}
