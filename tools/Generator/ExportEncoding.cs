using System.Text;

namespace Analytics.Generator;

/// <summary>The three encodings CSV exports arrive in (docs/domain/sources.md).</summary>
internal enum ExportEncoding
{
    Utf8Bom,
    Utf8,
    Gb18030,
}

internal static class ExportEncodings
{
    private static readonly Lazy<Encoding> Gb = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    });

    public static Encoding Get(ExportEncoding kind) => kind switch
    {
        ExportEncoding.Utf8Bom => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        ExportEncoding.Utf8 => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        _ => Gb.Value,
    };
}
