namespace Harness.Bench.Benchmarks;

/// <summary>The repository root (the folder holding Harness.sln), found from the bench binary's folder.</summary>
public static class BenchPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Harness.sln"))) return d.FullName;
        throw new DirectoryNotFoundException($"no Harness.sln above {AppContext.BaseDirectory}; run the bench from the repository.");
    }
}
