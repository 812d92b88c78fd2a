using System.Diagnostics;

namespace CognitoStack.Cdk.Bundling;

/// <summary>
/// The native tools a Native AOT publish links with, by version: part of that asset's hash, so a new clang,
/// lld or C library (the target's sysroot) publishes the function again. For linux-arm64 on an x64 host the
/// sysroot is Debian's cross layout, which clang finds by itself for <c>--target=aarch64-linux-gnu</c>: the C
/// library from <c>libc6-dev-arm64-cross</c> (<c>/usr/aarch64-linux-gnu</c>) and the start files and libgcc
/// from <c>gcc-aarch64-linux-gnu</c>; .ci/run installs both with clang and lld.
/// </summary>
public static class NativeToolchain
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Cache = new(StringComparer.Ordinal);

    /// <summary>The Debian packages of the target's sysroot for <paramref name="runtimeIdentifier"/> on an x64 host (besides clang and lld).</summary>
    public static IReadOnlyList<string> SysrootPackages(string runtimeIdentifier) =>
        runtimeIdentifier == DotnetPublish.LinuxArm64 ? ["gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross"] : ["libc6-dev"];

    /// <summary>
    /// <c>clang --version</c> and <c>ld.lld --version</c> (first lines) and the installed version of each
    /// package of <see cref="SysrootPackages"/> (<c>dpkg-query</c>); "missing" for a tool or package not found, so
    /// the hash still changes when it is installed. Asked once per process.
    /// </summary>
    public static IReadOnlyList<string> Versions(string runtimeIdentifier)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(runtimeIdentifier, out var versions))
            {
                versions =
                [
                    $"clang: {FirstLine("clang", "--version")}",
                    $"lld: {FirstLine("ld.lld", "--version")}",
                    .. SysrootPackages(runtimeIdentifier).Select(p => $"{p}: {FirstLine("dpkg-query", "--show", "--showformat=${Version}", p)}"),
                ];
                Cache[runtimeIdentifier] = versions;
            }

            return versions;
        }
    }

    private static string FirstLine(string tool, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return "missing";
            }

            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            var line = output.Split('\n', 2)[0].Trim();
            return process.ExitCode == 0 && line.Length > 0 ? line : "missing";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "missing";
        }
    }
}
