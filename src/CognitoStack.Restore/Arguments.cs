using CognitoStack.Restore.Import;

namespace CognitoStack.Restore;

/// <summary>The command line of the restore command.</summary>
internal static class Arguments
{
    /// <summary>The options, or null for <c>--help</c>.</summary>
    /// <exception cref="ArgumentException">A missing, unknown or repeated option, or a wrong value.</exception>
    public static RestoreOptions? Parse(IReadOnlyList<string> args)
    {
        string? export = null, header = null, output = null, mfa = null;
        var drop = new HashSet<string>(StringComparer.Ordinal);
        var allowFormulas = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    return null;
                case "--export":
                    export = Value(args, ref i, export);
                    break;
                case "--csv-header":
                    header = Value(args, ref i, header);
                    break;
                case "--out":
                    output = Value(args, ref i, output);
                    break;
                case "--pool-mfa":
                    mfa = Value(args, ref i, mfa);
                    break;
                case "--drop-attribute":
                    drop.Add(Value(args, ref i, null));
                    break;
                case "--allow-formula-like-values":
                    allowFormulas = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument {Shown.Value(args[i])}");
            }
        }

        return new RestoreOptions
        {
            ExportDirectory = export ?? throw new ArgumentException("missing --export"),
            HeaderFile = header ?? throw new ArgumentException("missing --csv-header"),
            OutputDirectory = output ?? throw new ArgumentException("missing --out"),
            Mfa = mfa switch
            {
                "ON" => PoolMfa.On,
                "OPTIONAL" => PoolMfa.Optional,
                "OFF" => PoolMfa.Off,
                null => throw new ArgumentException("missing --pool-mfa (aws cognito-idp describe-user-pool --query UserPool.MfaConfiguration)"),
                _ => throw new ArgumentException($"--pool-mfa {Shown.Value(mfa)} is invalid: use ON, OPTIONAL or OFF"),
            },
            AllowFormulaLikeValues = allowFormulas,
            DropAttributes = drop,
        };
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string? previous)
    {
        var option = args[i];
        if (previous is not null)
        {
            throw new ArgumentException($"option {option} is given twice");
        }

        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"option {option} needs a value");
        }

        return args[++i];
    }
}
