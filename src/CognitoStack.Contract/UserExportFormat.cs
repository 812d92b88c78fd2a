using System.Globalization;

namespace CognitoStack.Contract;

/// <summary>
/// The layout of a user export (issue #19): what the exporter writes and what the restore command reads,
/// so neither side spells a key, a file name or a JSON property on its own.
/// </summary>
/// <remarks>
/// <para>Objects of one export live under <c>exports/&lt;userPoolId&gt;/&lt;startedAt yyyyMMddTHHmmssZ&gt;/</c>:
/// <c>users-0-00001.jsonl.gz</c>, <c>users-0-00002.jsonl.gz</c>, …, <c>users-f-00001.jsonl.gz</c> (gzip JSON Lines,
/// one user per line; the letter is the <see cref="ExportPartitions">partition</see>, the first hex digit of the
/// users' <c>sub</c>) and <c>manifest.json</c>, written last: an export without a manifest is incomplete and must
/// not be restored. Format 1 (issue #19, one sequential export) named its files <c>users-00001.jsonl.gz</c> and had
/// no partitions; the restore still reads it.</para>
/// <para>A user line: <c>{"username":"…","sub":"…","status":"CONFIRMED","enabled":true,"created":"2026-01-02T03:04:05Z",
/// "lastModified":"…","attributes":{"email":"…","email_verified":"true",…},"groups":["admin",…]}</c>; attribute
/// values are strings, exactly as Cognito returns them (<c>sub</c> is also among them).</para>
/// <para>The manifest: <c>{"formatVersion":1,"userPoolId":"…","region":"…","startedAt":"…","finishedAt":"…",
/// "userCount":N,"groups":{"admin":3,"users":10},"partitions":[{"subPrefix":"0","users":312},…],
/// "files":[{"key":"…/users-0-00001.jsonl.gz","partition":"0","sha256":"&lt;hex of the gzip bytes&gt;","bytes":123,
/// "users":5000}]}</c>. Format 1 has neither <c>partitions</c> nor a file's <c>partition</c>.</para>
/// <para>Objects under <see cref="StateFolder"/> of an export are the exporter's checkpoint (resuming a pool
/// too large for one invocation); they are not part of the export.</para>
/// </remarks>
public static class UserExportFormat
{
    /// <summary>The manifest's <c>formatVersion</c> this layout describes (2: partitioned by <c>sub</c> prefix).</summary>
    public const int FormatVersion = 2;

    /// <summary>The first format (issue #19): one sequence of files, no partitions. Still restorable.</summary>
    public const int UnpartitionedFormatVersion = 1;

    /// <summary>Every export's key starts with this.</summary>
    public const string RootPrefix = "exports/";

    /// <summary>The manifest's name inside an export's folder.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>The checkpoint folder inside an export's folder (not part of the export).</summary>
    public const string StateFolder = "state/";

    /// <summary>
    /// Per pool: the manifest key of the newest complete export, <c>{"manifestKey":"…","userCount":N}</c>, overwritten
    /// after each export (the bucket keeps every version).
    /// </summary>
    public const string LatestName = "latest.json";

    /// <summary>The <c>startedAt</c> folder name format (UTC).</summary>
    public const string FolderTimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The format of every timestamp inside the files (<c>created</c>, <c>startedAt</c>, …): ISO 8601 UTC, whole seconds.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>
    /// Media type of the user files. No <c>Content-Encoding</c>: a client that decompressed on download would
    /// no longer match the manifest's SHA-256 of the gzip bytes.
    /// </summary>
    public const string UsersContentType = "application/gzip";

    /// <summary>The folder of one pool's exports: <c>exports/&lt;userPoolId&gt;/</c>.</summary>
    public static string PoolPrefix(string userPoolId) => $"{RootPrefix}{userPoolId}/";

    /// <summary>The folder of one export: <c>exports/&lt;userPoolId&gt;/&lt;yyyyMMddTHHmmssZ&gt;/</c>.</summary>
    public static string ExportPrefix(string userPoolId, DateTimeOffset startedAt) =>
        $"{PoolPrefix(userPoolId)}{startedAt.UtcDateTime.ToString(FolderTimeFormat, CultureInfo.InvariantCulture)}/";

