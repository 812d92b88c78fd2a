using CognitoStack.Cdk.Bundling;
using CognitoStack.Cdk.Tests.Infrastructure;
using CognitoStack.Tests.Shared;

namespace CognitoStack.Cdk.Tests.Bundling;

/// <summary>
/// The Native AOT bootstraps, published once per content: into <c>cdk.out.native-aot/&lt;asset hash&gt;</c>
/// (the hash the synthesized template's asset has), reused by every later run and CI step until an input
/// changes. A Native AOT publish takes minutes of CPU; the test run pays it once.
/// </summary>
public sealed class NativeAotBootstraps
{
    /// <summary>Every function project: each publishes a bootstrap when its group is <c>nativeAot</c>.</summary>
    public static readonly IReadOnlyList<string> Projects =
        [LambdaCode.BackendProject, LambdaCode.TriggersProject, LambdaCode.UserExportProject, LambdaCode.AuthorizerProject];

    private static readonly Dictionary<(string Project, string Runtime), Lazy<string>> Published =
        Projects
            .SelectMany(p => new[] { DotnetPublish.LinuxArm64, DotnetPublish.LinuxX64 }.Select(r => (p, r)))
            .ToDictionary(k => k, k => new Lazy<string>(() => Publish(k.p, k.r)));

    /// <summary>The linux-arm64 bootstrap of <paramref name="projectPath"/> (what the CDK deploys), published on first use.</summary>
    public static string Of(string projectPath) => Of(projectPath, DotnetPublish.LinuxArm64);

    /// <summary>
    /// The bootstrap of <paramref name="projectPath"/> for <paramref name="runtimeIdentifier"/>, published on first use:
    /// linux-x64 is the stand-in this x64 host can run.
    /// </summary>
    public static string Of(string projectPath, string runtimeIdentifier) => Published[(projectPath, runtimeIdentifier)].Value;

    private static string Publish(string projectPath, string runtimeIdentifier)
    {
        var hash = PublishInputs.HashProject(Repository.Root, projectPath, LambdaCode.HashedSettings(runtimeIdentifier, nativeAot: true));
        var cache = Path.Combine(Repository.Root, "cdk.out.native-aot", hash);
        var bootstrap = Path.Combine(cache, DotnetPublish.BootstrapFile);
        if (!File.Exists(bootstrap))
        {
            var staging = cache + ".partial";
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            DotnetPublish.Run(Path.Combine(Repository.Root, projectPath), staging, runtimeIdentifier, nativeAot: true);
            Directory.Move(staging, cache);
        }

        return bootstrap;
    }
}

/// <summary>
/// The tools a Native AOT publish needs beyond the README's prerequisites: the tests that publish are skipped
/// (with this install command) where they are missing, and always run in CI, which installs them.
/// </summary>
internal static class NativeToolchainTools
{
    /// <summary>The linker every Native AOT publish here uses (<c>-p:LinkerFlavor=lld</c>).</summary>
    public const string Linker = "ld.lld";

    /// <summary>Present with the aarch64 cross toolchain and its sysroot, which a linux-arm64 publish links against.</summary>
    public const string CrossCompiler = "aarch64-linux-gnu-gcc";

    /// <summary>How to install them on Debian or Ubuntu.</summary>
    public const string Install = "apt-get install clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross";
}

// publish "nativeAot": a bootstrap for provided.al2023 on arm64 (Graviton). Amazon Linux 2023 ships glibc 2.34
// (https://docs.aws.amazon.com/linux/al2023/release-notes/all-packages-AL2023.10.html lists glibc-2.34), so the
// binary may ask for no symbol version above GLIBC_2.34, and it must be AArch64 code.
public sealed class NativeAotTests
{
    private static readonly Version AmazonLinux2023Glibc = new(2, 34);

    // What the Lambda OS-only runtime provides to the bootstrap: glibc's libraries only (no libstdc++, no ICU:
    // InvariantGlobalization is set in every function project).
    private static readonly string[] AllowedLibraries = ["libc.so.6", "libm.so.6", "ld-linux-aarch64.so.1"];

    public static TheoryData<string> Projects => [.. NativeAotBootstraps.Projects];

    [Fact]
    public void NativeAotSettings_Should_PublishASelfContainedNativeExecutableLinkedWithLld() =>
        Assert.Equal(
            ["--configuration", "Release", "--runtime", "linux-arm64", "--self-contained", "true", "-p:PublishAot=true", "-p:LinkerFlavor=lld", "-p:StripSymbols=true"],
            DotnetPublish.NativeAotSettings(DotnetPublish.LinuxArm64));

