using Amazon.CDK.Assertions;
using CognitoStack.Cdk.Constructs;
using CognitoStack.Cdk.Tests.Infrastructure;
using CognitoStack.Contract;
using static CognitoStack.Cdk.Tests.Infrastructure.TemplateExtensions;

namespace CognitoStack.Cdk.Tests.Backup;

/// <summary>The Backup stack of prod: the locked bucket, its key, the export function and its schedule.</summary>
[Collection(SynthCollection.Name)]
public sealed class BackupStackTests(SynthFixture synth)
{
    private const string Bucket = "AWS::S3::Bucket";

    private SynthesizedEnvironment Prod => synth["prod"];

    [Fact]
    public void Prod_Should_HaveABackupStack_And_Dev_None()
    {
        Assert.Contains("Backup", Prod.StackIds);
        Assert.DoesNotContain("Backup", synth["dev"].StackIds);
        Assert.True((bool?)Prod.StackArtifact("Backup")["properties"]?["terminationProtection"]);
    }

    [Fact]
    public void ExportBucket_Should_BeLockedVersionedKmsEncryptedPrivateAndExpiring() =>
        Prod.Backup.HasResource(Bucket, Obj(
            ("Properties", Obj(
                ("ObjectLockEnabled", true),
                ("ObjectLockConfiguration", Obj(("ObjectLockEnabled", "Enabled"), ("Rule", Obj(("DefaultRetention", Obj(("Mode", "GOVERNANCE"), ("Days", 35))))))),
                ("VersioningConfiguration", Obj(("Status", "Enabled"))),
                ("BucketEncryption", Obj(("ServerSideEncryptionConfiguration", new object[]
                {
                    Obj(("BucketKeyEnabled", true), ("ServerSideEncryptionByDefault", Obj(("SSEAlgorithm", "aws:kms"), ("KMSMasterKeyID", Match.AnyValue())))),
                }))),
                ("PublicAccessBlockConfiguration", Obj(
                    ("BlockPublicAcls", true), ("BlockPublicPolicy", true), ("IgnorePublicAcls", true), ("RestrictPublicBuckets", true))),
                ("LifecycleConfiguration", Obj(("Rules", Match.ArrayWith([Match.ObjectLike(Obj(("ExpirationInDays", 90), ("Status", "Enabled")))])))))),
            ("DeletionPolicy", "Retain"),
            ("UpdateReplacePolicy", "Retain")));

    [Fact]
    public void Key_Should_BeCustomerManagedRotatedAndRetained() =>
        Prod.Backup.HasResource("AWS::KMS::Key", Obj(
            ("Properties", Obj(("EnableKeyRotation", true))),
            ("DeletionPolicy", "Retain")));

    [Fact]
    public void EveryBackupBucket_Should_BeRetainedAndDenyRequestsWithoutTls()
    {
        var buckets = Prod.Resources("Backup", Bucket).ToList();
        var policies = Prod.Resources("Backup", "AWS::S3::BucketPolicy").ToList();

        Assert.All(buckets, b => Assert.Equal("Retain", (string?)b.Resource["DeletionPolicy"]));
        Assert.Equal(buckets.Count, policies.Count);
        Assert.All(policies, p => Assert.Contains("\"aws:SecureTransport\":\"false\"", SynthesizedEnvironment.Text(p.Resource["Properties"]!["PolicyDocument"]), StringComparison.Ordinal));
    }

