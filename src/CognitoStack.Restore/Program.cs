using CognitoStack.Restore;

// restore --export DIR --csv-header FILE --out DIR --pool-mfa ON|OPTIONAL|OFF
//         [--drop-attribute NAME]... [--allow-formula-like-values]
// Exit status: 0 written; 1 the export or the header failed a check (one line on stderr, nothing written);
// 2 wrong arguments.
const string Usage =
    "Usage: restore --export <dir> --csv-header <file> --out <dir> --pool-mfa ON|OPTIONAL|OFF [--drop-attribute <name>]... [--allow-formula-like-values]";

try
{
    var options = Arguments.Parse(args);
    if (options is null)
    {
        Console.WriteLine(Usage);
        Console.WriteLine();
        Console.WriteLine(RestoreScope.Screen);
        return 0;
    }

    var summary = Restorer.Run(options);
    Console.WriteLine($"verified the export of {summary.UserPoolId} started {summary.StartedAt}: manifest, SHA-256, sizes and counts match");
    Console.WriteLine($"wrote {summary.Users} users to {string.Join(", ", summary.CsvFiles.DefaultIfEmpty("(no CSV: no user to import)"))} in {options.OutputDirectory}");
    Console.WriteLine($"wrote {summary.Memberships} group memberships to group-memberships.tsv and replay-groups.sh");
    if (summary.Disabled > 0)
    {
        Console.WriteLine($"{summary.Disabled} users were disabled: run disable-users.sh after the import");
    }

    if (summary.Federated > 0)
    {
        Console.WriteLine($"{summary.Federated} federated users are not imported (federated-users.txt): they return at their next sign-in through their provider");
    }

    if (summary.Unverified > 0)
    {
        Console.Error.WriteLine($"warning: {summary.Unverified} users have neither a verified email nor a verified phone number (unverified-users.txt): the import job refuses their rows");
    }

    Console.WriteLine();
    Console.WriteLine(RestoreScope.Screen);

    return 0;
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"restore: {exception.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (RestoreException exception)
{
    Console.Error.WriteLine($"restore: {exception.Message}");
    return 1;
}
catch (IOException exception)
{
    Console.Error.WriteLine($"restore: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}");
    return 1;
}
catch (UnauthorizedAccessException exception)
{
    Console.Error.WriteLine($"restore: {exception.Message.Split('\n')[0]}");
    return 1;
}
