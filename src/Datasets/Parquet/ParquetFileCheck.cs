using System.Text;
using Harness.Datasets.Format;

namespace Harness.Datasets.Parquet;

/// <summary>
/// Cheap checks before a parquet reader sees a file, so a truncated copy or a file of another kind
/// gets a message that says so instead of a decoder error.
/// </summary>
public static class ParquetFileCheck
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    public static void EnsureParquet(string path)
    {
        if (!File.Exists(path))
            throw new DatasetFormatException(path, "file not found; expected a parquet file here.");
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (fs.Length < 12)
            throw new DatasetFormatException(path, $"is {fs.Length} bytes long; a parquet file has at least 12 (magic 'PAR1', footer, 'PAR1'). It is empty or truncated.");
        var head = new byte[4];
        fs.ReadExactly(head);
        if (!head.AsSpan().SequenceEqual(Magic))
            throw new DatasetFormatException(path, $"is not a parquet file: it starts with {Describe(head)} instead of 'PAR1'.");
        fs.Seek(-8, SeekOrigin.End);
        var tail = new byte[8];
        fs.ReadExactly(tail);
        if (!tail.AsSpan(4).SequenceEqual(Magic))
            throw new DatasetFormatException(path, $"is truncated: it starts like a parquet file but does not end with 'PAR1' (the footer is missing; {fs.Length} bytes). Copy the file again.");
        int footer = BitConverter.ToInt32(tail, 0);
        if (footer <= 0 || footer > fs.Length - 12)
            throw new DatasetFormatException(path, $"is damaged: its footer length ({footer} bytes) does not fit in the file ({fs.Length} bytes).");
    }

    private static string Describe(byte[] b) =>
        b.All(x => x is >= 0x20 and < 0x7f) ? $"'{Encoding.ASCII.GetString(b)}'" : "0x" + Convert.ToHexString(b);
}
