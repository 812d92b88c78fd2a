using System.Text.Json;
using System.Text.RegularExpressions;
using CognitoStack.Contract;

namespace CognitoStack.Cdk.Configuration;

/// <summary>
/// Turns the <c>environments</c> context of cdk.json into validated <see cref="EnvironmentSettings"/>.
/// This is the one place where settings are checked; no construct is created before it succeeds.
/// Defaults are the safe choice; risky ones (DESTROY, guests, no MFA) must be written out.
/// </summary>
public static partial class SettingsLoader
{
    /// <summary>The environment used when <c>-c env=…</c> is not given.</summary>
    public const string DefaultEnvironment = "dev";


    /// <summary>
    /// Loads environment <paramref name="name"/> from the <c>environments</c> context value; files it names
    /// (SAML metadata, Hosted UI CSS, branding) are read relative to <paramref name="baseDirectory"/>, the directory
    /// of cdk.json.
    /// </summary>
    public static EnvironmentSettings Load(JsonElement environments, string name, string baseDirectory)
    {
        if (environments.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigurationException(
                "context \"environments\" is missing or not an object: add it to cdk.json (see docs/configuration.md)");
        }

        var known = environments.EnumerateObject().Select(p => p.Name).ToList();
        if (!environments.TryGetProperty(name, out var element))
        {
            throw new ConfigurationException(
                $"env \"{name}\" is invalid: use one of {string.Join(", ", known)} (environments in cdk.json)");
        }

        if (!EnvironmentName().IsMatch(name))
        {
            throw new ConfigurationException(
                $"env \"{name}\" is invalid: use 1-20 lowercase letters, digits and hyphens, starting with a letter");
        }

        var reader = new SettingsReader(element, $"environments.{name}");
        var settings = Read(reader, name, new RepositoryFiles(baseDirectory));
        reader.EnsureNoUnknownKeys();
        CrossCheck(settings, reader.Path);
        return settings;
    }

    /// <summary>
    /// One line per choice the synth should point out without failing, printed on stderr by the app (never
    /// written into a template, so synths stay deterministic).
    /// </summary>
    public static IReadOnlyList<string> Warnings(EnvironmentSettings settings) =>
        [.. EmailWarnings(settings), .. ProtectionWarnings(settings), .. ReplicationWarnings(settings)];

    private static IReadOnlyList<string> EmailWarnings(EnvironmentSettings settings) =>
        settings.Email.Sender == EmailSender.Cognito
            ? [$"environments.{settings.Name}.email.sender is COGNITO: Cognito's built-in sender delivers at most {CognitoRules.CognitoSenderDailyEmails} emails a day per AWS account "
                + "(https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html); after that, sign-up codes, password resets and invitations stop arriving. Use SES beyond throwaway environments."]
            : [];

    private static EnvironmentSettings Read(SettingsReader r, string name, RepositoryFiles files)
    {
        var userPool = r.RequiredObject("userPool").ReadAll(ReadUserPool);
        return Read(r, name, files, userPool);
    }

