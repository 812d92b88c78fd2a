using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Tests.Configuration;
using CognitoStack.Cdk.Tests.Infrastructure;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Identity;

/// <summary>
/// Multi-Region replication in the templates: "replicated" creates the key, "replicated-existing" uses an
/// existing mrk- key; the replica Region's stack reads the pool id from SSM, never from an export.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class ReplicationTemplateTests(SynthFixture synth)
{
    private const string ExistingKey = "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab";
    private const string Attachment = "AWS::Cognito::UserPoolRegionalConfigurationAttachment";

    [Fact]
    public void Primary_Should_EncryptWithARetainedMultiRegionKey_When_TheKeyIsCreatedHere()
    {
        var identity = synth["replicated"].Identity;
        var key = new Capture();

        identity.HasResource("AWS::KMS::Key", Obj(
            ("Properties", Match.ObjectLike(Obj(("MultiRegion", true), ("EnableKeyRotation", true)))),
            ("DeletionPolicy", "Retain"), ("UpdateReplacePolicy", "Retain")));
        identity.HasProperties("AWS::Cognito::UserPool", Obj(
            ("KeyConfiguration", Obj(("KeyType", "CUSTOMER_MANAGED_KEY"), ("KmsKeyArn", Obj(("Fn::GetAtt", new object[] { key, "Arn" }))))),
            ("IssuerConfiguration", Obj(("Type", "UPDATED")))));
        Assert.StartsWith("ReplicationKey", key.AsString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Primary_Should_DeclareTheReplicaAndFailoverRouting()
    {
        var identity = synth["replicated"].Identity;

        identity.HasProperties("AWS::Cognito::UserPoolReplica", Obj(("RegionName", "eu-central-1"), ("UserPoolId", Obj(("Ref", Match.StringLikeRegexp("UserPool"))))));
        identity.HasProperties("AWS::Cognito::UserPoolDomain", Obj(("Routing", Obj(("Failover", Obj(
            ("SecondaryRegion", "eu-central-1"),
            ("PrimaryRoute53HealthCheckId", "11111111-2222-3333-4444-555555555555")))))));
    }

    [Fact]
    public void Primary_Should_PublishThePoolIdAndKeyArnForTheReplicaRegion()
    {
        var identity = synth["replicated"].Identity;

        identity.HasProperties("AWS::SSM::Parameter", Obj(("Name", "/cognitostack/replicated/replication/user-pool-id"), ("Type", "String")));
        identity.HasProperties("AWS::SSM::Parameter", Obj(("Name", "/cognitostack/replicated/replication/key-arn"), ("Type", "String")));
    }

    [Fact]
    public void ReplicaStack_Should_LiveInTheReplicaRegionUnderItsOwnName()
    {
        var env = synth["replicated"];
        var artifact = env.StackArtifact("IdentityReplica");

        Assert.Equal("CognitoStack-replicated-Identity-eu-central-1", (string?)artifact["properties"]!["stackName"]);
        Assert.Equal("aws://123456789012/eu-central-1", (string?)artifact["environment"]);
        Assert.True((bool?)artifact["properties"]!["terminationProtection"]);
    }

    [Theory]
    [InlineData("replicated")]
    [InlineData("replicated-existing")]
    public void ReplicaStack_Should_ReadThePoolIdFromSsm_NotFromAnExport(string env)
    {
        var replica = synth[env];

        replica.Replica.HasParameter("UserPoolId", Obj(("Type", "AWS::SSM::Parameter::Value<String>"), ("Default", $"/cognitostack/{env}/replication/user-pool-id")));
        Assert.DoesNotContain("Fn::ImportValue", replica.TemplateText("IdentityReplica"), StringComparison.Ordinal);
    }

    [Fact]
    public void ReplicaStack_Should_ReplicateTheKeyAndConfigureTheRegion_When_TheKeyIsCreatedHere()
    {
        var replica = synth["replicated"].Replica;

        replica.HasParameter("PrimaryKeyArn", Obj(("Type", "AWS::SSM::Parameter::Value<String>"), ("Default", "/cognitostack/replicated/replication/key-arn")));
        replica.HasResource("AWS::KMS::ReplicaKey", Obj(
            ("Properties", Match.ObjectLike(Obj(("PrimaryKeyArn", Obj(("Ref", "PrimaryKeyArn")))))),
            ("DeletionPolicy", "Retain")));
        replica.HasProperties(Attachment, Obj(
            ("UserPoolId", Obj(("Ref", "UserPoolId"))),
            ("Status", "INACTIVE"),
            ("EmailConfiguration", Obj(
                ("EmailSendingAccount", "DEVELOPER"),
                ("From", "MyApp <no-reply@example.com>"),
                ("ReplyToEmailAddress", "support@example.com"),
                ("SourceArn", "arn:aws:ses:eu-central-1:123456789012:identity/example.com"))),
            ("LambdaConfig", Obj(("PreTokenGenerationConfig", Obj(("LambdaArn", Obj(("Fn::GetAtt", Match.AnyValue()))), ("LambdaVersion", "V2_0")))))));
    }

    [Fact]
    public void ReplicaStack_Should_HoldTheTriggerLogsAndWebAclOfTheRegion()
    {
        var replica = synth["replicated"].Replica;

        // Pre token generation only: a secondary confirms no one, so post confirmation never runs there.
        replica.ResourceCountIs("AWS::Lambda::Function", 1);
        replica.HasProperties("AWS::Lambda::Permission", Obj(
            ("Principal", "cognito-idp.amazonaws.com"),
            ("SourceArn", Match.ObjectLike(Obj(("Fn::Join", Match.ArrayWith(new object[] { Match.ArrayWith(new object[] { "arn:aws:cognito-idp:eu-central-1:123456789012:userpool/", Obj(("Ref", "UserPoolId")) }) })))))));
        replica.ResourceCountIs("AWS::Cognito::LogDeliveryConfiguration", 1);
        replica.ResourceCountIs("AWS::WAFv2::WebACL", 1);
        replica.ResourceCountIs("AWS::WAFv2::WebACLAssociation", 1);
    }

    [Fact]
    public void Primary_Should_UseTheExistingKeyAndChosenIssuer_When_AnExistingKeyIsGiven()
    {
        var identity = synth["replicated-existing"].Identity;

        // The log and user-files keys stay; no multi-Region key is created.
        identity.ResourcePropertiesCountIs("AWS::KMS::Key", Obj(("MultiRegion", true)), 0);
        identity.HasProperties("AWS::Cognito::UserPool", Obj(
            ("KeyConfiguration", Obj(("KeyType", "CUSTOMER_MANAGED_KEY"), ("KmsKeyArn", ExistingKey))),
            ("IssuerConfiguration", Obj(("Type", "ORIGINAL")))));
        identity.HasProperties("AWS::Cognito::UserPoolReplica", Obj(("RegionName", "us-west-2")));
        identity.HasProperties("AWS::Cognito::UserPoolDomain", Obj(("Routing", Match.Absent())));
    }

    [Fact]
    public void ReplicaStack_Should_ActivateWithCognitoEmailAndV3Trigger_When_ChosenWithAnExistingKey()
    {
        var env = synth["replicated-existing"];

        env.Replica.ResourceCountIs("AWS::KMS::ReplicaKey", 0);
        Assert.Null(env.Json["IdentityReplica"]["Parameters"]?["PrimaryKeyArn"]);
        env.Replica.HasProperties(Attachment, Obj(
            ("Status", "ACTIVE"),
            ("EmailConfiguration", Obj(("EmailSendingAccount", "COGNITO_DEFAULT"))),
            ("LambdaConfig", Obj(("PreTokenGenerationConfig", Match.ObjectLike(Obj(("LambdaVersion", "V3_0"))))))));
        env.Replica.ResourceCountIs("AWS::WAFv2::WebACL", 0);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("federated")]
    [InlineData("passwordless")]
    public void Replication_Should_BeAbsent_When_Off(string env)
    {
        var synthesized = synth[env];

        synthesized.Identity.HasProperties("AWS::Cognito::UserPool", Obj(("KeyConfiguration", Match.Absent()), ("IssuerConfiguration", Match.Absent())));
        synthesized.Identity.ResourceCountIs("AWS::Cognito::UserPoolReplica", 0);
        Assert.Null(synthesized.Manifest["artifacts"]!["IdentityReplica"]);
    }

    [Fact]
    public void KeyOnly_Should_SetUpTheKeyWithoutAReplica()
    {
        var settings = Settings.Load(environment: TestEnvironment("replicated", r => r["replication"]!["status"] = "KEY_ONLY"));
        var env = synth.Synthesize(settings, "replicated-key-only");

        env.Identity.ResourcePropertiesCountIs("AWS::KMS::Key", Obj(("MultiRegion", true)), 1);
        env.Identity.ResourceCountIs("AWS::Cognito::UserPoolReplica", 0);
        env.Identity.HasProperties("AWS::Cognito::UserPoolDomain", Obj(("Routing", Match.Absent())));
        env.Replica.ResourceCountIs("AWS::KMS::ReplicaKey", 1);
        env.Replica.ResourceCountIs(Attachment, 0);
        env.Replica.ResourceCountIs("AWS::Lambda::Function", 0);

        // No log export in the replica Region yet, so its key has no log-delivery statement.
        env.Replica.ResourceCountIs("AWS::Cognito::LogDeliveryConfiguration", 0);
        Assert.DoesNotContain(UserPoolKeyPolicyTests.KeyPolicy(env, "IdentityReplica"), s => (string?)s["Sid"] == "LogDeliveryUsesKey");
    }

    [Fact]
    public void FrontendConfig_Should_NameTheReplicaRegion_When_Replicated()
    {
        var output = SynthesizedEnvironment.Text(synth["replicated"].Json["Api"]["Outputs"]!["FrontendConfig"]!["Value"]);

        Assert.Contains("""\"replication\":{\"region\":\"eu-central-1\",\"status\":\"INACTIVE\"}""", output, StringComparison.Ordinal);
    }

    private static JsonObject TestEnvironment(string name, Action<JsonObject> change)
    {
        var env = JsonNode.Parse(Repository.TestEnvironments.GetProperty(name).GetRawText())!.AsObject();
        change(env);
        return env;
    }
}
