using Analytics.Etl.Load;
using Analytics.Warehouse.Storage;

namespace Analytics.Tests.Etl;

/// <summary>
/// A load's checkpoint leaves deleted rows in place until they are a tenth of a table (<see cref="Compaction"/>), and
/// then the engine's compaction frees them. Both halves rest on what the engine does, so they are checked on it: the
/// stored rows it reports keep counting deleted ones, a checkpoint without compaction keeps them, one with it frees
/// them.
/// </summary>
public sealed class CompactionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("compaction-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Deleted_rows_stay_stored_until_they_are_a_tenth_of_a_table_and_are_then_freed()
    {
        var file = Path.Combine(folder, "catalog.duckdb");
        // Three full row groups of 122,880 rows, as a mart stores them.
        const long rows = 3 * 122_880;
        using (var connection = Engine.Open(file))
        {
            Loader.Execute(connection, $"CREATE TABLE cells AS SELECT range AS id, 'region ' || (range % 1000) AS name, range / 7.0 AS value FROM range({rows}); CHECKPOINT;");
            // A monthly load's pattern: the last cells deleted and written again, 5% of the table.
            Loader.Execute(connection, "DELETE FROM cells WHERE id >= 350000; INSERT INTO cells SELECT range, 'new', 0 FROM range(350000, 368640);");
            Assert.Equal((rows + 18_640, 18_640L), Deleted(connection));
            Assert.False(Compaction.Prepare(connection));
            Loader.Execute(connection, "CHECKPOINT");
            // Not compacted: the deleted rows are still stored, and counted.
            Assert.Equal((rows + 18_640, 18_640L), Deleted(connection));
        }

        using (var connection = Engine.Open(file))
        {
            // A correction deletes a third of the table in the middle: 40% of what is stored is deleted now.
            Loader.Execute(connection, "DELETE FROM cells WHERE id BETWEEN 100000 AND 230000;");
            Assert.True(Compaction.Needed(connection));
            Assert.True(Compaction.Prepare(connection));
            Loader.Execute(connection, "CHECKPOINT");
            var (stored, deleted) = Deleted(connection);
            Assert.Equal(0, deleted);
            Assert.Equal(rows - 130_001, stored);
            Assert.Equal(rows - 130_001, Loader.Query(connection, "SELECT count(*) FROM cells", r => r.GetInt64(0))[0]);
            Assert.False(Compaction.Needed(connection));
        }
    }

    [Fact]
    public void Fewer_deleted_rows_than_are_worth_a_rewrite_never_ask_for_compaction()
    {
        using var connection = Engine.Open(Path.Combine(folder, "small.duckdb"));
        Loader.Execute(connection, "CREATE TABLE files AS SELECT range AS id, 'file ' || range AS path FROM range(20000); CHECKPOINT;");
        Loader.Execute(connection, "SET max_vacuum_tasks = 0; DELETE FROM files WHERE id < 9000; CHECKPOINT;");
        // 45% of the table, but 9,000 rows: not worth rewriting.
        var files = Compaction.DeletedRows(connection).Single(t => t.Table == "files");
        Assert.Equal((20_000L, 9_000L), (files.Stored, files.Deleted));
        Assert.False(Compaction.Needed(connection));
        Loader.Execute(connection, "DELETE FROM files WHERE id < 10000;");
        Assert.True(Compaction.Needed(connection));
    }

    [Fact]
    public void A_table_every_load_rewrites_whole_keeps_no_deleted_rows_without_compaction()
    {
        // Settings and the measure catalog are deleted and written again by every load: their old row groups hold
        // nothing live and the checkpoint drops them, so they do not grow load after load.
        using var connection = Engine.Open(Path.Combine(folder, "settings.duckdb"));
        Loader.Execute(connection, "CREATE TABLE settings AS SELECT 'key ' || range AS key, range AS value FROM range(30); CHECKPOINT;");
        Loader.Execute(connection, "SET max_vacuum_tasks = 0;");
        for (var load = 0; load < 20; load++)
            Loader.Execute(connection, "DELETE FROM settings; INSERT INTO settings SELECT 'key ' || range, range FROM range(30); CHECKPOINT;");
        Assert.Equal(30, Loader.Query(connection, "SELECT estimated_size FROM duckdb_tables() WHERE table_name = 'settings'", r => r.GetInt64(0))[0]);
    }

    private static (long Stored, long Deleted) Deleted(System.Data.Common.DbConnection connection) =>
        Compaction.DeletedRows(connection).Where(t => t.Table == "cells").Select(t => (t.Stored, t.Deleted)).Single();

}
