using CognitoStack.Cdk.Configuration;
using static CognitoStack.Cdk.Tests.Configuration.Settings;

namespace CognitoStack.Cdk.Tests.Configuration;

/// <summary>userPool.customAttributes and the app clients' readAttributes and writeAttributes.</summary>
public sealed class CustomAttributeSettingsTests
{
    private const string NameRule = "use 1-20 ASCII letters, digits and underscores, starting with a letter (without the custom: prefix)";
    private const string AttributeRule = "use standard attribute names (such as email, name, locale) or custom:NAME of a declared custom attribute";
    private const string Tenant = """{"name": "tenant", "type": "String", "mutable": false, "trusted": true}""";

    [Fact]
    public void CustomAttributes_Should_BeEmpty_When_LeftOut() =>
        Assert.Empty(Load().UserPool.CustomAttributes);

    [Fact]
    public void CustomAttribute_Should_LoadEveryField()
    {
        var settings = Load(SetJson("userPool.customAttributes",
            """[{"name": "plan", "type": "String", "mutable": true, "minLength": 1, "maxLength": 32}, {"name": "seats", "type": "Number", "mutable": false, "trusted": true, "minValue": -5, "maxValue": 10}]"""));

        Assert.Equal(
            [
                new CustomAttributeSettings { Name = "plan", Type = CustomAttributeType.Text, Mutable = true, Trusted = false, MinLength = 1, MaxLength = 32 },
                new CustomAttributeSettings { Name = "seats", Type = CustomAttributeType.WholeNumber, Mutable = false, Trusted = true, MinValue = -5, MaxValue = 10 },
            ],
            settings.UserPool.CustomAttributes);
    }

    [Theory]
    [InlineData("String")]
    [InlineData("Number")]
    [InlineData("Boolean")]
    [InlineData("DateTime")]
    public void CustomAttributeType_Should_Load_When_ACloudFormationSpelling(string type) =>
        Assert.Equal(type, Choices.CustomAttributeType.NameOf(Load(SetJson("userPool.customAttributes", $$"""[{"name": "x", "type": "{{type}}", "mutable": true}]""")).UserPool.CustomAttributes[0].Type));

    [Theory]
    [InlineData("\"string\"", "\"string\"")]
    [InlineData("\"Text\"", "\"Text\"")]
    [InlineData("1", "1")]
    public void CustomAttributeType_Should_FailListingTheTypes_When_Unknown(string json, string received) =>
        Assert.Equal(Invalid("userPool.customAttributes[0].type", received, "use one of String, Number, Boolean, DateTime"),
            Error(SetJson("userPool.customAttributes", $$"""[{"name": "x", "type": {{json}}, "mutable": true}]""")));

    [Theory]
    [InlineData("a")]
    [InlineData("abcdefghijklmnopqrst")]
    [InlineData("tenant_id2")]
    public void CustomAttributeName_Should_Load_When_AtTheRule(string name) =>
        Assert.Equal(name, Load(SetJson("userPool.customAttributes", $$"""[{"name": "{{name}}", "type": "String", "mutable": true}]""")).UserPool.CustomAttributes[0].Name);

    [Theory]
    [InlineData("abcdefghijklmnopqrstu")]
    [InlineData("")]
    [InlineData("1tenant")]
    [InlineData("custom:tenant")]
    [InlineData("ten ant")]
    [InlineData("tenänt")]
    [InlineData("ten\nant")]
    [InlineData("ten,ant")]
    public void CustomAttributeName_Should_FailWithTheRule_When_Invalid(string name) =>
        Assert.Equal(Invalid("userPool.customAttributes[0].name", Received(name), NameRule),
            Error(Set("userPool.customAttributes", new[] { new { name, type = "String", mutable = true } })));

    [Fact]
    public void CustomAttributeName_Should_FailWithTheRule_When_Huge() =>
        Assert.Equal(Invalid("userPool.customAttributes[0].name", Received(new string('a', 100_000)), NameRule),
            Error(Set("userPool.customAttributes", new[] { new { name = new string('a', 100_000), type = "String", mutable = true } })));

    [Fact]
    public void CustomAttributeName_Should_FailWithTheRule_When_NotAString() =>
        Assert.Equal(Invalid("userPool.customAttributes[0].name", "42", NameRule),
            Error(SetJson("userPool.customAttributes", """[{"name": 42, "type": "String", "mutable": true}]""")));

