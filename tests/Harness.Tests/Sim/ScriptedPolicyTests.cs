using Harness.Cli.Composition;
using Harness.Core.Tasks;
using Harness.Eval.Runs;
using Harness.Tests.Support;

namespace Harness.Tests.Sim;

/// <summary>The scripted expert and its fault variants, classified by the monitor (ground truth by construction).</summary>
public class ScriptedPolicyTests
{
    private static RunSummary Eval(string policy, int episodes, TempDir dir, int workers = 2) =>
        EvalJob.Run(new EvalRequest("so101-pick-place", policy, episodes, 0, dir["run"], workers));

    [Test]
    public void Expert_succeeds_in_at_least_95_percent_of_100_seeds()
    {
        using var dir = new TempDir();
        var s = Eval("scripted", 100, dir);
        Assert.That(s.Complete, Is.True);
        Assert.That(s.SuccessRate, Is.GreaterThanOrEqualTo(0.95), string.Join(", ", s.Outcomes.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [TestCase("scripted:weak-grip", "DROPPED_DURING_TRANSPORT")]
    [TestCase("scripted:miss-grasp", "NEVER_PICKED_UP")]
    [TestCase("scripted:wrong-goal", "MISSED_GOAL")]
    [TestCase("scripted:stall", "TIMEOUT")]
    public void Fault_variant_is_classified_as_intended_in_8_of_10(string policy, string expected)
    {
        using var dir = new TempDir();
        var s = Eval(policy, 10, dir);
        Assert.That(s.Outcomes[expected], Is.GreaterThanOrEqualTo(8), string.Join(", ", s.Outcomes.Select(kv => $"{kv.Key}={kv.Value}")));
    }
}