    [Fact]
    public void AssetHash_Should_CoverTheNativeToolchain_When_PublishedAsNativeAot()
    {
        var settings = LambdaCode.HashedSettings(DotnetPublish.LinuxArm64, nativeAot: true);

        Assert.Equal(["clang: ", "lld: ", "gcc-aarch64-linux-gnu: ", "libc6-dev-arm64-cross: "],
            settings.Skip(DotnetPublish.NativeAotSettings(DotnetPublish.LinuxArm64).Count).Select(s => s[..(s.IndexOf(':', StringComparison.Ordinal) + 2)]));
        Assert.NotEqual(
            PublishInputs.HashProject(Repository.Root, LambdaCode.TriggersProject, LambdaCode.HashedSettings(DotnetPublish.LinuxArm64, nativeAot: false)),
            PublishInputs.HashProject(Repository.Root, LambdaCode.TriggersProject, settings));
    }

    [ToolTheory(NativeToolchainTools.CrossCompiler, NativeToolchainTools.Install)]
    [MemberData(nameof(Projects))]
    public void Bootstrap_Should_RunOnAmazonLinux2023Arm64(string projectPath)
    {
        var elf = ElfFile.Read(NativeAotBootstraps.Of(projectPath));

        Assert.Empty(AmazonLinux2023Problems(elf));
        Assert.Contains(elf.VersionsNeeded, v => v.Version.StartsWith("GLIBC_", StringComparison.Ordinal));
    }

    [ToolFact(NativeToolchainTools.CrossCompiler, NativeToolchainTools.Install)]
    public void TriggersPackage_Should_HoldTheBootstrapAndTheMessageFiles()
    {
        var package = Path.GetDirectoryName(NativeAotBootstraps.Of(LambdaCode.TriggersProject))!;

        Assert.Equal(["bootstrap", "messages/de.json", "messages/en.json"],
            Directory.GetFiles(package, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(package, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("GLIBC_2.35", ElfFile.Aarch64, "libc.so.6", "libc.so.6 GLIBC_2.35 is newer than Amazon Linux 2023's glibc 2.34")]
    [InlineData("GLIBC_2.34", ElfFile.X86_64, "libc.so.6", "machine 62 is not AArch64 (183)")]
    [InlineData("GLIBC_2.34", ElfFile.Aarch64, "libstdc++.so.6", "needs libstdc++.so.6, which provided.al2023 may not have")]
    public void Check_Should_Fail_When_TheBinaryNeedsMoreThanAmazonLinux2023Arm64Has(string version, ushort machine, string library, string problem)
    {
        var elf = new ElfFile(machine, ["libc.so.6", library], [("libc.so.6", "GLIBC_2.17"), (library, version)]);

        Assert.Contains(problem, AmazonLinux2023Problems(elf));
    }

    [Fact]
    public void Check_Should_Pass_When_TheBinaryNeedsGlibc234AtMost() =>
        Assert.Empty(AmazonLinux2023Problems(new ElfFile(ElfFile.Aarch64, ["libc.so.6", "libm.so.6"], [("libc.so.6", "GLIBC_2.17"), ("libc.so.6", "GLIBC_2.34")])));

    // The reader against a binary it did not produce: this host's own env(1), an x86-64 glibc executable.
    [Fact]
    public void Reader_Should_ReadAHostExecutablesMachineLibrariesAndVersions()
    {
        var elf = ElfFile.Read("/usr/bin/env");

        Assert.Equal(ElfFile.X86_64, elf.Machine);
        Assert.Contains("libc.so.6", elf.Needed);
        Assert.Contains(("libc.so.6", "GLIBC_2.2.5"), elf.VersionsNeeded);
    }

    private static List<string> AmazonLinux2023Problems(ElfFile elf)
    {
        var problems = new List<string>();
        if (elf.Machine != ElfFile.Aarch64)
        {
            problems.Add($"machine {elf.Machine} is not AArch64 ({ElfFile.Aarch64})");
        }

        problems.AddRange(elf.Needed.Where(l => !AllowedLibraries.Contains(l, StringComparer.Ordinal)).Select(l => $"needs {l}, which provided.al2023 may not have"));
        problems.AddRange(elf.VersionsNeeded
            .Where(v => v.Version.StartsWith("GLIBC_", StringComparison.Ordinal) && Version.TryParse(v.Version["GLIBC_".Length..], out var needed) && needed > AmazonLinux2023Glibc)
            .Select(v => $"{v.File} {v.Version} is newer than Amazon Linux 2023's glibc {AmazonLinux2023Glibc}"));
        return problems;
    }
}
