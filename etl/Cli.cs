namespace Analytics.Etl;

/// <summary>
/// Dispatches the etl commands: load (the default), inbox, backup, restore. The sample generator and the load
/// bench are tools of their own (tools/Generator, tools/Benches).
/// </summary>
internal static class Cli
{
    public static int Run(string[] args)
    {
        var command = args.Length == 0 ? "load" : args[0];
        var rest = args.Length == 0 ? [] : args[1..];
        return command switch
        {
            "load" => Load.LoadCommand.Run(rest),
            "inbox" => Inbox.InboxCommand.Run(rest),
            "backup" => Backup.BackupCommand.Backup(rest),
            "restore" => Backup.BackupCommand.Restore(rest),
            "help" or "--help" or "-h" => Usage(),
            _ => Unknown(command),
        };
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"unknown command '{command}'");
        Usage();
        return 2;
    }

    private static int Usage()
    {
        Console.WriteLine("""
            usage: dotnet run --project etl -- <command> [options]
              load      [--source DIR] [--warehouse PATH] [--rebuild] [--prune] [--rehash] [--response-hours H]
                        [--basic-satisfied-not-satisfied] [--min-denominator N] [--retain-seconds S]
                        [--earliest-date D] [--future-days N] [--max-line-bytes N] [--max-file-lines N]
                        [--max-file-bytes N] [--max-shown-chars N]
                        load new and changed exports into the warehouse (default: data-samples/ into
                        data/warehouse.duckdb, or ANALYTICS_WAREHOUSE); --prune removes the rows of files no longer
                        in the source folder; exit code 0 only when the run committed
              inbox     --source DIR [--watch] [--interval 60] [--settle 30] [load options]
                        the scheduled load: load the inbox folder once (or, with --watch, whenever its files
                        change); loads that change the warehouse or fail go to <warehouse>.loads.jsonl
              backup    --to DIR [--warehouse PATH]
                        copy the current generation (catalog, fact files, phone salt, key file) to a new folder,
                        consistent while the API serves
              restore   --from DIR [--warehouse PATH]
                        make a backup the current generation (checked file by file first)
            """);
        return 0;
    }
}
