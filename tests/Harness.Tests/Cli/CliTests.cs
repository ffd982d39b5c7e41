using Harness.Tests.Support;

namespace Harness.Tests.Cli;

[NonParallelizable]
public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => InProcessCli.Run(args);

    [Test]
    public void Unknown_scene_fails_listing_the_valid_ones()
    {
        using var dir = new TempDir();
        var (code, _, err) = Run("eval", "--scene", "no-such-scene", "--policy", "scripted", "--episodes", "1", "--out", dir["c"]);
        Assert.That(code, Is.Not.Zero);
        Assert.That(err, Does.Contain("no-such-scene").And.Contain("so101-pick-place"));
    }

    [Test]
    public void Unknown_policy_fails_listing_the_valid_ones()
    {
        using var dir = new TempDir();
        var (code, _, err) = Run("eval", "--scene", "so101-pick-place", "--policy", "scripted:nope", "--out", dir["c"]);
        Assert.That(code, Is.Not.Zero);
        Assert.That(err, Does.Contain("scripted:weak-grip"));
    }

    [TestCase("0")]
    [TestCase("-2")]
    public void Non_positive_episode_counts_are_refused(string n)
    {
        using var dir = new TempDir();
        var (code, _, err) = Run("eval", "--scene", "so101-pick-place", "--policy", "scripted", "--episodes", n, "--out", dir["c"]);
        Assert.That(code, Is.Not.Zero);
        Assert.That(err, Does.Contain("--episodes"));
    }

    [Test]
    public void Eval_prints_the_summary_and_writes_the_run()
    {
        using var dir = new TempDir();
        var (code, output, err) = Run("eval", "--scene", "so101-pick-place", "--policy", "scripted", "--episodes", "3", "--seed", "0", "--out", dir["r"]);
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("success rate").And.Contain("Wilson 95 % CI").And.Contain("DROPPED_DURING_TRANSPORT"));
        Assert.That(File.Exists(dir["r/run.json"]), Is.True);
    }
}