    private static EnvironmentSettings Read(SettingsReader r, string name, RepositoryFiles files, UserPoolSettings userPool) => new()
    {
        Name = name,
        Account = r.OptionalString("account", AccountId(), "use a 12-digit AWS account id", EnvironmentAgnostic),
        Region = r.OptionalString("region", RegionName(), RegionRule, EnvironmentAgnostic),
        RemovalPolicy = r.Enum("removalPolicy", Choices.RemovalPolicy, StatefulRemovalPolicy.Retain),
        WebOrigins = r.StringList("webOrigins", 1, 20, UrlRules.IsOrigin, UrlRules.OriginRule),
        LogRetentionDays = r.OneOf("logRetentionDays", 365, LogRetentionPeriods.Days),
        UserPool = userPool,
        Domain = r.RequiredObject("domain").ReadAll(d => new DomainSettings
        {
            Prefix = d.RequiredString("prefix", DomainPrefix(), CognitoRules.DomainPrefixRule),
            CustomDomain = d.OptionalObject("customDomain")?.ReadAll(c => new CustomDomainSettings
            {
                DomainName = c.RequiredString("domainName", HostName(),
                    "use a fully qualified domain name you own, such as auth.example.com (not under amazoncognito.com)"),
                CertificateArn = c.RequiredString("certificateArn", UsEast1CertificateArn(),
                    "use the ARN of an ACM certificate in us-east-1 (arn:aws:acm:us-east-1:ACCOUNT:certificate/ID): the Hosted UI is served by CloudFront"),
                SecurityPolicy = c.Enum("securityPolicy", Choices.TlsPolicy, TlsPolicy.Tls12),
            }),
        }),
        Clients = r.RequiredObject("clients").ReadAll(c => ReadClients(c, userPool.FeaturePlan, userPool.CustomAttributes)),
        ResourceServer = r.RequiredObject("resourceServer").ReadAll(ReadResourceServer),
        IdentityPool = r.ObjectOrEmpty("identityPool").ReadAll(p => new IdentityPoolSettings
        {
            AllowGuests = p.Bool("allowGuests", false),
            PrincipalTags = ReadPrincipalTags(p),
        }),
        Api = r.ObjectOrEmpty("api").ReadAll(a => new ApiSettings
        {
            ThrottlingRateLimit = a.Int("throttlingRateLimit", 50, 1, 10_000),
            ThrottlingBurstLimit = a.Int("throttlingBurstLimit", 100, 1, 5_000),
            ManageAccountCloudWatchRole = a.Bool("manageAccountCloudWatchRole", true),
            Authorizer = a.Enum("authorizer", Choices.ApiAuthorizer, ApiAuthorizer.Cognito),
            StepUp = ReadStepUp(a),
        }),
        Backend = r.ObjectOrEmpty("backend").ReadAll(b => new BackendSettings
        {
            MemorySizeMb = b.Int("memorySizeMb", 512, 128, 10_240),
            TimeoutSeconds = b.Int("timeoutSeconds", 10, 1, 29),
            SnapStart = b.Bool("snapStart", false),
            Publish = b.Enum("publish", Choices.Publish, LambdaPublish.ReadyToRun),
        }),
        Waf = r.ObjectOrEmpty("waf").ReadAll(w => new WafSettings
        {
            Enabled = w.Bool("enabled", true),
            RateLimitPer5Minutes = w.Int("rateLimitPer5Minutes", 1_000, 100, 2_000_000_000),
        }),
        IdentityProviders = r.ObjectOrEmpty("identityProviders").ReadAll(p => ProviderSettingsReader.Read(p, files)),
        Triggers = r.ObjectOrEmpty("triggers").ReadAll(t => TriggerSettingsReader.Read(t, files)),
        Monitoring = r.ObjectOrEmpty("monitoring").ReadAll(m => new MonitoringSettings
        {
            Enabled = m.Bool("enabled", true),
            AlarmEmails = m.StringList("alarmEmails", 0, 10, EmailAddress().IsMatch, "use email addresses such as ops@example.com"),
            AlarmTopicArn = m.OptionalString("alarmTopicArn", SnsTopicArn(),
                "use the ARN of a standard SNS topic (arn:aws:sns:REGION:ACCOUNT:NAME)"),
            ApiErrorRatePercent = m.Int("apiErrorRatePercent", 1, 1, 100),
            ApiLatencyP99Ms = m.Int("apiLatencyP99Ms", 2_000, 50, 29_000),
            BackendDurationPercentOfTimeout = m.Int("backendDurationPercentOfTimeout", 80, 10, 100),
            WafBlockedRequestsPer5Minutes = m.Int("wafBlockedRequestsPer5Minutes", 100, 1, 1_000_000),
            RiskyRequestsPer5Minutes = m.Int("riskyRequestsPer5Minutes", 10, 1, 100_000),
        }),
        HostedUi = r.ObjectOrEmpty("hostedUi").ReadAll(h => ReadHostedUi(h, files)),
        Email = r.ObjectOrEmpty("email").ReadAll(e => EmailSettingsReader.Read(e, files)),
        Terms = r.OptionalObject("terms")?.ReadAll(ReadTerms),
        Replication = r.ObjectOrEmpty("replication").ReadAll(ReadReplication),
        Authorization = r.ObjectOrEmpty("authorization").ReadAll(a => ReadAuthorization(a, files)),
        Backup = r.ObjectOrEmpty("backup").ReadAll(ReadBackup),
        Migration = r.OptionalObject("migration")?.ReadAll(ReadMigration),
    };

