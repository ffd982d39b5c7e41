using Harness.Tests.Support;

namespace Harness.Tests.Datasets;

/// <summary>
/// Real third-party datasets for tests, committed under tests/fixtures/ (unchanged copies of the
/// project's shared/data, each with its LICENSE and a README naming the source and commit), so a
/// clean clone tests against them without anything beside the checkout.
/// </summary>
public static class SharedData
{
    public static string Path(string name)
    {
        var dir = System.IO.Path.Combine(RepoPaths.Root, "tests", "fixtures", name);
        if (!Directory.Exists(dir))
            Assert.Fail($"test fixture {dir} is missing; it is part of the repository (copied from shared/data/{name}).");
        return dir;
    }
}
