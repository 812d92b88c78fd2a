using CognitoStack.Contract;

namespace CognitoStack.Cdk.Configuration;

/// <summary>
/// Reads and checks <c>userPool.customAttributes</c> and the app clients' <c>readAttributes</c> and
/// <c>writeAttributes</c>; the rules between them and the triggers are in <see cref="SettingsLoader"/>.
/// </summary>
internal static class AttributeSettingsReader
{
    /// <summary>
    /// Most custom attributes one environment declares: CloudFormation adds new ones with AddCustomAttributes,
    /// which takes at most 25 per call
    /// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddCustomAttributes.html);
    /// a pool holds at most 50 (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html), and since
    /// none can be removed the list is the pool's whole set, so 25 stays inside both.
    /// </summary>
    public const int MaxCustomAttributes = 25;

    /// <summary>Longest attribute value Cognito stores (AttributeType Value, at most 2,048 characters).</summary>
    /// <remarks>https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AttributeType.html</remarks>
    public const int MaxValueLength = 2_048;

    /// <summary>What a client reads by default: the address, whether it is verified, the name and the locale.</summary>
    public static readonly IReadOnlyList<string> DefaultRead = ["email", UserAttributes.EmailVerified, "name", "locale"];

    /// <summary>
    /// What a client writes by default: what sign-up asks for (email), what external providers map (email,
    /// name) and what the custom message trigger reads (locale).
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultWrite = ["email", "name", "locale"];

    /// <summary>Attributes no client a user holds may ever write: only Cognito sets them, and the triggers trust them.</summary>
    public static readonly IReadOnlyList<string> NeverWritable = [UserAttributes.EmailVerified, "phone_number_verified"];

    private const string AttributeRule = "use standard attribute names (such as email, name, locale) or custom:NAME of a declared custom attribute";

    public static List<CustomAttributeSettings> ReadCustomAttributes(SettingsReader p)
    {
        var attributes = p.ObjectList("customAttributes", 0, MaxCustomAttributes,
                "each entry is { \"name\", \"type\", \"mutable\", \"trusted\", and minLength/maxLength (String) or minValue/maxValue (Number) }")
            .Select(a => a.ReadAll(ReadCustomAttribute))
            .ToList();
        var duplicate = attributes.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? attributes
            : throw p.Invalid("customAttributes", $"(two entries named \"{duplicate.Key}\")", "each name may appear only once (Cognito compares names without case)");
    }

    private static CustomAttributeSettings ReadCustomAttribute(SettingsReader a)
    {
        var name = a.RequiredString("name", UserAttributes.IsCustomName, UserAttributes.CustomNameRule);
        if (UserAttributes.IsStandardName(name))
        {
            // CloudFormation reads a Schema entry with a standard name as that standard attribute and drops the
            // custom one without an error (aws-cdk#31593; the CDK refuses it since aws-cdk#36010), and a standard
            // attribute in Schema fails every later update of the pool (docs/replication.md, the update path).
            throw a.Invalid("name", $"\"{name}\"",
                $"a custom attribute may not share a name with a standard attribute in any case ({string.Join(", ", UserAttributes.ReservedNames)}); choose another name, such as {name.ToLowerInvariant()}_value");
        }

        var type = a.Has("type")
            ? a.Enum("type", Choices.CustomAttributeType, CustomAttributeType.Text)
            : throw a.Missing("type", $"use one of {string.Join(", ", Choices.CustomAttributeType.Names)}");
        var mutable = a.Has("mutable")
            ? a.Bool("mutable", false)
            : throw a.Missing("mutable", "use true or false: Cognito never lets it change once the attribute exists");
        var settings = new CustomAttributeSettings
        {
            Name = name,
            Type = type,
            Mutable = mutable,
            Trusted = a.Bool("trusted", false),
            MinLength = OnlyFor(a, "minLength", type, CustomAttributeType.Text, () => a.Int("minLength", 0, 0, MaxValueLength)),
            MaxLength = OnlyFor(a, "maxLength", type, CustomAttributeType.Text, () => a.Int("maxLength", MaxValueLength, 1, MaxValueLength)),
            MinValue = OnlyFor(a, "minValue", type, CustomAttributeType.WholeNumber, () => a.Int("minValue", 0, int.MinValue, int.MaxValue)),
            MaxValue = OnlyFor(a, "maxValue", type, CustomAttributeType.WholeNumber, () => a.Int("maxValue", 0, int.MinValue, int.MaxValue)),
        };
        if (settings.MinLength is { } minLength && settings.MaxLength is { } maxLength && minLength > maxLength)
        {
            throw a.Invalid("minLength", $"{minLength}", $"use at most maxLength ({maxLength})");
        }

        if (settings.MinValue is { } minValue && settings.MaxValue is { } maxValue && minValue > maxValue)
        {
            throw a.Invalid("minValue", $"{minValue}", $"use at most maxValue ({maxValue})");
        }

        return settings;
    }

    private static int? OnlyFor(SettingsReader a, string key, CustomAttributeType type, CustomAttributeType allowedType, Func<int> read)
    {
        if (!a.Has(key))
        {
            return null;
        }

        return type == allowedType
            ? read()
            : throw a.Invalid(key, $"(given with type {Choices.CustomAttributeType.NameOf(type)})",
                $"only type {Choices.CustomAttributeType.NameOf(allowedType)} takes {key}; remove it");
    }

    /// <summary>One client's attribute lists; <paramref name="custom"/> are the declared custom attributes.</summary>
    public static ClientAttributeSettings ReadClient(SettingsReader c, IReadOnlyList<CustomAttributeSettings> custom)
    {
        var declared = custom.Select(a => a.AttributeName).ToHashSet(StringComparer.Ordinal);
        bool IsKnown(string name) => UserAttributes.Standard.Contains(name) || declared.Contains(name);
        var read = c.Has("readAttributes") ? c.StringList("readAttributes", 1, 70, IsKnown, AttributeRule) : DefaultRead;
        var write = c.Has("writeAttributes") ? c.StringList("writeAttributes", 0, 70, IsKnown, AttributeRule) : DefaultWrite;
        if (write.Count == 0)
        {
            // "When you don't specify the WriteAttributes for your app client, your app can write the values of the
            // Standard attributes of your user pool": an empty list reaches Cognito as no list (UserPoolClientType).
            throw c.Invalid("writeAttributes", "(an empty list)",
                "Cognito reads an empty list as no list, and a client without one lets users write every standard attribute (UserPoolClientType.WriteAttributes); list the attributes users may change, such as [\"locale\"]");
        }

        var neverWritable = write.FirstOrDefault(NeverWritable.Contains);
        if (neverWritable is not null)
        {
            throw c.Invalid("writeAttributes", $"(a list with \"{neverWritable}\")",
                "only Cognito sets the verified flags, after a code check: a client that could write them would let users verify any address (the pre token generation trigger trusts email_verified)");
        }

        var trusted = custom.FirstOrDefault(a => a.Trusted && write.Contains(a.AttributeName));
        return trusted is null
            ? new ClientAttributeSettings { ReadAttributes = read, WriteAttributes = write }
            : throw c.Invalid("writeAttributes", $"(a list with \"{trusted.AttributeName}\")",
                $"{trusted.AttributeName} is trusted (userPool.customAttributes): the backend or the triggers rely on it, so no client a user holds may write it; set it with AdminUpdateUserAttributes or a trigger");
    }
}