    /// <summary>The name of the <paramref name="number"/>th user file (from 1): <c>users-00001.jsonl.gz</c>.</summary>
    public static string UsersFileName(int number) =>
        number is >= 1 and <= 99_999
            ? string.Create(CultureInfo.InvariantCulture, $"users-{number:00000}.jsonl.gz")
            : throw new ArgumentOutOfRangeException(nameof(number), number, "user files are numbered 1-99999");

    /// <summary>
    /// The name of the <paramref name="number"/>th user file (from 1) of partition <paramref name="partition"/>:
    /// <c>users-a-00001.jsonl.gz</c>.
    /// </summary>
    public static string UsersFileName(string partition, int number) =>
        ExportPartitions.IsPartition(partition)
            ? UsersFileName(number).Insert("users-".Length, partition + "-")
            : throw new ArgumentOutOfRangeException(nameof(partition), partition, "a partition is one lower-case hex digit");

    /// <summary>Formats a timestamp as the files write it.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>JSON property names of a user line.</summary>
    public static class UserLine
    {
        /// <summary>The user name (Cognito <c>Username</c>).</summary>
        public const string Username = "username";

        /// <summary>The user's <c>sub</c> attribute.</summary>
        public const string Sub = "sub";

        /// <summary>Cognito <c>UserStatus</c>: <c>CONFIRMED</c>, <c>FORCE_CHANGE_PASSWORD</c>, <c>RESET_REQUIRED</c>, …</summary>
        public const string Status = "status";

        /// <summary>Whether the user is enabled.</summary>
        public const string Enabled = "enabled";

        /// <summary>Cognito <c>UserCreateDate</c>.</summary>
        public const string Created = "created";

        /// <summary>Cognito <c>UserLastModifiedDate</c>.</summary>
        public const string LastModified = "lastModified";

        /// <summary>Every attribute, name to string value.</summary>
        public const string Attributes = "attributes";

        /// <summary>Names of the groups the user belongs to.</summary>
        public const string Groups = "groups";
    }

    /// <summary>JSON property names of the manifest.</summary>
    public static class Manifest
    {
        /// <summary>The layout version, <see cref="FormatVersion"/>.</summary>
        public const string FormatVersion = "formatVersion";

        /// <summary>The exported pool.</summary>
        public const string UserPoolId = "userPoolId";

        /// <summary>The pool's region.</summary>
        public const string Region = "region";

        /// <summary>When the export started (the first read).</summary>
        public const string StartedAt = "startedAt";

        /// <summary>When the last user file was written.</summary>
        public const string FinishedAt = "finishedAt";

        /// <summary>Users in all files together.</summary>
        public const string UserCount = "userCount";

        /// <summary>Group name to member count.</summary>
        public const string Groups = "groups";

        /// <summary>The user files, in order.</summary>
        public const string Files = "files";

        /// <summary>Format 2: every partition, its <see cref="PartitionPrefix"/> and <see cref="PartitionUsers"/>.</summary>
        public const string Partitions = "partitions";

        /// <summary>The prefix of <c>sub</c> a partition holds (one hex digit).</summary>
        public const string PartitionPrefix = "subPrefix";

        /// <summary>Users the partition holds.</summary>
        public const string PartitionUsers = "users";

        /// <summary>Format 2: the partition a file belongs to.</summary>
        public const string FilePartition = "partition";

        /// <summary>A file's full key.</summary>
        public const string FileKey = "key";

        /// <summary>Lower-case hex SHA-256 of the file's (gzip) bytes.</summary>
        public const string FileSha256 = "sha256";

        /// <summary>The file's size in bytes.</summary>
        public const string FileBytes = "bytes";

        /// <summary>Users (lines) in the file.</summary>
        public const string FileUsers = "users";
    }
}

/// <summary>
/// The custom metrics the exporter emits (embedded metric format log lines, no dimensions, in the namespace of
/// <see cref="EnvironmentVariables.MetricNamespace"/>) and the Monitoring stack alarms on.
/// </summary>
public static class UserExportMetrics
{
    /// <summary>1 when an export finished and its manifest was written.</summary>
    public const string Succeeded = "UserExportSucceeded";

    /// <summary>Users in the finished export.</summary>
    public const string ExportedUsers = "ExportedUsers";

    /// <summary>How far the user count fell since the previous export, in percent (0 when it did not fall).</summary>
    public const string DropPercent = "ExportedUsersDropPercent";
}
