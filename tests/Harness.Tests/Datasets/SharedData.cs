namespace Harness.Tests.Datasets;

/// <summary>
/// The project's shared/ folder sits beside the checkout (CI: beside the clone; developers: beside
/// their worktrees' parent). Found by walking up from the test binaries.
/// </summary>
public static class SharedData
{
    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "data", name);
            if (Directory.Exists(candidate)) return candidate;
        }
        Assert.Fail($"shared/data/{name} not found beside any folder above {TestContext.CurrentContext.TestDirectory}; the project's shared/ folder must sit beside the checkout.");
        return "";
    }
}
