using System.Text.Json.Nodes;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Identity;

/// <summary>
/// The user pool's customer managed keys carry the statements Cognito's "Set customer managed key policy" gives
/// (https://docs.aws.amazon.com/cognito/latest/developerguide/data-protection.html): one test per statement, for
/// the multi-Region key in the primary Region and its replica ("replicated" creates both; "replicated-existing"
/// uses a key this app does not own, see <see cref="ExistingKey_Should_GetNoPolicyFromThisApp"/>).
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class UserPoolKeyPolicyTests(SynthFixture synth)
{
    private const string Services = """["cognito-idp.amazonaws.com","identitystore.amazonaws.com"]""";
    private const string ServiceActions = """["kms:Decrypt","kms:Encrypt","kms:GenerateDataKeyWithoutPlaintext","kms:ReEncrypt*"]""";
    private const string AnyPool = "arn:${AWS::Partition}:cognito-idp:*:${AWS::AccountId}:userpool/*";
    private const string ReplicaPool = "arn:${AWS::Partition}:cognito-idp:*:${AWS::AccountId}:userpool/${UserPoolId}";

    public static TheoryData<string, string> Keys => new()
    {
        { "Identity", "eu-west-1" },
        { "IdentityReplica", "eu-central-1" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void ServicesStatement_Should_LetCognitoAndTheIdentityStoreUseTheKeyForAPoolOfThisAccount(string stack, string region)
    {
        _ = region;
        var statement = Statement(stack, "UserPoolServicesUseKey");
        var pool = stack == "Identity" ? AnyPool : ReplicaPool;

        Assert.Equal(Services, Plain(statement["Principal"]!["Service"]));
        Assert.Equal(ServiceActions, Plain(statement["Action"]));
        Assert.Equal("""{"aws:SourceAccount":"${AWS::AccountId}"}""", Plain(statement["Condition"]!["StringEquals"]));
        Assert.Equal($$$"""{"aws:SourceArn":"{{{pool}}}","kms:EncryptionContext:aws:cognito-idp:userpool-arn":"{{{pool}}}"}""",
            Plain(statement["Condition"]!["StringLike"]));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void DescribeStatement_Should_LetBothServicesDescribeTheKeyForThisAccount(string stack, string region)
    {
        _ = region;
        var statement = Statement(stack, "UserPoolServicesDescribeKey");

        Assert.Equal(Services, Plain(statement["Principal"]!["Service"]));
        Assert.Equal("\"kms:DescribeKey\"", Plain(statement["Action"]));
        Assert.Equal("""{"StringEquals":{"aws:SourceAccount":"${AWS::AccountId}"}}""", Plain(statement["Condition"]));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void ViaCognitoStatement_Should_LetPrincipalsOfTheAccountUseTheKeyThroughCognitoOfTheKeysRegion(string stack, string region) =>
        AssertViaService(Statement(stack, "AccountUsesKeyViaCognito"), $"cognito-idp.{region}.amazonaws.com");

    [Theory]
    [MemberData(nameof(Keys))]
    public void ViaIdentityStoreStatement_Should_LetPrincipalsOfTheAccountUseTheKeyThroughTheIdentityStoreOfTheKeysRegion(string stack, string region) =>
        AssertViaService(Statement(stack, "AccountUsesKeyViaIdentityStore"), $"identitystore.{region}.amazonaws.com");

    [Theory]
    [MemberData(nameof(Keys))]
    public void LogDeliveryStatement_Should_LetLogDeliveryOfThisAccountAndRegionUseTheKey_When_LogsAreExported(string stack, string region)
    {
        var statement = Statement(stack, "LogDeliveryUsesKey");

        Assert.Equal("\"delivery.logs.amazonaws.com\"", Plain(statement["Principal"]!["Service"]));
        Assert.Equal("""["kms:Decrypt","kms:GenerateDataKey*"]""", Plain(statement["Action"]));
        Assert.Equal($$$"""{"StringEquals":{"aws:SourceAccount":"${AWS::AccountId}"},"StringLike":{"aws:SourceArn":"arn:${AWS::Partition}:logs:{{{region}}}:${AWS::AccountId}:*"}}""",
            Plain(statement["Condition"]));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void KeyPolicy_Should_KeepLimitingGrantsToAwsServices(string stack, string region)
    {
        _ = region;
        Assert.Equal("Deny", (string?)Statement(stack, "GrantsOnlyForAwsServices")["Effect"]);
    }

    [Fact]
    public void ExistingKey_Should_GetNoPolicyFromThisApp()
    {
        var env = synth["replicated-existing"];

        Assert.DoesNotContain(env.Resources("Identity", "AWS::KMS::Key"), k => (bool?)k.Resource["Properties"]!["MultiRegion"] == true);
        Assert.Empty(env.Resources("IdentityReplica", "AWS::KMS::ReplicaKey"));
    }

    private static void AssertViaService(JsonNode statement, string viaService)
    {
        Assert.Equal("""{"AWS":"*"}""", Plain(statement["Principal"]));
        Assert.Equal("""["kms:Decrypt","kms:DescribeKey","kms:Encrypt","kms:GenerateDataKeyWithoutPlaintext","kms:ReEncrypt*"]""", Plain(statement["Action"]));
        Assert.Equal($$$"""{"StringEquals":{"kms:CallerAccount":"${AWS::AccountId}","kms:ViaService":"{{{viaService}}}"}}""", Plain(statement["Condition"]));
    }

    private JsonNode Statement(string stack, string sid) =>
        Assert.Single(KeyPolicy(synth["replicated"], stack), s => (string?)s["Sid"] == sid);

    /// <summary>The statements of the pool key in <paramref name="stack"/> (the replica key in the replica Region).</summary>
    internal static List<JsonNode> KeyPolicy(SynthesizedEnvironment env, string stack)
    {
        var type = stack == "Identity" ? "AWS::KMS::Key" : "AWS::KMS::ReplicaKey";
        var key = Assert.Single(env.Resources(stack, type), k => stack != "Identity" || (bool?)k.Resource["Properties"]!["MultiRegion"] == true);
        return [.. key.Resource["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray().Select(s => s!)];
    }

    private static string Plain(JsonNode? node) => PlainJson.Text(node);
}
