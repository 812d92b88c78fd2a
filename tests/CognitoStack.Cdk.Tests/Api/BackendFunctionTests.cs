using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Api;

[Collection(SynthCollection.Name)]
public sealed class BackendFunctionTests(SynthFixture synth)
{
    private const string Function = "AWS::Lambda::Function";

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Function_Should_RunDotnet10OnArm64WithExplicitLimitsAndTracing(string env) =>
        synth[env].Api.HasProperties(Function, Obj(
            ("Runtime", "dotnet10"),
            ("Architectures", new[] { "arm64" }),
            ("Handler", "CognitoStack.Backend::CognitoStack.Backend.Function::Handle"),
            ("MemorySize", 512),
            ("Timeout", 10),
            ("TracingConfig", Obj(("Mode", "Active"))),
            ("LoggingConfig", Obj(("LogFormat", "JSON"), ("LogGroup", Obj(("Ref", Match.StringLikeRegexp("BackendLogGroup"))))))));

    [Fact]
    public void Function_Should_ReceiveTheScopesGroupAndOrigins()
    {
        var variables = synth["dev"].Resources("Api", Function).Single().Resource["Properties"]!["Environment"]!["Variables"]!;

        Assert.Equal("dev", (string?)variables["ENVIRONMENT_NAME"]);
        Assert.Equal("admin", (string?)variables["ADMIN_GROUP"]);
        Assert.Equal("myapp-api/read", (string?)variables["READ_SCOPE"]);
        Assert.Equal("myapp-api/write", (string?)variables["WRITE_SCOPE"]);
        Assert.Equal("http://localhost:3000,http://localhost:5173", (string?)variables["ALLOWED_ORIGINS"]);
    }

    [Fact]
    public void FunctionRole_Should_WriteOnlyToItsOwnLogGroup()
    {
        var template = synth["prod"].Api;

        template.HasProperties("AWS::IAM::Role", Obj(
            ("AssumeRolePolicyDocument", Match.ObjectLike(Obj(("Statement", new object[] { Match.ObjectLike(Obj(("Principal", Obj(("Service", "lambda.amazonaws.com"))))) })))),
            ("ManagedPolicyArns", Match.Absent())));
        var policy = synth["prod"].Resources("Api", "AWS::IAM::Policy").Single(p => p.LogicalId.StartsWith("BackendRoleDefaultPolicy", StringComparison.Ordinal));
        var statements = policy.Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
        var logs = Assert.Single(statements, s => SynthesizedEnvironment.Text(s!["Action"]).Contains("logs:", StringComparison.Ordinal))!;
        Assert.Equal("""["logs:CreateLogStream","logs:PutLogEvents"]""", SynthesizedEnvironment.Text(logs["Action"]));
        Assert.Matches("""^\{"Fn::GetAtt":\["BackendLogGroup[0-9A-F]+","Arn"\]\}$""", SynthesizedEnvironment.Text(logs["Resource"]));
    }

    [Fact]
    public void Function_Should_UseAnAssetFromTheBackendSource() =>
        synth["prod"].Api.HasProperties(Function, Obj(
            ("Code", Obj(("S3Bucket", Match.AnyValue()), ("S3Key", Match.StringLikeRegexp("^[0-9a-f]{64}\\.zip$"))))));
}
