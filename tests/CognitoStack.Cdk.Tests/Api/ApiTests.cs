using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Api;

[Collection(SynthCollection.Name)]
public sealed class ApiTests(SynthFixture synth)
{
    private const string Method = "AWS::ApiGateway::Method";

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Authorizer_Should_BeACognitoUserPoolsAuthorizerOnTheAuthorizationHeader(string env) =>
        synth[env].Api.HasProperties("AWS::ApiGateway::Authorizer", Obj(
            ("Type", "COGNITO_USER_POOLS"),
            ("IdentitySource", "method.request.header.Authorization"),
            ("ProviderARNs", new object[] { Obj(("Fn::ImportValue", Match.StringLikeRegexp("UserPool"))) })));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void EveryMethodButPreflight_Should_UseTheCognitoAuthorizer(string env)
    {
        var methods = synth[env].Resources("Api", Method).Select(m => m.Resource["Properties"]!).ToList();
        var authorizerId = synth[env].Resources("Api", "AWS::ApiGateway::Authorizer").Single().LogicalId;

        Assert.Equal(CognitoStack.Contract.ApiRoutes.All.Count, methods.Count(m => (string?)m["HttpMethod"] != "OPTIONS"));
        Assert.All(methods.Where(m => (string?)m["HttpMethod"] != "OPTIONS"), m =>
        {
            Assert.Equal("COGNITO_USER_POOLS", (string?)m["AuthorizationType"]);
            Assert.Equal($"{{\"Ref\":\"{authorizerId}\"}}", SynthesizedEnvironment.Text(m["AuthorizerId"]));
        });
        Assert.All(methods.Where(m => (string?)m["HttpMethod"] == "OPTIONS"), m =>
        {
            Assert.Equal("NONE", (string?)m["AuthorizationType"]);
            Assert.Equal("MOCK", (string?)m["Integration"]!["Type"]);
        });
    }

    [Theory]
    [InlineData("GET", "myapp-api/read")]
    [InlineData("POST", "myapp-api/write")]
    public void ItemMethods_Should_RequireTheirScope(string httpMethod, string scope)
    {
        var method = ItemsMethod("prod", httpMethod);

        Assert.Equal($"[\"{scope}\"]", SynthesizedEnvironment.Text(method["AuthorizationScopes"]));
    }

