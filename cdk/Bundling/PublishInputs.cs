using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace CognitoStack.Cdk.Bundling;

/// <summary>
/// The files a <c>dotnet publish</c> of one project reads from the repository, and a hash over them: the
/// Lambda asset's hash, so that a change to any of them (and only to them) makes the CDK publish and
/// deploy the function again.
/// </summary>
/// <remarks>
/// <para>The inputs are:</para>
/// <list type="bullet">
/// <item>the project's folder and the folder of every project it references, transitively
/// (<c>ProjectReference</c>), without <c>bin</c> and <c>obj</c> at any depth;</item>
/// <item>files those projects include from elsewhere (<c>Compile</c>, <c>Content</c>, <c>None</c>,
/// <c>EmbeddedResource</c>, <c>AdditionalFiles</c> items and <c>Import</c>s pointing outside the folder; a
/// wildcard item adds the whole folder before its first wildcard);</item>
/// <item>the files MSBuild and the SDK resolver pick up by walking up from each project folder to the
/// repository root: <c>Directory.Build.props</c>, <c>Directory.Build.targets</c>,
/// <c>Directory.Packages.props</c>, <c>NuGet.config</c> and <c>global.json</c> (and what they include);</item>
/// <item>the publish settings (runtime identifier, ReadyToRun: <see cref="DotnetPublish.Settings(string)"/> or, for Native AOT, <see cref="DotnetPublish.NativeAotSettings"/> and <see cref="NativeToolchain.Versions"/>), given by the caller.</item>
/// </list>
/// <para>
/// Not inputs: <c>.editorconfig</c>. With <c>EnforceCodeStyleInBuild</c> it decides whether the build
/// passes (style rules are warnings, warnings are errors) but not what it produces: analyzer options change
/// diagnostics only, and no source generator these projects use reads them. A style-only change would
/// otherwise redeploy byte-identical functions. Also not an input: the installed SDK itself (global.json
/// pins its feature band; hashing the machine's exact SDK would make the hash differ between machines).
/// </para>
/// <para>
/// The hash is deterministic: files in ordinal order of their repository-relative path with <c>/</c>
/// separators, each contributing its path, length and content; nothing about the machine, the checkout
/// location or file times.
/// </para>
/// </remarks>
public static class PublishInputs
{
    private static readonly string[] RootFiles =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "NuGet.config", "global.json"];

    private static readonly string[] ItemTypes = ["Compile", "Content", "None", "EmbeddedResource", "AdditionalFiles"];

    private static readonly string[] BuildOutput = ["bin", "obj"];

    /// <summary>Every input of publishing <paramref name="projectPath"/>, repository-relative with <c>/</c>, sorted ordinally.</summary>
    /// <param name="repositoryRoot">The repository root; no input may lie outside it.</param>
    /// <param name="projectPath">The project folder, relative to the root, e.g. <c>src/CognitoStack.Backend</c>.</param>
    public static IReadOnlyList<string> Files(string repositoryRoot, string projectPath)
    {
        var root = Path.GetFullPath(repositoryRoot);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var projects = new Queue<string>([Resolve(root, root, projectPath, projectPath)]);
        var seenProjects = new HashSet<string>(StringComparer.Ordinal);
        var msbuildFiles = new Queue<string>();

        while (projects.Count > 0)
        {
            var project = projects.Dequeue();
            if (!seenProjects.Add(project))
            {
                continue;
            }

            AddFolder(root, project, files);
            foreach (var projectFile in Directory.EnumerateFiles(project, "*.csproj"))
            {
                msbuildFiles.Enqueue(projectFile);
            }

            foreach (var file in FilesAbove(root, project))
            {
                files.Add(Relative(root, file));
                if (file.EndsWith(".props", StringComparison.Ordinal) || file.EndsWith(".targets", StringComparison.Ordinal))
                {
                    msbuildFiles.Enqueue(file);
                }
            }

            while (msbuildFiles.Count > 0)
            {
                var file = msbuildFiles.Dequeue();
                foreach (var (kind, path) in References(root, file))
                {
                    if (kind == ReferenceKind.Project)
                    {
                        projects.Enqueue(Path.GetDirectoryName(path)!);
                    }
                    else if (kind == ReferenceKind.Folder)
                    {
                        AddFolder(root, path, files);
                    }
                    else if (File.Exists(path) && files.Add(Relative(root, path)) && kind == ReferenceKind.Import)
                    {
                        msbuildFiles.Enqueue(path);
                    }
                }
            }
        }

        return [.. files];
    }

    /// <summary>SHA-256 (lower-case hex) over <paramref name="files"/>: each file's relative path, length and content.</summary>
    /// <param name="repositoryRoot">The repository root the paths are relative to.</param>
    /// <param name="files">Repository-relative paths, as <see cref="Files"/> returns them.</param>
    public static string Hash(string repositoryRoot, IReadOnlyList<string> files) => Hash(repositoryRoot, files, []);

    /// <summary>
    /// SHA-256 (lower-case hex) over <paramref name="publishSettings"/> (the arguments that decide what the
    /// publish produces, such as its runtime identifier and ReadyToRun), then over <paramref name="files"/>.
    /// </summary>
    /// <param name="repositoryRoot">The repository root the paths are relative to.</param>
    /// <param name="files">Repository-relative paths, as <see cref="Files"/> returns them.</param>
    /// <param name="publishSettings">Publish arguments, in order; none leaves the hash of the files alone.</param>
    public static string Hash(string repositoryRoot, IReadOnlyList<string> files, IReadOnlyList<string> publishSettings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[sizeof(long)];
        foreach (var setting in publishSettings)
        {
            // A prefix no repository path starts with, so settings and files cannot be confused.
            hash.AppendData("\0setting:"u8);
            hash.AppendData(Encoding.UTF8.GetBytes(setting));
            hash.AppendData([0]);
        }

        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var content = File.ReadAllBytes(Path.Combine(repositoryRoot, file));
            hash.AppendData(Encoding.UTF8.GetBytes(file));
            hash.AppendData([0]);
            BitConverter.TryWriteBytes(length, (long)content.Length);
            hash.AppendData(length);
            hash.AppendData(content);
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>The hash of every input of publishing <paramref name="projectPath"/>.</summary>
    public static string HashProject(string repositoryRoot, string projectPath) =>
        Hash(repositoryRoot, Files(repositoryRoot, projectPath));

    /// <summary>The hash of every input of publishing <paramref name="projectPath"/> with <paramref name="publishSettings"/>.</summary>
    public static string HashProject(string repositoryRoot, string projectPath, IReadOnlyList<string> publishSettings) =>
        Hash(repositoryRoot, Files(repositoryRoot, projectPath), publishSettings);

    private enum ReferenceKind
    {
        Project,
        Import,
        File,
        Folder,
    }

    private static void AddFolder(string root, string folder, SortedSet<string> files)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar);
            if (!relative[..^1].Any(segment => BuildOutput.Contains(segment, StringComparer.Ordinal)))
            {
                files.Add(Relative(root, file));
            }
        }
    }

    // MSBuild imports the nearest Directory.Build.props/.targets and Directory.Packages.props; NuGet merges
    // every NuGet.config up the tree; the SDK resolver reads the nearest global.json. Every one found between
    // the project folder and the root is taken: a superset, never a miss.
    private static IEnumerable<string> FilesAbove(string root, string folder)
    {
        for (var current = folder; current is not null && IsUnder(root, current); current = Path.GetDirectoryName(current))
        {
            foreach (var file in Directory.EnumerateFiles(current))
            {
                if (RootFiles.Contains(Path.GetFileName(file), StringComparer.OrdinalIgnoreCase))
                {
                    yield return file;
                }
            }
        }
    }

    private static IEnumerable<(ReferenceKind Kind, string Path)> References(string root, string msbuildFile)
    {
        var folder = Path.GetDirectoryName(msbuildFile)!;
        var document = XDocument.Load(msbuildFile);
        foreach (var element in document.Descendants())
        {
            var name = element.Name.LocalName;
            var include = (string?)element.Attribute(name == "Import" ? "Project" : "Include");
            // An SDK's own imports (<Import Sdk="...">) come with the installed SDK, not the repository.
            if (include is null || element.Attribute("Sdk") is not null
                || (name != "Import" && name != "ProjectReference" && !ItemTypes.Contains(name, StringComparer.Ordinal)))
            {
                continue;
            }

            foreach (var spec in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var path = Resolve(root, folder, Expand(spec, folder, msbuildFile), msbuildFile);
                var wildcard = path.IndexOfAny(['*', '?']);
                yield return name switch
                {
                    "ProjectReference" => (ReferenceKind.Project, path),
                    "Import" => (ReferenceKind.Import, path),
                    _ when wildcard >= 0 => (ReferenceKind.Folder, Path.GetDirectoryName(path[..wildcard])!),
                    _ => (ReferenceKind.File, path),
                };
            }
        }
    }

    private static string Expand(string spec, string folder, string msbuildFile)
    {
        var expanded = spec
            .Replace("$(MSBuildThisFileDirectory)", folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            .Replace("$(MSBuildProjectDirectory)", folder, StringComparison.Ordinal);
        return expanded.Contains("$(", StringComparison.Ordinal) || expanded.Contains("@(", StringComparison.Ordinal)
            ? throw new InvalidOperationException(
                $"{msbuildFile}: cannot tell which files \"{spec}\" names, so the Lambda asset hash could miss a change; use a path relative to the file or $(MSBuildThisFileDirectory)")
            : expanded.Replace('\\', Path.DirectorySeparatorChar);
    }

    private static string Resolve(string root, string folder, string path, string origin)
    {
        var full = Path.GetFullPath(Path.Combine(folder, path));
        return IsUnder(root, full)
            ? full
            : throw new InvalidOperationException(
                $"{origin}: \"{path}\" lies outside the repository, so it cannot be part of the Lambda asset hash; keep build inputs inside {root}");
    }

    private static bool IsUnder(string root, string path) =>
        path == root || path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
