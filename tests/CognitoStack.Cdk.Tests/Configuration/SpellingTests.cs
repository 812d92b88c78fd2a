using System.Reflection;
using CognitoStack.Cdk.Configuration;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>
/// Enum settings are spelled through one explicit map each (<see cref="Choices"/>), so renaming an enum
/// member cannot change cdk.json's contract, a message or a template.
/// </summary>
public sealed class SpellingTests
{
    private enum Sample
    {
        Renamed,
        Other,
    }

    public static TheoryData<Type> SettingsEnums() =>
        [.. typeof(EnvironmentSettings).Assembly.GetTypes().Where(t => t.IsEnum && t.Namespace == typeof(EnvironmentSettings).Namespace)];

    [Theory]
    [MemberData(nameof(SettingsEnums))]
    public void EverySettingsEnum_Should_HaveExactlyOneMapSpellingEachValueOnce(Type enumType)
    {
        // Arrange
        var mapType = typeof(Spellings<>).MakeGenericType(enumType);

        // Act
        var maps = typeof(Choices).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == mapType).ToList();

        // Assert
        var map = Assert.Single(maps).GetValue(null)!;
        var nameOf = mapType.GetMethod(nameof(Spellings<Sample>.NameOf))!;
        var names = Enum.GetValues(enumType).Cast<object>().Select(v => (string)nameOf.Invoke(map, [v])!).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(names, (IReadOnlyList<string>)mapType.GetProperty(nameof(Spellings<Sample>.Names))!.GetValue(map)!);
    }

    [Fact]
    public void Spelling_Should_ComeFromTheMap_NotTheMemberName()
    {
        // Arrange
        var spellings = new Spellings<Sample>((Sample.Renamed, "ORIGINAL"), (Sample.Other, "OTHER"));

        // Act
        var name = spellings.NameOf(Sample.Renamed);
        var parsedOriginal = spellings.TryParse("ORIGINAL", out var value);
        var parsedMemberName = spellings.TryParse("RENAMED", out _);

        // Assert
        Assert.Equal("ORIGINAL", name);
        Assert.True(parsedOriginal);
        Assert.Equal(Sample.Renamed, value);
        Assert.False(parsedMemberName);
    }

    [Fact]
    public void Spellings_Should_Fail_When_AValueHasNone()
    {
        var error = Assert.Throws<ArgumentException>(() => new Spellings<Sample>((Sample.Renamed, "ORIGINAL")));

        Assert.StartsWith("Sample.Other has no spelling", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spellings_Should_Fail_When_AValueIsSpelledTwice()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Spellings<Sample>((Sample.Renamed, "A"), (Sample.Renamed, "B"), (Sample.Other, "C")));

        Assert.StartsWith("Sample.Renamed or \"B\" is spelled twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spellings_Should_Fail_When_TwoValuesShareASpelling()
    {
        var error = Assert.Throws<ArgumentException>(() => new Spellings<Sample>((Sample.Renamed, "A"), (Sample.Other, "A")));

        Assert.StartsWith("Sample.Other or \"A\" is spelled twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FeaturePlan.Lite, "LITE")]
    [InlineData(FeaturePlan.Essentials, "ESSENTIALS")]
    [InlineData(FeaturePlan.Plus, "PLUS")]
    public void FeaturePlan_Should_BeSpelledAsCloudFormationsUserPoolTier(FeaturePlan plan, string userPoolTier) =>
        Assert.Equal(userPoolTier, Choices.FeaturePlan.NameOf(plan));
}
