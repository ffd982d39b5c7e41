using System.Text;

namespace Harness.Eval.Runs;

/// <summary>
/// Finds where the complete rows of an episodes.csv end. A process killed while appending (kill -9,
/// power loss) can leave a partly written last row; it is never counted: <see cref="TruncatePartialRow"/>
/// cuts the file back to its last row that ends with a line break outside quotes (a quoted error
/// text may itself hold line breaks).
/// </summary>
public static class EpisodesCsvRecovery
{
    /// <summary>The length (in bytes) of the file's complete rows, header included.</summary>
    public static long CompleteLength(ReadOnlySpan<byte> content)
    {
        bool quoted = false;
        long end = 0;
        for (int i = 0; i < content.Length; i++)
        {
            byte b = content[i];
            if (b == (byte)'"') quoted = !quoted; // an escaped quote ("") toggles twice
            else if (b == (byte)'\n' && !quoted) end = i + 1;
        }
        return end;
    }

    /// <summary>Cuts a partly written last row off; returns the text removed (empty when the file was whole).</summary>
    public static string TruncatePartialRow(string path)
    {
        var bytes = File.ReadAllBytes(path);
        long keep = CompleteLength(bytes);
        if (keep == bytes.Length) return "";
        using (var f = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            f.SetLength(keep);
            f.Flush(flushToDisk: true);
        }
        return Encoding.UTF8.GetString(bytes, (int)keep, bytes.Length - (int)keep);
    }

    /// <summary>The header line of an episodes.csv (null when not even the header was written completely).</summary>
    public static string[]? Header(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int nl = Array.IndexOf(bytes, (byte)'\n');
        if (nl < 0) return null;
        return Encoding.UTF8.GetString(bytes, 0, nl).TrimEnd('\r').Split(',');
    }
}
