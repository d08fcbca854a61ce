using System.Text;

namespace Analytics.Etl.Load;

/// <summary>A CSV record with the line it starts on (the header is line 1) and its text as written.</summary>
internal readonly record struct CsvRecord(List<string> Fields, long Line, string Text);

/// <summary>
/// A small RFC 4180 reader for the header and for files DuckDB's strict reader rejects, where a record-by-record
/// reading is needed to name the bad lines and keep the good ones.
/// </summary>
internal sealed class CsvRecords(TextReader reader)
{
    private long _line = 1;

    public CsvRecord? Next()
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var text = new StringBuilder();
        var start = _line;
        var quoted = false;
        var any = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                if (!any) return null;
                fields.Add(field.ToString());
                return new CsvRecord(fields, start, text.ToString());
            }
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); text.Append("\"\""); continue; }
                    quoted = false;
                }
                else
                {
                    if (ch == '\n') _line++;
                    field.Append(ch);
                }
                text.Append(ch);
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    text.Append(ch);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    text.Append(ch);
                    break;
                case '\r':
                    break;
                case '\n':
                    _line++;
                    fields.Add(field.ToString());
                    return new CsvRecord(fields, start, text.ToString());
                default:
                    field.Append(ch);
                    text.Append(ch);
                    break;
            }
        }
    }
}
