using System.Globalization;
using System.Text;

namespace Analytics.Etl.Load;

/// <summary>A CSV record with the line it starts on (the header is line 1) and its text as written.</summary>
internal readonly record struct CsvRecord(List<string> Fields, long Line, string Text);

/// <summary>
/// A small RFC 4180 reader for the header and for files DuckDB's strict reader rejects, where a record-by-record
/// reading is needed to name the bad lines and keep the good ones. A record ends at LF, CRLF or a lone CR (old Mac
/// exports); a record longer than <paramref name="maxChars"/> fails the file rather than growing without bound
/// (an unclosed quote would otherwise swallow the rest of the file into one field).
/// </summary>
internal sealed class CsvRecords(TextReader reader, string file = "", long maxChars = long.MaxValue)
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
                // A quote still open at the end swallowed every line after it into one field: the file is broken,
                // not one row (20,000 rows were once quarantined as a single "row 3").
                if (quoted)
                    throw new LoadException(file, string.Create(CultureInfo.InvariantCulture,
                        $"a quote opened in the record starting at line {start:N0} is never closed; nothing of the file was loaded"));
                if (!any) return null;
                fields.Add(field.ToString());
                return new CsvRecord(fields, start, text.ToString());
            }
            any = true;
            if (text.Length >= maxChars)
                throw new LoadException(file,
                    string.Create(CultureInfo.InvariantCulture, $"the record starting at line {start:N0} is longer than {maxChars:N0} bytes, the limit per line (--max-line-bytes; an unclosed quote?); nothing of the file was loaded"));
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
                    if (ch == '\n' || (ch == '\r' && reader.Peek() != '\n')) _line++;
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
                case '\r' or '\n':
                    if (ch == '\r' && reader.Peek() == '\n')
                        reader.Read();
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