    [Fact]
    public void BucketPolicy_Should_DenyDeletionUnlockingAndWritesByAnyoneButTheExportRole()
    {
        var policy = Prod.Resources("Backup", "AWS::S3::BucketPolicy")
            .Select(p => SynthesizedEnvironment.Text(p.Resource["Properties"]!["PolicyDocument"]))
            .Single(p => p.Contains("NoDeletionNoUnlock", StringComparison.Ordinal));

        Assert.Contains($"\"Action\":[{string.Join(",", ScheduledUserExport.DeniedActions.Order(StringComparer.Ordinal).Select(a => $"\"{a}\""))}],\"Effect\":\"Deny\",\"Principal\":{{\"AWS\":\"*\"}}", policy, StringComparison.Ordinal);
        Assert.Contains("\"Action\":\"s3:PutObject\",\"Condition\":{\"ArnNotEquals\":{\"aws:PrincipalArn\":{\"Fn::GetAtt\":[", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void NoPolicyOfTheBackupStack_Should_AllowDeletingObjectsOrChangingTheLock()
    {
        var allows = Prod.AllResources()
            .Where(r => r.StackId == "Backup" && r.Resource["Type"]?.ToString() is "AWS::IAM::Policy" or "AWS::IAM::Role" or "AWS::S3::BucketPolicy" or "AWS::KMS::Key")
            .SelectMany(r => Statements(r.Resource))
            .Where(s => (string?)s["Effect"] == "Allow")
            .SelectMany(s => Actions(s["Action"]))
            .ToList();

        Assert.NotEmpty(allows);
        Assert.DoesNotContain(allows, a => a.StartsWith("s3:DeleteObject", StringComparison.Ordinal) || a is "s3:PutBucketObjectLockConfiguration" or "s3:BypassGovernanceRetention" or "s3:*" or "*");
    }

    [Fact]
    public void ExportFunction_Should_RunTheExportHandlerWithItsContractVariables() =>
        Prod.Backup.HasProperties("AWS::Lambda::Function", Obj(
            ("Handler", LambdaHandlers.UserExport),
            ("Timeout", ScheduledUserExport.TimeoutSeconds),
            ("Environment", Obj(("Variables", Obj(
                (EnvironmentVariables.UserPoolId, Match.AnyValue()),
                (EnvironmentVariables.ExportBucket, Match.AnyValue()),
                (EnvironmentVariables.MetricNamespace, "CognitoStack/prod"),
                (EnvironmentVariables.TimeBudgetSeconds, "780"),
                (EnvironmentVariables.PartitionRequestsPerSecond, "2"),
                (EnvironmentVariables.ExportRequestsPerSecond, "10")))))));

    [Fact]
    public void ExportRole_Should_ReadOnlyThePoolsUsersAndGroups() =>
        Prod.Backup.HasProperties("AWS::IAM::Policy", Obj(("PolicyDocument", Obj(("Statement", Match.ArrayWith(
        [
            Match.ObjectLike(Obj(("Action", new[] { "cognito-idp:ListGroups", "cognito-idp:ListUsers", "cognito-idp:ListUsersInGroup" }), ("Effect", "Allow"))),
        ]))))));

    [Fact]
    public void OnlyTheStateMachine_Should_InvokeTheExportFunction()
    {
        var invokers = Prod.Resources("Backup", "AWS::IAM::Policy")
            .Where(p => Statements(p.Resource).Any(s => Actions(s["Action"]).Contains("lambda:InvokeFunction")))
            .Select(p => SynthesizedEnvironment.Text(p.Resource["Properties"]!["Roles"]))
            .ToList();

        Assert.Contains("UserExportOrchestrationStateMachineRole", Assert.Single(invokers), StringComparison.Ordinal);
        Prod.Backup.ResourceCountIs("AWS::Lambda::EventInvokeConfig", 0);
    }

    [Fact]
    public void Schedule_Should_StartTheStateMachineDaily() =>
        Prod.Backup.HasProperties("AWS::Events::Rule", Obj(
            ("ScheduleExpression", "rate(1 day)"),
            ("State", "ENABLED"),
            ("Targets", Match.ArrayWith([Match.ObjectLike(Obj(("Arn", Obj(("Ref", Match.StringLikeRegexp("^UserExportOrchestrationStateMachine"))))))]))));

    [Fact]
    public void StateMachine_Should_BeStandardLoggedTracedAndEndWithinTheSchedule() =>
        Prod.Backup.HasProperties("AWS::StepFunctions::StateMachine", Obj(
            ("StateMachineType", "STANDARD"),
            ("TracingConfiguration", Obj(("Enabled", true))),
            ("LoggingConfiguration", Obj(("Level", "ALL"), ("IncludeExecutionData", false)))));

    [Fact]
    public void StateMachine_Should_LoopEachStepAndRunThePartitionsAsADistributedMapWithinTheQuotaShare()
    {
        var definition = SynthesizedEnvironment.Text(Prod.Resources("Backup", "AWS::StepFunctions::StateMachine").Single().Resource["Properties"]!["DefinitionString"]);

        Assert.Contains("\\\"Mode\\\":\\\"DISTRIBUTED\\\"", definition, StringComparison.Ordinal);
        Assert.Contains("\\\"MaxConcurrency\\\":5", definition, StringComparison.Ordinal);
        Assert.Contains("\\\"TimeoutSeconds\\\":86400", definition, StringComparison.Ordinal);
        Assert.Contains("\\\"ErrorEquals\\\":[\\\"UserExportThrottledException\\\"]", definition, StringComparison.Ordinal);
        Assert.Contains("\\\"Lambda.TooManyRequestsException\\\"", definition, StringComparison.Ordinal);
        Assert.Contains("\\\"StringEquals\\\":\\\"continued\\\"", definition, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user-export-failed", "AWS/States", "ExecutionsFailed", "GreaterThanOrEqualToThreshold", 1, 3600, 1, "notBreaching")]
    [InlineData("user-export-timed-out", "AWS/States", "ExecutionsTimedOut", "GreaterThanOrEqualToThreshold", 1, 3600, 1, "notBreaching")]
    [InlineData("user-export-aborted", "AWS/States", "ExecutionsAborted", "GreaterThanOrEqualToThreshold", 1, 3600, 1, "notBreaching")]
    [InlineData("user-export-missing", "CognitoStack/prod", UserExportMetrics.Succeeded, "LessThanThreshold", 1, 3600, 26, "breaching")]
    [InlineData("user-export-user-count-drop", "CognitoStack/prod", UserExportMetrics.DropPercent, "GreaterThanThreshold", 10, 3600, 1, "notBreaching")]
    public void Alarm_Should_WatchTheExport(string slug, string ns, string metric, string comparison, double threshold, int period, int periods, string missing) =>
        Prod.Monitoring.HasProperties("AWS::CloudWatch::Alarm", Obj(
            ("AlarmName", $"CognitoStack-prod-{slug}"),
            ("Namespace", ns),
            ("MetricName", metric),
            ("ComparisonOperator", comparison),
            ("Threshold", threshold),
            ("Period", period),
            ("EvaluationPeriods", periods),
            ("DatapointsToAlarm", periods),
            ("TreatMissingData", missing)));

    private static IEnumerable<System.Text.Json.Nodes.JsonNode> Statements(System.Text.Json.Nodes.JsonNode resource)
    {
        var properties = resource["Properties"];
        var documents = new[] { properties?["PolicyDocument"], properties?["KeyPolicy"] }
            .Concat(properties?["Policies"]?.AsArray().Select(p => p?["PolicyDocument"]) ?? []);
        return documents.Where(d => d is not null).SelectMany(d => d!["Statement"]!.AsArray()!).Select(s => s!);
    }

    private static IEnumerable<string> Actions(System.Text.Json.Nodes.JsonNode? action) =>
        action is System.Text.Json.Nodes.JsonArray list ? list.Select(a => (string)a!) : [(string)action!];
}
