using Harness.Eval.Runs;

namespace Harness.Tests.Support;

/// <summary>episodes.csv as text lines without the timing columns, for run-to-run comparisons.</summary>
public static class EpisodeCsvText
{
    public static string[] WithoutTiming(string csvPath)
    {
        var lines = File.ReadAllLines(csvPath);
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(i => !EpisodeCsv.TimingColumns.Contains(header[i])).ToArray();
        return lines.Select(l => string.Join(",", keep.Select(i => l.Split(',')[i]))).ToArray();
    }
}