    /// <summary>EventBridge rate expressions: singular unit for 1, plural otherwise (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html).</summary>
    public const string BackupScheduleRule =
        "use an EventBridge rate expression from rate(1 hour) to rate(144 hours) or rate(1 day) to rate(6 days): singular unit for 1, plural otherwise";

    private static BackupSettings ReadBackup(SettingsReader b)
    {
        var schedule = b.OptionalString("schedule", s => ScheduleHours(s) is not null, BackupScheduleRule) ?? "rate(1 day)";
        var retention = b.Int("retentionDays", 35, 1, 3_650);
        var expire = b.Int("expireAfterDays", 90, 1, 3_650);
        if (expire < retention)
        {
            throw b.Invalid("expireAfterDays", expire.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"use at least retentionDays ({retention}): a locked export cannot expire before its lock ends");
        }

        return new BackupSettings
        {
            Enabled = b.Bool("enabled", true),
            Schedule = schedule,
            ScheduleHours = ScheduleHours(schedule)!.Value,
            RetentionDays = retention,
            ExpireAfterDays = expire,
            MaxDropPercent = b.Int("maxDropPercent", 10, 1, 100),
            LockMode = b.Enum("lockMode", Choices.LockMode, ExportLockMode.Governance),
            Vault = b.OptionalObject("vault", "none: no copy outside the pool's account")?.ReadAll(v => ReadVault(v, retention, expire)),
            Publish = b.Enum("publish", Choices.Publish, LambdaPublish.ReadyToRun),
            QuotaShare = b.Fraction("quotaShare", ExportPartitions.DefaultQuotaShare, "a third (10 of 30 requests per second)", 0.05, 1),
        };
    }

