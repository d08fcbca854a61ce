using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Warehouse;

namespace Analytics.Benches.Peer;

/// <summary>One peer's forecast of 12 months: the point and its 80% and 95% intervals on the measure's scale.</summary>
internal sealed record PeerForecast(double[] Mean, double[] Lo80, double[] Hi80, double[] Lo95, double[] Hi95, string? Form);

/// <summary>
/// Runs <c>statsmodels_peer.py</c> (Debian's python3-statsmodels) on training months and reads back its ETS and Theta
/// forecasts. Answers are kept in a cache file keyed by a hash of the training months, so a second run of the bench
/// (after a change to our methods) does not refit the peer, which takes minutes.
/// </summary>
internal sealed class StatsmodelsPeer(string cacheFile, int processes, bool cachedOnly = false)
{
    private static string Script => Path.Combine(WarehousePaths.RepositoryRoot, "tools", "Benches", "Peer", "statsmodels_peer.py");

    public Dictionary<int, (PeerForecast? Ets, PeerForecast? Theta, string? Error)> Fit(IReadOnlyList<(double[] Y, double? Max)> tasks)
    {
        var cache = File.Exists(cacheFile)
            ? File.ReadLines(cacheFile).Select(l => JsonNode.Parse(l)!.AsObject()).ToDictionary(o => (string)o["key"]!, o => o)
            : [];
        var lines = tasks.Select((t, i) => JsonSerializer.Serialize(new { id = i, y = t.Y, h = 12, max = t.Max })).ToList();
        var keys = tasks.Select(t => Key(t.Y, t.Max)).ToList();
        var missing = Enumerable.Range(0, tasks.Count).Where(i => !cache.ContainsKey(keys[i])).ToList();
        if (missing.Count > 0 && cachedOnly)
            Console.WriteLine($"peer: {missing.Count} series not in the cache are left out of the peer columns (--cached-only)");
        else if (missing.Count > 0)
        {
            Console.WriteLine($"peer: fitting statsmodels ETS and Theta on {missing.Count} series ({tasks.Count - missing.Count} cached) with {processes} processes");
            var watch = Stopwatch.StartNew();
            // Each answer goes to the cache as it comes, so an interrupted run keeps what it fitted.
            using var writer = File.AppendText(cacheFile);
            var gate = new Lock();
            var done = 0;
            missing.Chunk(Math.Max(1, (missing.Count + processes - 1) / processes)).AsParallel().WithDegreeOfParallelism(processes)
                .ForAll(chunk => RunPython(chunk.Select(i => lines[i]).ToList(), answer =>
                {
                    var id = (int)answer["id"]!;
                    answer["key"] = keys[id];
                    lock (gate)
                    {
                        cache[keys[id]] = answer;
                        writer.WriteLine(answer.ToJsonString());
                        writer.Flush();
                        if (++done % 50 == 0)
                            Console.WriteLine($"peer: {done} of {missing.Count} in {watch.Elapsed.TotalSeconds:0} s");
                    }
                }));
            Console.WriteLine($"peer: {done} answers in {watch.Elapsed.TotalSeconds:0} s");
        }
        var result = new Dictionary<int, (PeerForecast?, PeerForecast?, string?)>();
        for (var i = 0; i < tasks.Count; i++)
        {
            if (!cache.TryGetValue(keys[i], out var answer))
            {
                result[i] = (null, null, null);
                continue;
            }
            var ets = Read(answer["ets"]);
            var theta = Read(answer["theta"]);
            var error = answer["ets"]?["error"] ?? answer["theta"]?["error"];
            result[i] = (ets, theta, error?.ToString());
        }
        return result;
    }

    private static PeerForecast? Read(JsonNode? node)
    {
        if (node is null || node["mean"] is null)
            return null;
        double[] Array(string name) => node[name]!.AsArray().Select(v => (double)v!).ToArray();
        return new PeerForecast(Array("mean"), Array("lo80"), Array("hi80"), Array("lo95"), Array("hi95"), node["form"]?.ToString());
    }

    private static string Key(double[] y, double? max) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { y, max }))))[..32];

    private static void RunPython(List<string> lines, Action<JsonObject> answered)
    {
        // Debian's python3-statsmodels belongs to the system interpreter, which a pyenv or venv on PATH would hide.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python, [Script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started");
        var stderr = process.StandardError.ReadToEndAsync();
        var writer = Task.Run(() =>
        {
            foreach (var line in lines)
                process.StandardInput.WriteLine(line);
            process.StandardInput.Close();
        });
        var answers = 0;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            answered(JsonNode.Parse(line)!.AsObject());
            answers++;
        }
        writer.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0 || answers != lines.Count)
            throw new InvalidOperationException(
                $"statsmodels_peer.py failed (exit {process.ExitCode}, {answers} of {lines.Count} answers); is python3-statsmodels installed? " +
                "(apt-get install python3-statsmodels)\n" + stderr.Result);
    }
}