    [Theory]
    [InlineData("trusted", "\"yes\"", "use true or false")]
    [InlineData("mutable", "1", "use true or false")]
    [InlineData("maxLength", "\"64\"", "use a whole number from 1 to 2,048")]
    public void CustomAttributeField_Should_FailWithTheRule_When_TheWrongType(string key, string json, string allowed) =>
        Assert.Equal(Invalid($"userPool.customAttributes[0].{key}", json, allowed),
            Error(SetJson("userPool.customAttributes", $$"""[{"name": "x", "type": "String", "mutable": true, "{{key}}": {{json}}}]""".Replace("\"mutable\": true, \"mutable\"", "\"mutable\"", StringComparison.Ordinal))));

    [Fact]
    public void CustomAttributes_Should_Fail_When_NotAList() =>
        Assert.StartsWith(Invalid("userPool.customAttributes", "(an object)", "use a list of 0 to 25 entries"),
            Error(SetJson("userPool.customAttributes", """{"name": "x"}""")));

    [Fact]
    public void CustomAttributes_Should_Fail_When_TwoShareANameIgnoringCase() =>
        Assert.Equal(Invalid("userPool.customAttributes", "(two entries named \"tenant\")", "each name may appear only once (Cognito compares names without case)"),
            Error(SetJson("userPool.customAttributes", """[{"name": "tenant", "type": "String", "mutable": true}, {"name": "Tenant", "type": "String", "mutable": true}]""")));

    [Fact]
    public void CustomAttributes_Should_Load_When_25() =>
        Assert.Equal(25, Load(Set("userPool.customAttributes", Attributes(25))).UserPool.CustomAttributes.Count);

    [Fact]
    public void CustomAttributes_Should_Fail_When_26() =>
        Assert.Equal(Invalid("userPool.customAttributes", "(a list of 26)", "use a list of 0 to 25 entries"),
            Error(Set("userPool.customAttributes", Attributes(26))));

    [Theory]
    [InlineData("type", "use one of String, Number, Boolean, DateTime")]
    [InlineData("mutable", "use true or false: Cognito never lets it change once the attribute exists")]
    public void CustomAttribute_Should_AskForTypeAndMutable_When_LeftOut(string key, string allowed)
    {
        var attribute = System.Text.Json.Nodes.JsonNode.Parse("""{"name": "x", "type": "String", "mutable": true}""")!.AsObject();
        attribute.Remove(key);

        Assert.Equal($"{Key($"userPool.customAttributes[0].{key}")} is missing: {allowed}",
            Error(Set("userPool.customAttributes", new System.Text.Json.Nodes.JsonArray(attribute))));
    }

    [Theory]
    [InlineData("minLength", 0)]
    [InlineData("maxLength", 1)]
    [InlineData("maxLength", 2048)]
    [InlineData("minLength", 2048)]
    public void StringLength_Should_Load_When_AtALimit(string key, int value) =>
        Assert.Equal(value, Get<int?>(Load(SetJson("userPool.customAttributes", $$"""[{"name": "x", "type": "String", "mutable": true, "{{key}}": {{value}}}]""")).UserPool.CustomAttributes[0], key));

    [Theory]
    [InlineData("minLength", -1, "use a whole number from 0 to 2,048")]
    [InlineData("minLength", 2049, "use a whole number from 0 to 2,048")]
    [InlineData("maxLength", 0, "use a whole number from 1 to 2,048")]
    [InlineData("maxLength", 2049, "use a whole number from 1 to 2,048")]
    public void StringLength_Should_Fail_When_OutsideALimit(string key, int value, string allowed) =>
        Assert.Equal(Invalid($"userPool.customAttributes[0].{key}", $"{value}", allowed),
            Error(SetJson("userPool.customAttributes", $$"""[{"name": "x", "type": "String", "mutable": true, "{{key}}": {{value}}}]""")));

    [Fact]
    public void StringLength_Should_Fail_When_MinAboveMax() =>
        Assert.Equal(Invalid("userPool.customAttributes[0].minLength", "11", "use at most maxLength (10)"),
            Error(SetJson("userPool.customAttributes", """[{"name": "x", "type": "String", "mutable": true, "minLength": 11, "maxLength": 10}]""")));

