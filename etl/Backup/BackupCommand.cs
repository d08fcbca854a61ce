using Analytics.Etl.Load;
using Analytics.Warehouse;

namespace Analytics.Etl.Backup;

/// <summary><c>backup --to DIR [--warehouse PATH]</c> and <c>restore --from DIR [--warehouse PATH]</c>.</summary>
internal static class BackupCommand
{
    public static int Backup(string[] args)
    {
        if (LoadCommand.Arg(args, "--to") is not { } target)
        {
            Console.Error.WriteLine("backup: --to DIR (a new folder) is required");
            return 2;
        }
        return Run("backup", () => WarehouseBackup.Create(Warehouse(args), target, Console.Out));
    }

    public static int Restore(string[] args)
    {
        if (LoadCommand.Arg(args, "--from") is not { } source)
        {
            Console.Error.WriteLine("restore: --from DIR (a folder made by backup) is required");
            return 2;
        }
        return Run("restore", () => WarehouseBackup.Restore(source, Warehouse(args), Console.Out));
    }

    private static string Warehouse(string[] args) => Path.GetFullPath(LoadCommand.Arg(args, "--warehouse") ?? WarehousePaths.DefaultWarehouse);

    private static int Run(string name, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or DuckDB.NET.Data.DuckDBException)
        {
            Console.Error.WriteLine($"{name} failed, warehouse unchanged: {e.Message}");
            return 1;
        }
    }
}
