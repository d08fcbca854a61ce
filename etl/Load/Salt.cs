using System.Security.Cryptography;

namespace Analytics.Etl.Load;

/// <summary>
/// The salt of the caller hash lives beside the warehouse, never inside it: with the salt in a table, anyone who can
/// query could hash every mobile number and undo the pseudonymisation. ANALYTICS_PHONE_SALT overrides it.
/// </summary>
internal static class Salt
{
    public static string For(string warehousePath)
    {
        if (Environment.GetEnvironmentVariable("ANALYTICS_PHONE_SALT") is { Length: > 0 } fromEnv)
            return fromEnv;
        var path = FileFor(warehousePath);
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, salt);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return salt;
    }

    /// <summary>Where the salt of <paramref name="warehousePath"/> is kept (backups carry it: the stored hashes need it).</summary>
    public static string FileFor(string warehousePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(warehousePath))!, "." + Path.GetFileName(warehousePath) + ".salt");
}
