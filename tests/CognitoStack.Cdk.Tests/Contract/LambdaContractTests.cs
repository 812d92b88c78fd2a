using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using CognitoStack.Authorizer;
using CognitoStack.Backend;
using CognitoStack.Backend.Items;
using CognitoStack.Cdk.Tests.Infrastructure;
using CognitoStack.Triggers;
using CognitoStack.UserExport;

namespace CognitoStack.Cdk.Tests.Contract;

// The seam between the CDK app and its functions, checked on what is deployed: the synthesized templates
// against the function assemblies themselves. A rename on either side fails here, not in a deployed function.
[Collection(SynthCollection.Name)]
public sealed class LambdaContractTests(SynthFixture synth)
{
    private const string Function = "AWS::Lambda::Function";

    // Variables Lambda sets itself in every function's environment, which the functions may read too
    // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
    private static readonly string[] LambdaReservedVariables =
        ["AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME"];

    private static readonly Assembly[] FunctionAssemblies =
        [typeof(Function).Assembly, typeof(PreTokenGeneration).Assembly, typeof(UserExportFunction).Assembly, typeof(AuthorizerFunction).Assembly];

    // The OS-only runtime a Native AOT bootstrap runs on (publish "nativeAot").
    private const string NativeRuntime = "provided.al2023";

    public static TheoryData<string> Environments => [.. Repository.AllEnvironmentNames];

    // Each function assembly's Native AOT bootstrap and the handlers it dispatches.
    private static readonly (string Assembly, IReadOnlyDictionary<string, Func<Func<Stream, Stream>>> Handlers)[] Bootstraps =
    [
        ("CognitoStack.Backend", CognitoStack.Backend.Bootstrap.Handlers), ("CognitoStack.Triggers", CognitoStack.Triggers.Bootstrap.Handlers),
        ("CognitoStack.UserExport", CognitoStack.UserExport.Bootstrap.Handlers), ("CognitoStack.Authorizer", CognitoStack.Authorizer.Bootstrap.Handlers),
    ];