    /// <summary>
    /// The interval of a rate expression in hours, or null when it is not one this app accepts: the
    /// no-successful-export alarm waits interval + 2 hours in 1-hour periods, and CloudWatch evaluates at most 7 days
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
    /// </summary>
    public static int? ScheduleHours(string expression)
    {
        var match = RateExpression().Match(expression);
        if (!match.Success || match.Groups[1].Value.StartsWith('0')
            || !int.TryParse(match.Groups[1].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var unit = match.Groups[2].Value;
        var plural = unit.EndsWith('s');
        if ((value == 1) == plural)
        {
            return null;
        }

        var hours = unit.StartsWith("day", StringComparison.Ordinal) ? (long)value * 24 : value;
        return hours is >= 1 and <= 144 ? (int)hours : null;
    }

    [GeneratedRegex(@"^rate\(([0-9]{1,4}) (hours?|days?)\)\z")]
    private static partial Regex RateExpression();


    // Off unless written; the region defaults to the one the pool ID names and may not disagree with it.
    private static MigrationSettings ReadMigration(SettingsReader m)
    {
        var poolId = m.RequiredString("oldUserPoolId", CognitoIds.IsUserPoolId, CognitoIds.UserPoolIdRule);
        var clientId = m.RequiredString("oldClientId", CognitoIds.IsClientId, CognitoIds.ClientIdRule);
        var poolRegion = CognitoIds.RegionOf(poolId);
        var region = m.OptionalString("oldRegion", r => r == poolRegion, $"use {poolRegion}, the region oldUserPoolId names, or leave it out") ?? poolRegion;
        if (!RegionName().IsMatch(region))
        {
            throw m.Invalid("oldUserPoolId", $"\"{poolId}\"", RegionRule);
        }

        return new MigrationSettings { OldUserPoolId = poolId, OldClientId = clientId, OldRegion = region };
    }

    private static UserPoolSettings ReadUserPool(SettingsReader p) => new()
    {
        SelfSignUp = p.Bool("selfSignUp", false),
        Mfa = p.Enum("mfa", Choices.Mfa, MfaMode.Required),
        FeaturePlan = p.Enum("featurePlan", Choices.FeaturePlan, FeaturePlan.Plus),
        ThreatProtection = p.Enum("threatProtection", Choices.ThreatProtection, ThreatProtectionMode.Enforced),
        DeletionProtection = p.Bool("deletionProtection", true),
        PasswordMinimumLength = p.Int("passwordMinimumLength", 12, 12, 99),
        TemporaryPasswordValidityDays = p.Int("temporaryPasswordValidityDays", 7, 1, 7),
        Groups = p.Has("groups") ? ReadGroups(p) : DefaultGroups,
        SignInFactors = p.EnumList("signInFactors", Choices.SignInFactor, PasswordOnly, 1, 3),
        Passkeys = p.ObjectOrEmpty("passkeys").ReadAll(k => new PasskeySettings
        {
            UserVerification = k.Enum("userVerification", Choices.PasskeyUserVerification, PasskeyUserVerification.Required),
        }),
        MfaFactors = p.EnumList("mfaFactors", Choices.MfaFactor, TotpOnly, 1, 2),
        PasswordHistorySize = p.Int("passwordHistorySize", 0, 0, 24),
        RiskActions = p.OptionalObject("riskActions")?.ReadAll(ReadRiskActions),
        CustomAttributes = AttributeSettingsReader.ReadCustomAttributes(p),
    };

    private static readonly IReadOnlyList<GroupSettings> DefaultGroups =
    [
        new() { Name = GroupNames.Admin, Precedence = 0, Description = "Administrators" },
        new() { Name = GroupNames.Users, Precedence = 10, Description = "Every confirmed user" },
    ];

    private static List<GroupSettings> ReadGroups(SettingsReader p)
    {
        var groups = p.ObjectList("groups", 2, 25, "each entry is { \"name\", \"precedence\", \"description\" }", "admin (0), users (10)")
            .Select(g => g.ReadAll(x => new GroupSettings
            {
                Name = x.RequiredString("name", GroupNames.IsValid, GroupNames.Rule),
                Precedence = x.RequiredInt("precedence", 0, int.MaxValue),
                Description = x.OptionalString("description", Description(), "use at most 2048 characters"),
            }))
            .ToList();
        RequireUnique(p, "groups", groups.Select(g => g.Name), "name");
        RequireUnique(p, "groups", groups.Select(g => g.Precedence.ToString(System.Globalization.CultureInfo.InvariantCulture)), "precedence");
        RequirePresent(p, "groups", groups.Select(g => g.Name), [GroupNames.Admin, GroupNames.Users],
            "the admin routes, the admin role and the default group need them");
        return groups;
    }

    private static ClientSettings ReadClients(SettingsReader c, FeaturePlan featurePlan, IReadOnlyList<CustomAttributeSettings> custom) => new()
    {
        CallbackUrls = c.StringList("callbackUrls", 1, 100, UrlRules.IsRedirectUrl, UrlRules.RedirectUrlRule),
        LogoutUrls = c.StringList("logoutUrls", 1, 100, UrlRules.IsRedirectUrl, UrlRules.RedirectUrlRule),
        AccessTokenValidityMinutes = c.Int("accessTokenValidityMinutes", 60, 5, 1_440),
        IdTokenValidityMinutes = c.Int("idTokenValidityMinutes", 60, 5, 1_440),
        RefreshTokenValidityDays = c.Int("refreshTokenValidityDays", 30, 1, 3_650),
        SmokeTestClient = c.Bool("smokeTestClient", false),
        RefreshTokenRotation = c.ObjectOrEmpty("refreshTokenRotation").ReadAll(t => new RefreshTokenRotationSettings
        {
            // Rotation needs ESSENTIALS or PLUS (see CheckSignIn): on by default where the plan has it.
            Enabled = t.Bool("enabled", featurePlan != FeaturePlan.Lite),
            RetryGracePeriodSeconds = t.Int("retryGracePeriodSeconds", 0, 0, 60),
        }),
        Web = c.ObjectOrEmpty("web").ReadAll(w => AttributeSettingsReader.ReadClient(w, custom)),
        Confidential = c.ObjectOrEmpty("confidential").ReadAll(w => AttributeSettingsReader.ReadClient(w, custom)),
        Agent = c.OptionalObject("agent", "no agent client")?.ReadAll(ReadAgentClient),
    };

    private static ResourceServerSettings ReadResourceServer(SettingsReader s)
    {
        var identifier = s.RequiredString("identifier", ResourceServerIdentifier(),
            "use 1-256 printable characters without spaces, quotes or backslashes");
        var scopes = s.ObjectList("scopes", 2, 100, "each entry is { \"name\", \"description\" }")
            .Select(x => x.ReadAll(scope => new ScopeSettings
            {
                Name = scope.RequiredString("name", ScopeName(),
                    "use 1-256 printable characters without spaces, quotes, slashes or backslashes"),
                Description = scope.RequiredString("description", ScopeDescription(), "use 1-256 characters"),
            }))
            .ToList();
        RequireUnique(s, "scopes", scopes.Select(x => x.Name), "name");
        RequirePresent(s, "scopes", scopes.Select(x => x.Name), [ScopeNames.Read, ScopeNames.Write],
            "GET /items and POST /items require them");
        return new ResourceServerSettings
        {
            Identifier = identifier,
            Name = s.OptionalString("name", ResourceServerName(), "use 1-256 letters, digits, spaces and _ + = , . @ -", "the identifier") ?? identifier,
            Scopes = scopes,
        };
    }

    /// <summary>Rules between settings; each names both keys.</summary>
    private static void CrossCheck(EnvironmentSettings s, string path)
    {
        CheckVault(s, path);
        if (s.Waf.Enabled && s.Region is { } region && CognitoRules.RegionsWithoutUserPoolWaf.Contains(region))
        {
            throw new ConfigurationException(
                $"{path}.waf.enabled true is invalid with region \"{region}\": AWS WAF cannot protect user pools in {string.Join(" and ", CognitoRules.RegionsWithoutUserPoolWaf)}; set waf.enabled false (the API stage loses its web ACL too) or choose another region");
        }

        if (s.UserPool.ThreatProtection != ThreatProtectionMode.Off && s.UserPool.FeaturePlan != FeaturePlan.Plus)
        {
            throw new ConfigurationException(
                $"{path}.userPool.threatProtection \"{Choices.ThreatProtection.NameOf(s.UserPool.ThreatProtection)}\" is invalid "
                + $"with featurePlan \"{Choices.FeaturePlan.NameOf(s.UserPool.FeaturePlan)}\": threat protection needs featurePlan PLUS; use OFF or choose PLUS");
        }

        if (s.Triggers.PreTokenGeneration && s.UserPool.FeaturePlan == FeaturePlan.Lite)
        {
            throw new ConfigurationException(
                $"{path}.triggers.preTokenGeneration true is invalid with userPool.featurePlan \"LITE\": the V2 trigger event (claims in access tokens) needs ESSENTIALS or PLUS; choose one of those or set preTokenGeneration false");
        }

        CrossCheckAuthorization(s, path);
        CrossCheckSnapStart(s, path);
        CrossCheckMonitoring(s, path);
        EmailSettingsReader.CheckSesRegion(s.Email, s.Region, path);

        var refreshMinutes = s.Clients.RefreshTokenValidityDays * 1_440;
        var longest = Math.Max(s.Clients.AccessTokenValidityMinutes, s.Clients.IdTokenValidityMinutes);
        if (refreshMinutes <= longest)
        {
            throw new ConfigurationException(
                $"{path}.clients.refreshTokenValidityDays {s.Clients.RefreshTokenValidityDays} is invalid: "
                + $"the refresh token must outlive the access and ID tokens ({longest} minutes); use at least {longest / 1_440 + 1}");
        }

        CheckStepUp(s, path);
        CheckAgentClient(s, path);
        CheckSignIn(s, path);
        CheckProtection(s, path);
        CheckReplication(s, path);
        CheckAttributesAndTriggers(s, path);
    }

    private static void CrossCheckSnapStart(EnvironmentSettings s, string path)
    {
        foreach (var (group, on, publish) in new[] { ("backend", s.Backend.SnapStart, s.Backend.Publish), ("triggers", s.Triggers.SnapStart, s.Triggers.Publish) })
        {
            if (on && publish == LambdaPublish.NativeAot)
            {
                throw new ConfigurationException(
                    $"{path}.{group}.snapStart true is invalid with {group}.publish \"nativeAot\": SnapStart serves managed runtimes only and a Native AOT bootstrap runs on provided.al2023 "
                    + $"(https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html); set {group}.snapStart false or {group}.publish \"readyToRun\"");
            }
        }

        if (s.Region is not { } region || !LambdaRules.RegionsWithoutSnapStart.Contains(region))
        {
            return;
        }

        foreach (var (key, on) in new[] { ("backend.snapStart", s.Backend.SnapStart), ("triggers.snapStart", s.Triggers.SnapStart) })
        {
            if (on)
            {
                throw new ConfigurationException(
                    $"{path}.{key} true is invalid with region \"{region}\": Lambda SnapStart is not offered in {string.Join(" and ", LambdaRules.RegionsWithoutSnapStart)}; set {key} false or choose another region");
            }
        }
    }

    private static void CrossCheckMonitoring(EnvironmentSettings s, string path)
    {
        var monitoring = s.Monitoring;
        if (monitoring.Enabled && monitoring.AlarmEmails.Count == 0 && monitoring.AlarmTopicArn is null)
        {
            throw new ConfigurationException(
                $"{path}.monitoring.alarmEmails (a list of 0) is invalid with alarmTopicArn left out: alarms need somewhere to go; "
                + "list 1-10 addresses, set alarmTopicArn, or set enabled false");
        }
    }

    private static void RequireUnique(SettingsReader r, string key, IEnumerable<string> values, string field)
    {
        var duplicate = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw r.Invalid(key, $"(two entries with {field} \"{duplicate.Key}\")", $"each {field} may appear only once");
        }
    }

    private static void RequirePresent(SettingsReader r, string key, IEnumerable<string> names, string[] required, string why)
    {
        var missing = required.Except(names, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw r.Invalid(key, $"(no entry named \"{missing[0]}\")",
                $"include entries named {string.Join(" and ", required.Select(n => $"\"{n}\""))}: {why}");
        }
    }

    [GeneratedRegex(@"^(?=.{4,253}\z)(?!.*amazoncognito\.com\z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\z")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\z")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"^arn:aws[a-z-]*:sns:[a-z]{2}(-gov)?-[a-z]+-[0-9]:[0-9]{12}:[A-Za-z0-9_-]{1,256}\z")]
    private static partial Regex SnsTopicArn();

    [GeneratedRegex(@"^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]{36}\z")]
    private static partial Regex UsEast1CertificateArn();

    /// <summary>
    /// A file setting: a path of at most 200 characters under config/ whose every segment starts with a letter,
    /// digit, underscore or hyphen, so no dot-file, no dot-directory and no "..".
    /// </summary>
    [GeneratedRegex(@"^(?=.{1,200}\z)config/(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\z")]
    internal static partial Regex RelativeFile();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,19}\\z")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[0-9]{12}\\z")]
    private static partial Regex AccountId();

    /// <summary>A region of the aws partition: not cn-* (aws-cn) nor us-gov-*-N (aws-us-gov); see <see cref="CognitoRules.SupportedPartition"/>.</summary>
    [GeneratedRegex("^(?!cn-)[a-z]{2}-[a-z]+-[0-9]\\z")]
    internal static partial Regex RegionName();

    /// <summary>What leaving out <c>account</c> and <c>region</c> means, for the configuration reference.</summary>
    private const string EnvironmentAgnostic = "none: environment-agnostic stacks (the CLI's credentials decide)";

    /// <summary>What <see cref="RegionName"/> accepts, for error messages.</summary>
    internal static readonly string RegionRule =
        $"use a region of the {CognitoRules.SupportedPartition} partition such as eu-west-1 (aws-cn and aws-us-gov are not supported)";

    private static Regex DomainPrefix() => CognitoRules.DomainPrefix();

    [GeneratedRegex(@"^[\s\S]{0,2048}\z")]
    private static partial Regex Description();

    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]{1,256}\z")]
    private static partial Regex ResourceServerIdentifier();

    [GeneratedRegex(@"^[\w\s+=,.@-]{1,256}\z")]
    private static partial Regex ResourceServerName();

    [GeneratedRegex(@"^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}\z")]
    private static partial Regex ScopeName();

    [GeneratedRegex(@"^[\P{C}]{1,256}\z")]
    private static partial Regex ScopeDescription();
}