    [Fact]
    public void UserMethods_Should_AcceptIdTokens_ByHavingNoScopes()
    {
        var methods = synth["prod"].Resources("Api", Method).Select(m => m.Resource["Properties"]!)
            .Where(m => (string?)m["HttpMethod"] == "GET" && !SynthesizedEnvironment.Text(m["ResourceId"]).Contains("items", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(3, methods.Count);
        Assert.All(methods, m => Assert.Null(m["AuthorizationScopes"]));
    }

    [Fact]
    public void PostItems_Should_ValidateTheBodyAgainstAModel()
    {
        var method = ItemsMethod("prod", "POST");

        Assert.NotNull(method["RequestValidatorId"]);
        Assert.Contains("NewItem", SynthesizedEnvironment.Text(method["RequestModels"]), StringComparison.Ordinal);
        synth["prod"].Api.HasProperties("AWS::ApiGateway::RequestValidator", Obj(("ValidateRequestBody", true)));
        synth["prod"].Api.HasProperties("AWS::ApiGateway::Model", Obj(("Schema", Match.ObjectLike(Obj(
            ("required", new[] { "name" }),
            ("additionalProperties", false),
            ("properties", Obj(
                ("name", Obj(("type", "string"), ("minLength", 1), ("maxLength", 100))),
                ("quantity", Obj(("type", "integer"), ("minimum", 0), ("maximum", 1_000_000))))))))));
    }

    [Theory]
    [InlineData("dev", 20, 40)]
    [InlineData("prod", 100, 200)]
    public void Stage_Should_LogTraceAndThrottle(string env, int rate, int burst) =>
        synth[env].Api.HasProperties("AWS::ApiGateway::Stage", Obj(
            ("StageName", "v1"),
            ("TracingEnabled", true),
            ("AccessLogSetting", Obj(("DestinationArn", Match.AnyValue()), ("Format", Match.StringLikeRegexp("\"requestId\":\"\\$context.requestId\"")))),
            ("MethodSettings", new object[]
            {
                Obj(("HttpMethod", "*"), ("ResourcePath", "/*"), ("LoggingLevel", "ERROR"), ("DataTraceEnabled", false),
                    ("MetricsEnabled", true), ("ThrottlingRateLimit", rate), ("ThrottlingBurstLimit", burst)),
            })));

    [Theory]
    [InlineData("dev", 14, "Delete")]
    [InlineData("prod", 365, "Retain")]
    public void LogGroups_Should_HaveRetention(string env, int days, string policy)
    {
        var groups = synth[env].Resources("Api", "AWS::Logs::LogGroup").ToList();

        Assert.Equal(2, groups.Count);
        Assert.All(groups, g =>
        {
            Assert.Equal(days, (int?)g.Resource["Properties"]!["RetentionInDays"]);
            Assert.Equal(policy, (string?)g.Resource["DeletionPolicy"]);
        });
    }

    [Theory]
    [InlineData("prod", "'https://app.example.com'")]
    [InlineData("dev", "method.request.header.Origin")]
    public void GatewayErrorResponses_Should_CarryCorsHeaders(string env, string allowOrigin)
    {
        foreach (var type in new[] { "DEFAULT_4XX", "DEFAULT_5XX" })
        {
            synth[env].Api.HasProperties("AWS::ApiGateway::GatewayResponse", Obj(
                ("ResponseType", type),
                ("ResponseParameters", Obj(
                    ("gatewayresponse.header.Access-Control-Allow-Origin", allowOrigin),
                    ("gatewayresponse.header.Vary", "'Origin'")))));
        }
    }

    [Fact]
    public void Preflight_Should_AllowOnlyTheConfiguredOrigin()
    {
        var preflight = synth["prod"].Resources("Api", Method).Select(m => m.Resource["Properties"]!)
            .Where(m => (string?)m["HttpMethod"] == "OPTIONS").ToList();

        Assert.NotEmpty(preflight);
        Assert.All(preflight, m => Assert.Contains("'https://app.example.com'", SynthesizedEnvironment.Text(m["Integration"]), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void AccountCloudWatchRole_Should_NeverBeDeletedWithTheStack(string env)
    {
        synth[env].Api.HasPolicies("AWS::ApiGateway::Account", "Retain");
        var role = synth[env].Resources("Api", "AWS::IAM::Role").Single(r => r.LogicalId.StartsWith("ApiRestApiCloudWatchRole", StringComparison.Ordinal)).Resource;
        Assert.Equal("Retain", (string?)role["DeletionPolicy"]);
        Assert.Contains("AmazonAPIGatewayPushToCloudWatchLogs", SynthesizedEnvironment.Text(role["Properties"]!["ManagedPolicyArns"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Waf_Should_ProtectTheStageOnly_When_Enabled()
    {
        var prod = synth["prod"].Api;

        prod.HasProperties("AWS::WAFv2::WebACL", Obj(
            ("Scope", "REGIONAL"),
            ("Rules", new object[]
            {
                Match.ObjectLike(Obj(("Name", "AWSManagedRulesCommonRuleSet"), ("Priority", 0),
                    ("Statement", Obj(("ManagedRuleGroupStatement", Obj(("Name", "AWSManagedRulesCommonRuleSet"), ("RuleActionOverrides", Match.Absent()))))))),
                Match.ObjectLike(Obj(("Name", "AWSManagedRulesKnownBadInputsRuleSet"), ("Priority", 1))),
                Match.ObjectLike(Obj(("Name", "AWSManagedRulesAmazonIpReputationList"), ("Priority", 2))),
                Match.ObjectLike(Obj(("Name", "RateLimitPerIp"), ("Priority", 3), ("Statement", Obj(("RateBasedStatement", Obj(("Limit", 1000), ("AggregateKeyType", "IP"))))))),
            })));
        // The user pool's association moved to the Identity stack, beside the pool.
        prod.ResourceCountIs("AWS::WAFv2::WebACLAssociation", 1);
        prod.HasProperties("AWS::WAFv2::WebACLAssociation", Obj(("ResourceArn", Obj(("Fn::Join", new object[]
        {
            "", Match.ArrayWith([":apigateway:", "::/restapis/", Obj(("Ref", Match.StringLikeRegexp("ApiRestApi[0-9A-F]+"))), "/stages/"]),
        })))));
    }

    [Fact]
    public void Waf_Should_BeAbsent_When_Disabled() =>
        synth["dev"].Api.ResourceCountIs("AWS::WAFv2::WebACL", 0);

    private JsonNode ItemsMethod(string env, string httpMethod) =>
        synth[env].Resources("Api", Method)
            .Single(m => m.LogicalId.StartsWith("ApiRestApiitems" + httpMethod, StringComparison.Ordinal))
            .Resource["Properties"]!;
}
