using Analytics.Warehouse;
using Analytics.Warehouse.Storage;

namespace Analytics.Api.Access;

/// <summary><c>dotnet run --project api -- keys add --role ROLE [--region CODE] [--warehouse PATH] [--key-file FILE]</c> and <c>keys list</c>.</summary>
public static class KeysCommand
{
    public static int Run(string[] args)
    {
        var options = Options(args.Skip(1).ToArray());
        if (options is null)
            return Usage();
        var warehouse = options.GetValueOrDefault("warehouse") ?? WarehousePaths.DefaultWarehouse;
        var store = new KeyStore(options.GetValueOrDefault("key-file") ?? AccessOptions.DefaultKeyFile(warehouse));
        switch (args.FirstOrDefault())
        {
            case "add":
                var role = options.GetValueOrDefault("role");
                if (role is null || !Roles.All.Contains(role))
                {
                    Console.Error.WriteLine($"--role must be one of: {string.Join(", ", Roles.All)}");
                    return 2;
                }
                var region = options.GetValueOrDefault("region");
                if (region is not null && CheckRegion(warehouse, region) is { } problem)
                {
                    Console.Error.WriteLine(problem);
                    return 2;
                }
                var compareOutside = options.ContainsKey(CompareOutside);
                var (key, stored) = store.Add(role, region, compareOutside);
                Console.WriteLine(key);
                var comparison = region is null ? "" : compareOutside ? ", sees parent and sibling comparisons" : ", comparisons outside its region hidden";
                Console.Error.WriteLine($"key {stored.Id}: role {role}, region {region ?? "nationwide"}{comparison}; stored only as a hash in {store.File}. Keep the key: it is not shown again.");
                return 0;
            case "list":
                foreach (var k in store.Read())
                    Console.WriteLine($"{k.Id}  {k.Role,-8} {k.Region ?? "nationwide",-12} {k.Created:yyyy-MM-dd HH:mm}{(k.CompareOutside && k.Region is not null ? "  compare-outside" : "")}");
                return 0;
            default:
                return Usage();
        }
    }

    private static string? CheckRegion(string warehouse, string region)
    {
        var file = new Generations(warehouse).Current();
        if (file is null)
            return null; // no warehouse yet: the key still works once one is loaded
        using var connection = Engine.Open(file, readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM dim_region WHERE code = $code";
        command.Parameters.Add(Engine.Parameter("code", region));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0
            ? $"--region {region} is not a region in {file}"
            : null;
    }

    /// <summary>The one option without a value: the key may see its region's parent value and sibling ranks.</summary>
    private const string CompareOutside = "compare-outside";

    private static Dictionary<string, string>? Options(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] == "--" + CompareOutside)
            {
                result[CompareOutside] = "";
                i--;
                continue;
            }
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                return null;
            result[args[i][2..]] = args[i + 1];
        }
        return result;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: dotnet run --project api -- keys add --role viewer|analyst|admin [--region CODE [--compare-outside]] [--warehouse PATH] [--key-file FILE]
                   --compare-outside: the regional key also sees figures computed from outside its region
                   (its region's parent value, difference from the parent, rank and count among its siblings)
                   dotnet run --project api -- keys list [--warehouse PATH] [--key-file FILE]
            """);
        return 2;
    }
}