    [Fact]
    public void StringLength_Should_Load_When_MinEqualsMax() =>
        Assert.Equal(10, Load(SetJson("userPool.customAttributes", """[{"name": "x", "type": "String", "mutable": true, "minLength": 10, "maxLength": 10}]""")).UserPool.CustomAttributes[0].MinLength);

    [Fact]
    public void NumberValue_Should_Fail_When_MinAboveMax() =>
        Assert.Equal(Invalid("userPool.customAttributes[0].minValue", "2", "use at most maxValue (1)"),
            Error(SetJson("userPool.customAttributes", """[{"name": "x", "type": "Number", "mutable": true, "minValue": 2, "maxValue": 1}]""")));

    [Theory]
    [InlineData("-2147483648")]
    [InlineData("2147483647")]
    public void NumberValue_Should_Load_When_AtAnIntegerLimit(string value) =>
        Assert.NotNull(Load(SetJson("userPool.customAttributes", $$"""[{"name": "x", "type": "Number", "mutable": true, "minValue": {{value}}}]""")).UserPool.CustomAttributes[0].MinValue);

    [Theory]
    [InlineData("2147483648")]
    [InlineData("1.5")]
    [InlineData("\"1\"")]
    public void NumberValue_Should_Fail_When_NotAWholeNumberInRange(string value) =>
        Assert.Equal(Invalid("userPool.customAttributes[0].minValue", value, "use a whole number from -2,147,483,648 to 2,147,483,647"),
            Error(SetJson("userPool.customAttributes", $$"""[{"name": "x", "type": "Number", "mutable": true, "minValue": {{value}}}]""")));

    [Theory]
    [InlineData("Number", "minLength", "String")]
    [InlineData("Boolean", "maxLength", "String")]
    [InlineData("String", "minValue", "Number")]
    [InlineData("DateTime", "maxValue", "Number")]
    public void Limit_Should_Fail_When_GivenForAnotherType(string type, string key, string allowedType) =>
        Assert.Equal(Invalid($"userPool.customAttributes[0].{key}", $"(given with type {type})", $"only type {allowedType} takes {key}; remove it"),
            Error(SetJson("userPool.customAttributes", $$"""[{"name": "x", "type": "{{type}}", "mutable": true, "{{key}}": 1}]""")));

    [Fact]
    public void ClientAttributes_Should_DefaultToLeastPrivilege()
    {
        var clients = Load().Clients;

        Assert.Equal(["email", "email_verified", "name", "locale"], clients.Web.ReadAttributes);
        Assert.Equal(["email", "name", "locale"], clients.Web.WriteAttributes);
        Assert.Equal(clients.Web, clients.Confidential);
    }

    [Theory]
    [InlineData("web")]
    [InlineData("confidential")]
    public void WriteAttributes_Should_RefuseTrustedAttributes(string client) =>
        Assert.Equal(Invalid($"clients.{client}.writeAttributes", "(a list with \"custom:tenant\")",
                "custom:tenant is trusted (userPool.customAttributes): the backend or the triggers rely on it, so no client a user holds may write it; set it with AdminUpdateUserAttributes or a trigger"),
            Error(All(SetJson("userPool.customAttributes", $"[{Tenant}]"), ClientJson(client, "writeAttributes", """["email", "custom:tenant"]"""))));

    [Fact]
    public void WriteAttributes_Should_AllowAnUntrustedCustomAttribute()
    {
        var settings = Load(All(
            SetJson("userPool.customAttributes", """[{"name": "tenant", "type": "String", "mutable": false}]"""),
            ClientJson("web", "writeAttributes", """["email", "custom:tenant"]""")));

        Assert.Contains("custom:tenant", settings.Clients.Web.WriteAttributes);
    }

    [Fact]
    public void ReadAttributes_Should_AllowATrustedAttribute() =>
        Assert.Contains("custom:tenant", Load(All(SetJson("userPool.customAttributes", $"[{Tenant}]"),
            ClientJson("web", "readAttributes", """["email", "custom:tenant"]"""))).Clients.Web.ReadAttributes);

