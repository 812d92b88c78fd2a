using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CognitoStack.Contract;

namespace CognitoStack.Restore.Export;

/// <summary>
/// An export directory whose manifest has been checked against every byte: format version, pool id, each
/// file's SHA-256, size and user count, the total user count, the group member counts, one JSON user per
/// line and no user twice; for a partitioned export (format 2) also that the partitions are exactly the 16 sub
/// prefixes, that every user's sub starts with its file's partition and that each partition holds the users the
/// manifest says. Format 1 (issue #19, unpartitioned) is read as before. Only a verified export is ever turned into
/// import files.
/// </summary>
internal sealed partial class VerifiedExport
{
    private readonly string _directory;
    private readonly List<(string Path, ExportFile File)> _files;

    private VerifiedExport(string directory, ExportManifest manifest, List<(string Path, ExportFile File)> files)
    {
        _directory = directory;
        Manifest = manifest;
        _files = files;
    }

    /// <summary>The verified manifest.</summary>
    public ExportManifest Manifest { get; }

    /// <summary>The pool the export was taken from.</summary>
    public string UserPoolId => Manifest.UserPoolId!;

    /// <summary>When the export started, as the manifest says.</summary>
    public string StartedAt => Manifest.StartedAt!;

    /// <summary>
    /// Checks the export in <paramref name="directory"/> (the objects of one export, copied with
    /// <c>aws s3 cp --recursive</c>); <paramref name="checkUser"/> runs on every user, so a problem in any
    /// user is found before anything is written.
    /// </summary>
    /// <exception cref="RestoreException">The first problem found.</exception>
    public static VerifiedExport Open(string directory, Action<UserLine> checkUser)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new RestoreException($"export directory \"{directory}\" does not exist");
        }

        var manifest = ReadManifest(directory);
        var files = ListedFiles(directory, manifest);
        var export = new VerifiedExport(directory, manifest, files);

        foreach (var (path, file) in files)
        {
            CheckHash(path, file);
        }

        var usernames = new HashSet<string>(StringComparer.Ordinal);
        var groups = new Dictionary<string, long>(StringComparer.Ordinal);
        var partitions = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (var (path, file) in files)
        {
            long inFile = 0;
            foreach (var line in ReadUsers(path))
            {
                inFile++;
                if (file.Partition is { } partition && line.User.Sub?.StartsWith(partition, StringComparison.Ordinal) != true)
                {
                    throw new RestoreException($"{line.Where}: user {Shown.Value(line.User.Username)} has sub {Shown.Value(line.User.Sub)}, outside the file's partition {partition}");
                }

                if (!usernames.Add(line.User.Username!))
                {
                    throw new RestoreException($"{line.Where}: user {Shown.Value(line.User.Username)} appears twice in the export");
                }

                foreach (var group in line.User.Groups!)
                {
                    groups[group] = groups.GetValueOrDefault(group) + 1;
                }

                checkUser(line);
            }

            if (inFile != file.Users)
            {
                throw new RestoreException($"{Path.GetFileName(path)} holds {inFile} users, the manifest says {file.Users}");
            }

            total += inFile;
            if (file.Partition is { } p)
            {
                partitions[p] = partitions.GetValueOrDefault(p) + inFile;
            }
        }

        foreach (var partition in manifest.Partitions ?? [])
        {
            var found = partitions.GetValueOrDefault(partition.SubPrefix!);
            if (found != partition.Users)
            {
                throw new RestoreException($"partition {partition.SubPrefix} holds {found} users in the export, the manifest says {partition.Users}");
            }
        }

        if (total != manifest.UserCount)
        {
            throw new RestoreException($"the export holds {total} users, the manifest's userCount says {manifest.UserCount}");
        }

        foreach (var name in manifest.Groups!.Keys.Union(groups.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var expected = manifest.Groups.GetValueOrDefault(name);
            var found = groups.GetValueOrDefault(name);
            if (expected != found)
            {
                throw new RestoreException($"group {Shown.Value(name)} has {found} members in the export, the manifest says {expected}");
            }
        }

        return export;
    }

    /// <summary>Every user, file by file, line by line (the files are read again, not held in memory).</summary>
    public IEnumerable<UserLine> Users() => _files.SelectMany(f => ReadUsers(f.Path));

    /// <summary>The directory the export was read from.</summary>
    public string Directory => _directory;

    private static ExportManifest ReadManifest(string directory)
    {
        var path = Path.Combine(directory, UserExportFormat.ManifestName);
        if (!File.Exists(path))
        {
            throw new RestoreException($"{UserExportFormat.ManifestName} is missing in \"{directory}\": the export is incomplete (the exporter writes it last) or this is not an export directory");
        }

        ExportManifest? manifest;
        try
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize(stream, ExportJsonContext.Default.ExportManifest);
        }
        catch (JsonException exception)
        {
            throw new RestoreException($"{UserExportFormat.ManifestName} is not a valid manifest: {FirstLine(exception.Message)}");
        }

        if (manifest is null)
        {
            throw new RestoreException($"{UserExportFormat.ManifestName} is not a valid manifest: it is JSON null");
        }

        if (manifest.FormatVersion is not (UserExportFormat.UnpartitionedFormatVersion or UserExportFormat.FormatVersion))
        {
            throw new RestoreException($"{UserExportFormat.ManifestName} formatVersion {Shown.Value(manifest.FormatVersion?.ToString(CultureInfo.InvariantCulture))} is not supported: this tool reads formatVersion {UserExportFormat.UnpartitionedFormatVersion} and {UserExportFormat.FormatVersion}");
        }

        CheckPartitions(manifest);

        if (manifest.UserPoolId is null || !UserPoolIdPattern().IsMatch(manifest.UserPoolId))
        {
            throw new RestoreException($"{UserExportFormat.ManifestName} userPoolId {Shown.Value(manifest.UserPoolId)} is not a user pool id");
        }

        if (manifest.StartedAt is null || manifest.UserCount is not >= 0 || manifest.Files is null || manifest.Groups is null)
        {
            throw new RestoreException($"{UserExportFormat.ManifestName} lacks startedAt, userCount, groups or files");
        }

        if (manifest.Groups.Any(g => !GroupNames.IsValid(g.Key) || g.Value < 0))
        {
            var bad = manifest.Groups.First(g => !GroupNames.IsValid(g.Key) || g.Value < 0);
            throw new RestoreException($"{UserExportFormat.ManifestName} groups entry {Shown.Value(bad.Key)}: {bad.Value} is invalid: {GroupNames.Rule}, with a count of 0 or more");
        }

        return manifest;
    }

    // Format 2 lists the 16 sub prefixes, each once: together they hold every user exactly once (ExportPartitions).
    private static void CheckPartitions(ExportManifest manifest)
    {
        var partitioned = manifest.FormatVersion == UserExportFormat.FormatVersion;
        if (!partitioned)
        {
            if (manifest.Partitions is not null)
            {
                throw new RestoreException($"{UserExportFormat.ManifestName} of formatVersion {UserExportFormat.UnpartitionedFormatVersion} has partitions: only formatVersion {UserExportFormat.FormatVersion} is partitioned");
            }

            return;
        }

        var prefixes = manifest.Partitions?.Select(p => p?.SubPrefix).ToList();
        if (prefixes is null || manifest.Partitions!.Any(p => p is null || p.Users is not >= 0)
            || !prefixes.Order(StringComparer.Ordinal).SequenceEqual(ExportPartitions.All, StringComparer.Ordinal))
        {
            throw new RestoreException($"{UserExportFormat.ManifestName} partitions are invalid: expected each of the {ExportPartitions.Count} sub prefixes {string.Join(' ', ExportPartitions.All)} once, with a user count of 0 or more");
        }
    }

    private static List<(string, ExportFile)> ListedFiles(string directory, ExportManifest manifest)
    {
        var prefix = $"{UserExportFormat.RootPrefix}{manifest.UserPoolId}/";
        var listed = new List<(string, ExportFile)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files!)
        {
            var key = file?.Key;
            var name = key is null ? null : key[(key.LastIndexOf('/') + 1)..];
            var partitioned = manifest.FormatVersion == UserExportFormat.FormatVersion;
            var match = name is null ? null : (partitioned ? PartitionedFileName() : UserFileName()).Match(name);
            if (file is null || key is null || !key.StartsWith(prefix, StringComparison.Ordinal) || match is not { Success: true })
            {
                throw new RestoreException($"{UserExportFormat.ManifestName} files entry {Shown.Value(key)} is invalid: expected a key {prefix}<startedAt>/{(partitioned ? "users-P-NNNNN.jsonl.gz" : "users-NNNNN.jsonl.gz")}");
            }

            if (partitioned ? file.Partition != match.Groups["p"].Value : file.Partition is not null)
            {
                throw new RestoreException($"{UserExportFormat.ManifestName} files entry {Shown.Value(key)} has partition {Shown.Value(file.Partition)}: {(partitioned ? "the partition its name says" : "formatVersion 1 has no partitions")}");
            }

            if (file.Sha256 is null || !Sha256Hex().IsMatch(file.Sha256) || file.Bytes is not >= 0 || file.Users is not >= 0)
            {
                throw new RestoreException($"{UserExportFormat.ManifestName} files entry {Shown.Value(key)} lacks a 64-digit lower-case hex sha256, bytes or users");
            }

            if (!names.Add(name!))
            {
                throw new RestoreException($"{UserExportFormat.ManifestName} lists {name} twice");
            }

            var path = Path.Combine(directory, name!);
            if (!File.Exists(path))
            {
                throw new RestoreException($"{name} is listed in {UserExportFormat.ManifestName} but missing in \"{directory}\"");
            }

            listed.Add((path, file));
        }

        var unlisted = System.IO.Directory.EnumerateFiles(directory, "users-*")
            .Select(Path.GetFileName)
            .FirstOrDefault(n => !names.Contains(n!));
        if (unlisted is not null)
        {
            throw new RestoreException($"{unlisted} is in \"{directory}\" but not in {UserExportFormat.ManifestName}: files from another export, or the manifest was edited");
        }

        return listed;
    }

    private static void CheckHash(string path, ExportFile file)
    {
        using var stream = File.OpenRead(path);
        var bytes = stream.Length;
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (bytes != file.Bytes)
        {
            throw new RestoreException($"{Path.GetFileName(path)} has {bytes} bytes, the manifest says {file.Bytes}: the file is truncated or was changed");
        }

        if (hash != file.Sha256)
        {
            throw new RestoreException($"{Path.GetFileName(path)} has SHA-256 {hash}, the manifest says {file.Sha256}: the file was changed after the export");
        }
    }

    private static IEnumerable<UserLine> ReadUsers(string path)
    {
        var name = Path.GetFileName(path);
        using var stream = File.OpenRead(path);
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        long number = 0;
        while (true)
        {
            string? text;
            try
            {
                text = reader.ReadLine();
            }
            catch (Exception exception) when (exception is InvalidDataException or DecoderFallbackException)
            {
                throw new RestoreException($"{name} line {number + 1}: not valid gzip or UTF-8 ({exception.GetType().Name})");
            }

            if (text is null)
            {
                yield break;
            }

            number++;
            yield return new UserLine($"{name} line {number}", Parse(text, $"{name} line {number}"));
        }
    }

    private static ExportedUser Parse(string text, string where)
    {
        ExportedUser? user;
        try
        {
            user = JsonSerializer.Deserialize(text, ExportJsonContext.Default.ExportedUser);
        }
        catch (JsonException exception)
        {
            throw new RestoreException($"{where}: not a valid user line: {FirstLine(exception.Message)}");
        }

        if (user?.Username is not { Length: > 0 } || user.Status is null || user.Enabled is null || user.Attributes is null || user.Groups is null)
        {
            throw new RestoreException($"{where}: not a valid user line: username, status, enabled, attributes and groups are required");
        }

        if (user.Username.Length > 128 || user.Username.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new RestoreException($"{where}: username {Shown.Value(user.Username)} is not a Cognito user name (1-128 characters, no white space or control characters)");
        }

        var badGroup = user.Groups.FirstOrDefault(g => !GroupNames.IsValid(g));
        if (user.Groups.Contains(null!) || badGroup is not null)
        {
            throw new RestoreException($"{where}: group {Shown.Value(badGroup)} of user {Shown.Value(user.Username)} is invalid: {GroupNames.Rule}");
        }

        return user;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [GeneratedRegex(@"^[\w-]+_[0-9a-zA-Z]+\z")]
    private static partial Regex UserPoolIdPattern();

    [GeneratedRegex(@"^users-[0-9]{5}\.jsonl\.gz\z")]
    private static partial Regex UserFileName();

    [GeneratedRegex(@"^users-(?<p>[0-9a-f])-[0-9]{5}\.jsonl\.gz\z")]
    private static partial Regex PartitionedFileName();

    [GeneratedRegex("^[0-9a-f]{64}\\z")]
    private static partial Regex Sha256Hex();
}

/// <summary>One user and where it was read, e.g. <c>users-00001.jsonl.gz line 7</c>.</summary>
internal sealed record UserLine(string Where, ExportedUser User);