    // Each function assembly's bootstrap (Native AOT) knows every handler string of that assembly, and only those.
    [Fact]
    public void EveryBootstrap_Should_DispatchEveryHandlerOfItsAssembly()
    {
        var handlers = typeof(CognitoStack.Contract.LambdaHandlers).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.All(
            Bootstraps,
            b => Assert.Equal(
                handlers.Where(h => h.StartsWith(b.Assembly + "::", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
                b.Handlers.Keys.Order(StringComparer.Ordinal)));
    }

    // publish "nativeAot" (test-only environment "native"): every function, the Lambda authorizer included (it follows
    // backend.publish), is a bootstrap on provided.al2023, arm64,
    // whose Handler (passed in _HANDLER) is one its bootstrap dispatches; no SnapStart (a managed runtime's feature).
    [Fact]
    public void NativeEnvironment_Should_RunEveryFunctionOnProvidedAl2023WithAHandlerItsBootstrapKnows()
    {
        var functions = DotnetFunctions("native").Select(f => f.Properties).ToList();
        var known = Bootstraps.SelectMany(b => b.Handlers.Keys).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(5, functions.Count);
        Assert.Contains(functions, f => (string?)f["Handler"] == CognitoStack.Contract.LambdaHandlers.Authorizer);
        Assert.All(functions, f =>
        {
            Assert.Equal(NativeRuntime, (string?)f["Runtime"]);
            Assert.Equal("arm64", (string?)f["Architectures"]![0]);
            Assert.Contains((string)f["Handler"]!, known);
            Assert.Null(f["SnapStart"]);
        });
    }

    [Fact]
    public void DevEnvironment_Should_RunEveryFunctionOnTheManagedRuntime() =>
        Assert.All(DotnetFunctions("dev"), f => Assert.Equal("dotnet10", (string?)f.Properties["Runtime"]));

    [Theory]
    [MemberData(nameof(Environments))]
    public void EveryDotnetHandler_Should_ResolveToAPublicStreamMethodOfAFunctionAssembly(string env)
    {
        var handlers = DotnetFunctions(env).Select(f => (string)f.Properties["Handler"]!).ToList();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, handler => Assert.Null(Unresolved(handler)));
    }

    [Fact]
    public void HandlerCheck_Should_Fail_When_TheTypeOrMethodIsRenamed()
    {
        Assert.NotNull(Unresolved("CognitoStack.Backend::CognitoStack.Backend.Functions::Handle"));
        Assert.NotNull(Unresolved("CognitoStack.Backend::CognitoStack.Backend.Function::HandleAsync"));
        Assert.NotNull(Unresolved("CognitoStack.Backend::CognitoStack.Backend.FunctionSettings::Validate"));
        Assert.NotNull(Unresolved("CognitoStack.Api::CognitoStack.Backend.Function::Handle"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Backend_Should_ReadExactlyTheVariablesTheStackSets(string env)
    {
        var variables = Variables(Backend(env));

        var read = Read(readVariable => new Function(readVariable, Stream.Null));
        // STEP_UP is set only where api.stepUp has rules, so the default templates stay as they were.
        string[] optional = variables.ContainsKey(CognitoStack.Contract.EnvironmentVariables.StepUp) ? [] : [CognitoStack.Contract.EnvironmentVariables.StepUp];

        Assert.Equal(variables.Keys.Order(StringComparer.Ordinal), read.Except(LambdaReservedVariables).Except(optional).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UserExport_Should_ReadExactlyTheVariablesTheStackSetsAndAcceptTheirValues()
    {
        var (_, properties) = Assert.Single(DotnetFunctions("prod"), f => (string)f.Properties["Handler"]! == CognitoStack.Contract.LambdaHandlers.UserExport);
        // The pool id and bucket name are references ({"Fn::ImportValue"}, {"Ref"}), resolved at deploy time: here,
        // well-formed stand-ins.
        var variables = properties["Environment"]!["Variables"]!.AsObject().ToDictionary(v => v.Key,
            v => v.Value is JsonValue value ? (string)value!
                : v.Key == CognitoStack.Contract.EnvironmentVariables.UserPoolId ? "eu-west-1_AbCdEf123" : "export-bucket-1", StringComparer.Ordinal);
        using var http = new HttpClient();
        using var log = new MemoryStream();

        var read = Read(readVariable => new UserExportFunction(readVariable, http, log));
        var deployed = new Dictionary<string, string>(variables, StringComparer.Ordinal);
        deployed["AWS_REGION"] = "eu-west-1";
        deployed["AWS_LAMBDA_FUNCTION_NAME"] = "CognitoStack-prod-Backup-UserExport";
        using var accepted = new MemoryStream();
        _ = new UserExportFunction(deployed.GetValueOrDefault, http, accepted);

        Assert.Equal(variables.Keys.Order(StringComparer.Ordinal), read.Except(LambdaReservedVariables).Order(StringComparer.Ordinal));
        Assert.Equal(0, accepted.Length);
    }

    [Fact]
    public void Authorizer_Should_ReadExactlyTheVariablesTheStackSetsAndAcceptTheirValues()
    {
        var (_, properties) = Assert.Single(DotnetFunctions("complete"), f => (string)f.Properties["Handler"]! == CognitoStack.Contract.LambdaHandlers.Authorizer);
        // The policy store ID is a reference ({"Fn::ImportValue"}), resolved at deploy time: here, a well-formed stand-in.
        var variables = properties["Environment"]!["Variables"]!.AsObject().ToDictionary(v => v.Key,
            v => v.Value is JsonValue value ? (string)value! : "PSEXAMPLEabcdefg111111", StringComparer.Ordinal);
        using var http = new HttpClient();
        using var accepted = new MemoryStream();

        var read = Read(readVariable => new AuthorizerFunction(readVariable, http, Stream.Null));
        var deployed = new Dictionary<string, string>(variables, StringComparer.Ordinal) { ["AWS_REGION"] = "eu-west-1" };
        _ = new AuthorizerFunction(deployed.GetValueOrDefault, http, accepted);

        Assert.Equal(variables.Keys.Order(StringComparer.Ordinal), read.Except(LambdaReservedVariables).Order(StringComparer.Ordinal));
        Assert.Equal(0, accepted.Length);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Backend_Should_AcceptTheValuesTheStackSets(string env)
    {
        var variables = Variables(Backend(env));

        Assert.Null(FunctionSettings.FromVariables(variables.GetValueOrDefault).Validate());
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Triggers_Should_ReadExactlyTheVariablesTheStackSetsAndAcceptTheirValues(string env)
    {
        var triggers = DotnetFunctions(env).Where(f => ((string)f.Properties["Handler"]!).StartsWith("CognitoStack.Triggers::", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(triggers);
        foreach (var (_, properties) in triggers)
        {
            var variables = Variables(properties);
            using var http = new HttpClient();
            using var log = new MemoryStream();
            var handler = (string)properties["Handler"]!;
            Func<Func<string, string?>, Stream, object> create = handler switch
            {
                CognitoStack.Contract.LambdaHandlers.PostConfirmation => (readVariable, output) => new PostConfirmation(readVariable, http, output),
                CognitoStack.Contract.LambdaHandlers.PreTokenGeneration => (readVariable, output) => new PreTokenGeneration(readVariable, output),
                CognitoStack.Contract.LambdaHandlers.PreSignUp => (readVariable, output) => new PreSignUp(readVariable, output),
                // The message files come with the triggers package: the test output holds them as the package does.
                CognitoStack.Contract.LambdaHandlers.CustomMessage => (readVariable, output) => new CustomMessage(readVariable, output),
                CognitoStack.Contract.LambdaHandlers.InboundFederation => (readVariable, output) => new InboundFederation(readVariable, output),
                CognitoStack.Contract.LambdaHandlers.UserMigration => (readVariable, output) => new UserMigration(readVariable, http, output),
                _ => throw new InvalidOperationException($"no factory for {handler}"),
            };

            var read = Read(readVariable => create(readVariable, Stream.Null));
            create(name => variables.GetValueOrDefault(name) ?? (name == "AWS_REGION" ? "eu-west-1" : null), log);

            Assert.Equal(variables.Keys.Order(StringComparer.Ordinal), read.Except(LambdaReservedVariables).Order(StringComparer.Ordinal));
            Assert.Equal("", Encoding.UTF8.GetString(log.ToArray()));
        }
    }

    [Theory]
    [InlineData("complete", "me|urn:cognito:loa:1|86400;admin|urn:cognito:loa:2|900;items||43200")]
    [InlineData("dev", null)]
    [InlineData("prod", null)]
    public void Backend_Should_GetStepUpRules_When_TheEnvironmentHasThem(string env, string? expected) =>
        Assert.Equal(expected, Variables(Backend(env)).GetValueOrDefault(CognitoStack.Contract.EnvironmentVariables.StepUp));

    [Theory]
    [MemberData(nameof(Environments))]
    public void ItemRoutes_Should_RequireTheScopesTheBackendChecks(string env)
    {
        var variables = Variables(Backend(env));
        if (variables[CognitoStack.Contract.EnvironmentVariables.AuthorizationMode] == CognitoStack.Contract.AuthorizationModes.VerifiedPermissions)
        {
            // The policies check the scopes (config/authorization/items.cedar); API Gateway takes method scopes from Cognito authorizers only.
            Assert.Null(ItemsMethod(env, "GET")["AuthorizationScopes"]);
            Assert.Null(ItemsMethod(env, "POST")["AuthorizationScopes"]);
            return;
        }

        Assert.Equal($"[\"{variables["READ_SCOPE"]}\"]", ItemsMethod(env, "GET")["AuthorizationScopes"]!.ToJsonString());
        Assert.Equal($"[\"{variables["WRITE_SCOPE"]}\"]", ItemsMethod(env, "POST")["AuthorizationScopes"]!.ToJsonString());
    }

    // The request model API Gateway enforces and the backend's validator agree at every limit the model states.
    [Theory]
    [MemberData(nameof(Environments))]
    public void NewItemModel_Should_AcceptAndRefuseWhatTheBackendDoes_AtEveryLimit(string env)
    {
        var schema = synth[env].Resources("Api", "AWS::ApiGateway::Model").Single().Resource["Properties"]!["Schema"]!;
        var properties = schema["properties"]!.AsObject();
        var required = schema["required"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Equal(["name", "quantity"], properties.Select(p => p.Key));
        Assert.False((bool)schema["additionalProperties"]!);

        var name = properties["name"]!;
        var quantity = properties["quantity"]!;
        Assert.Equal("string", (string?)name["type"]);
        Assert.Equal("integer", (string?)quantity["type"]);
        var minLength = (int)name["minLength"]!;
        var maxLength = (int)name["maxLength"]!;
        var minimum = (long)quantity["minimum"]!;
        var maximum = (long)quantity["maximum"]!;

        AssertBackend(true, new JsonObject { ["name"] = new string('n', maxLength), ["quantity"] = maximum });
        AssertBackend(true, new JsonObject { ["name"] = new string('n', minLength), ["quantity"] = minimum });
        AssertBackend(false, new JsonObject { ["name"] = new string('n', maxLength + 1) });
        AssertBackend(false, new JsonObject { ["name"] = new string('n', minLength - 1) });
        AssertBackend(false, new JsonObject { ["name"] = "n", ["quantity"] = maximum + 1 });
        AssertBackend(false, new JsonObject { ["name"] = "n", ["quantity"] = minimum - 1 });
        AssertBackend(false, new JsonObject { ["name"] = "n", ["quantity"] = 1.5 });
        AssertBackend(false, new JsonObject { ["name"] = 1 });
        AssertBackend(false, new JsonObject { ["name"] = "n", ["other"] = 1 });
        foreach (var property in required)
        {
            var body = new JsonObject { ["name"] = "n", ["quantity"] = 1 };
            body.Remove(property);
            AssertBackend(false, body);
        }

        AssertBackend(true, new JsonObject { ["name"] = "n" });
        Assert.DoesNotContain("quantity", required);
    }

    private static void AssertBackend(bool valid, JsonObject body)
    {
        var result = ItemRequestValidator.Validate(Encoding.UTF8.GetBytes(body.ToJsonString()));
        Assert.True(valid == (result.Error is null), $"{body.ToJsonString()}: {result.Error ?? "valid"}");
    }

    // Null when the runtime can load the handler: a public, concrete type with a public parameterless
    // constructor and a public instance method taking and returning a Stream; otherwise what is wrong.
    private static string? Unresolved(string handler)
    {
        var parts = handler.Split("::");
        if (parts.Length != 3)
        {
            return $"{handler}: not Assembly::Type::Method";
        }

        var assembly = FunctionAssemblies.SingleOrDefault(a => a.GetName().Name == parts[0]);
        var type = assembly?.GetType(parts[1], throwOnError: false);
        var method = type?.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance, [typeof(Stream)]);
        return assembly is null ? $"{handler}: no function assembly {parts[0]}"
            : type is null || !type.IsPublic || type.IsAbstract ? $"{handler}: no public concrete type {parts[1]}"
            : type.GetConstructor(Type.EmptyTypes) is null ? $"{handler}: {parts[1]} has no public parameterless constructor"
            : method is null || method.ReturnType != typeof(Stream) ? $"{handler}: no public Stream {parts[2]}(Stream)"
            : null;
    }

    private static HashSet<string> Read(Func<Func<string, string?>, object> create)
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        create(name =>
        {
            read.Add(name);
            return null;
        });
        return read;
    }

    private IEnumerable<(string StackId, JsonNode Properties)> DotnetFunctions(string env) =>
        synth[env].AllResources()
            .Where(r => (string?)r.Resource["Type"] == Function && (string?)r.Resource["Properties"]!["Runtime"] is "dotnet10" or NativeRuntime)
            .Select(r => (r.StackId, r.Resource["Properties"]!));

    private JsonNode Backend(string env) =>
        DotnetFunctions(env).Single(f => f.StackId == "Api" && (string?)f.Properties["Handler"] == CognitoStack.Contract.LambdaHandlers.Backend).Properties;

    private static Dictionary<string, string> Variables(JsonNode function) =>
        function["Environment"]!["Variables"]!.AsObject().ToDictionary(v => v.Key, v => (string)v.Value!, StringComparer.Ordinal);

    private JsonNode ItemsMethod(string env, string httpMethod) =>
        synth[env].Resources("Api", "AWS::ApiGateway::Method")
            .Single(m => m.LogicalId.StartsWith("ApiRestApiitems" + httpMethod, StringComparison.Ordinal))
            .Resource["Properties"]!;
}