    [Theory]
    [InlineData("email_verified")]
    [InlineData("phone_number_verified")]
    public void WriteAttributes_Should_RefuseTheVerifiedFlags(string flag) =>
        Assert.StartsWith(Invalid("clients.web.writeAttributes", $"(a list with \"{flag}\")", "only Cognito sets the verified flags"),
            Error(ClientJson("web", "writeAttributes", $$"""["email", "{{flag}}"]""")));

    [Theory]
    [InlineData("readAttributes", "custom:undeclared")]
    [InlineData("writeAttributes", "custom:undeclared")]
    [InlineData("readAttributes", "Email")]
    [InlineData("readAttributes", "sub")]
    [InlineData("writeAttributes", "")]
    [InlineData("writeAttributes", "email\u0000")]
    public void ClientAttribute_Should_FailWithTheRule_When_UnknownOrHostile(string key, string attribute) =>
        Assert.Equal($"{Key($"clients.web.{key}")}[1] {Received(attribute)} is invalid: {AttributeRule}",
            Error(ClientValue("web", key, new[] { "email", attribute })));

    [Fact]
    public void ClientAttributes_Should_Fail_When_NotAList() =>
        Assert.StartsWith(Invalid("clients.web.readAttributes", "\"email\"", "use a list of 1 to 70 entries"), Error(ClientValue("web", "readAttributes", "email")));

    [Theory]
    [InlineData("web")]
    [InlineData("confidential")]
    public void WriteAttributes_Should_Fail_When_Empty(string client) =>
        Assert.StartsWith(Invalid($"clients.{client}.writeAttributes", "(an empty list)", "Cognito reads an empty list as no list, and a client without one lets users write every standard attribute"),
            Error(ClientJson(client, "writeAttributes", "[]")));

    [Fact]
    public void WriteAttributes_Should_Load_When_OneAttribute() =>
        Assert.Equal(["locale"], Load(ClientJson("confidential", "writeAttributes", """["locale"]""")).Clients.Confidential.WriteAttributes);

    [Theory]
    [InlineData("email")]
    [InlineData("Email")]
    [InlineData("sub")]
    [InlineData("SUB")]
    [InlineData("name")]
    [InlineData("phone_number")]
    [InlineData("email_verified")]
    [InlineData("Email_Verified")]
    [InlineData("updated_at")]
    [InlineData("zoneinfo")]
    public void CustomAttributeName_Should_Fail_When_AStandardName(string name) =>
        Assert.StartsWith(Invalid("userPool.customAttributes[0].name", $"\"{name}\"", "a custom attribute may not share a name with a standard attribute in any case (address, birthdate, email,"),
            Error(Set("userPool.customAttributes", new[] { new { name, type = "String", mutable = true } })));

    [Theory]
    [InlineData("email2")]
    [InlineData("subject")]
    [InlineData("names")]
    public void CustomAttributeName_Should_Load_When_OnlyLikeAStandardName(string name) =>
        Assert.Equal(name, Load(Set("userPool.customAttributes", new[] { new { name, type = "String", mutable = true } })).UserPool.CustomAttributes[0].Name);

    [Fact]
    public void ReservedNames_Should_BeTheStandardAttributesAndSub() =>
        Assert.Equal(20, CognitoStack.Contract.UserAttributes.ReservedNames.Count);

    [Fact]
    public void ReadAttributes_Should_Fail_When_Empty() =>
        Assert.Equal(Invalid("clients.web.readAttributes", "(a list of 0)", "use a list of 1 to 70 entries"), Error(ClientJson("web", "readAttributes", "[]")));

    private static T Get<T>(CustomAttributeSettings attribute, string key) =>
        (T)typeof(CustomAttributeSettings).GetProperty(char.ToUpperInvariant(key[0]) + key[1..])!.GetValue(attribute)!;

    private static object[] Attributes(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new { name = $"a{i}", type = "String", mutable = true })];

    private static Action<System.Text.Json.Nodes.JsonObject> ClientJson(string client, string key, string json) =>
        SetJson($"clients.{client}", $$"""{"{{key}}": {{json}}}""");

    private static Action<System.Text.Json.Nodes.JsonObject> ClientValue(string client, string key, object value) =>
        Set($"clients.{client}", new System.Text.Json.Nodes.JsonObject { [key] = System.Text.Json.JsonSerializer.SerializeToNode(value) });
}
