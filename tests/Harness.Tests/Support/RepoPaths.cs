namespace Harness.Tests.Support;

/// <summary>The repository root, found from the test binary's folder (the folder holding Harness.sln).</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Harness.sln"))) return d.FullName;
        throw new DirectoryNotFoundException($"no Harness.sln above {AppContext.BaseDirectory}; tests run from the repository's build output.");
    }
}
