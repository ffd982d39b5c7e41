namespace Harness.Bench.Benchmarks;

/// <summary>Prints a benchmark's measurements as a small Markdown table (baseline first, ratios after).</summary>
public static class BenchReport
{
    public static void Table(string title, IEnumerable<(string Name, string Value)> rows)
    {
        Console.WriteLine($"\n### {title}\n");
        Console.WriteLine("| measurement | value |");
        Console.WriteLine("|---|---|");
        foreach (var (n, v) in rows) Console.WriteLine($"| {n} | {v} |");
    }
}
