using Harness.Eval.Reports;
using Harness.Eval.Runs;
using Harness.Eval.Statistics;
using NUnit.Framework;

namespace Harness.Tests.Reports;

public class ReportSummaryBuilderTests
{
    private ScratchDir _tmp = null!;
    private ReportScenario _scenario = null!;
    private ReportSummary _summary = null!;

    [OneTimeSetUp]
    public void Build()
    {
        _tmp = new ScratchDir();
        _scenario = new ReportScenario(_tmp.Path);
        _summary = ReportSummaryBuilder.Build(_scenario.Runs.Values.ToList(), null, DateTimeOffset.UnixEpoch, "test");
    }

    [OneTimeTearDown]
    public void Clean() => _tmp.Dispose();

    private SceneSection Scene(string name) => _summary.Scenes.Single(s => s.Scene == name);

    [Test]
    public void GroupsRunsBySceneOneSectionEach()
    {
        Assert.That(_summary.Scenes.Select(s => s.Scene), Is.EquivalentTo(new[] { ReportScenario.PickScene, ReportScenario.StackScene }));
        foreach (var s in _summary.Scenes)
            Assert.That(s.Runs.Select(r => r.Id), Is.EquivalentTo(_scenario.Runs.Where(kv => kv.Value.Summary.Scene == s.Scene).Select(kv => kv.Key)));
        Assert.That(_summary.Title, Is.EqualTo(ReportSummaryBuilder.DefaultTitle));
    }

    [Test]
    public void RowsCarryCountsAndIntervalsFromTheEpisodes()
    {
        foreach (var row in _summary.AllRuns)
        {
            var eps = _scenario.Runs[row.Id].Episodes;
            int k = eps.Count(e => e.Success);
            var (lo, hi) = WilsonInterval.Compute(k, eps.Count);
            Assert.That((row.Episodes, row.Successes, row.CiLow, row.CiHigh), Is.EqualTo((eps.Count, k, lo, hi)), row.Id);
            foreach (var g in eps.GroupBy(e => e.Outcome)) Assert.That(row.Count(g.Key), Is.EqualTo(g.Count()), $"{row.Id} {g.Key}");
            Assert.That(row.AvgStepsSuccess, Is.EqualTo(k == 0 ? null : eps.Where(e => e.Success).Average(e => (double)e.Steps)));
        }
        Assert.That(_summary.AllRuns.Single(r => r.Id == "diffusion").PolicyLatencyMs, Is.Null, "latency only when known");
        Assert.That(_summary.AllRuns.Single(r => r.Id == "act-040k").Warnings, Has.Some.Contains("ERROR"));
    }

    [Test]
    public void SweepIsOrderedByTrainingStepWhenEveryRunHasOne()
    {
        var stepsInOrder = Scene(ReportScenario.PickScene).Runs.Where(r => r.TrainingStep is not null).Select(r => r.TrainingStep!.Value).ToList();
        Assert.That(stepsInOrder, Is.Not.Empty);
        var curve = Scene(ReportScenario.PickScene).LearningCurve!;
        var act = curve.Series.Single(s => s.TrainingRun == "act");
        Assert.That(act.Points.Select(p => p.TrainingStep), Is.EqualTo(new long[] { 10_000, 20_000, 40_000 }), "incomplete 80k run is left out of the curve");
        foreach (var p in act.Points)
        {
            var eps = _scenario.Runs[p.Run].Episodes;
            Assert.That(p.SuccessRate, Is.EqualTo(eps.Count(e => e.Success) / (double)eps.Count));
        }
    }

    [Test]
    public void IncompleteRunIsFlaggedAndNeverCompared()
    {
        var pick = Scene(ReportScenario.PickScene);
        var row = pick.Runs.Single(r => r.Id == "act-080k-partial");
        Assert.That(row.Complete, Is.False);
        Assert.That(row.Warnings[0], Does.Contain("incomplete").And.Contain("15 of 40"));
        Assert.That(pick.Excluded.Single().Run, Is.EqualTo("act-080k-partial"));
        Assert.That(pick.Paired.Any(c => c.RunA == row.Id || c.RunB == row.Id), Is.False);
        Assert.That(pick.NotPaired.Any(c => c.RunA == row.Id || c.RunB == row.Id), Is.False);
        Assert.That(pick.EpisodeLengths!.Episodes, Is.EqualTo(pick.Runs.Where(r => r.Complete).Sum(r => r.Episodes)), "pooled figures leave it out");
    }

    [Test]
    public void PairsRunsOnSameSeedsAndCountsWinsAndLosses()
    {
        var pick = Scene(ReportScenario.PickScene);
        var complete = new[] { "act-010k", "act-020k", "act-040k", "diffusion", "smolvla-other-seeds" };
        Assert.That(pick.Paired.Count + pick.NotPaired.Count, Is.EqualTo(complete.Length * (complete.Length - 1) / 2), "every pair of complete runs is considered");
        Assert.That(pick.NotPaired.Select(p => p.RunA == "smolvla-other-seeds" ? p.RunA : p.RunB).Distinct(), Is.EqualTo(new[] { "smolvla-other-seeds" }));
        Assert.That(pick.NotPaired.All(p => p.Reason.Contains("different seeds")));

        foreach (var c in pick.Paired)
        {
            var a = _scenario.Runs[c.RunA].Episodes.ToDictionary(e => e.Episode);
            var b = _scenario.Runs[c.RunB].Episodes.ToDictionary(e => e.Episode);
            var common = a.Keys.Intersect(b.Keys).ToList();
            int onlyA = common.Count(i => a[i].Success && !b[i].Success), onlyB = common.Count(i => !a[i].Success && b[i].Success);
            Assert.That((c.Pairs, c.OnlyA, c.OnlyB), Is.EqualTo((common.Count, onlyA, onlyB)), $"{c.RunA} vs {c.RunB}");
            Assert.That(c.PValue, Is.EqualTo(McNemarTest.ExactPValue(onlyA, onlyB)));
            Assert.That(c.PValueHolm, Is.GreaterThanOrEqualTo(c.PValue));
        }
        Assert.That(pick.Paired.Sum(c => c.OnlyA + c.OnlyB), Is.GreaterThan(0), "the fixture must produce some disagreement");
    }

    [Test]
    public void DifferentEpisodeCountsPairOnTheCommonEpisodes()
    {
        var stack = Scene(ReportScenario.StackScene);
        var c = stack.Paired.Single();
        Assert.That(c.Pairs, Is.EqualTo(Math.Min(_scenario.Runs["stack-act"].Episodes.Count, _scenario.Runs["stack-pi0"].Episodes.Count)));
        Assert.That(c.Note, Does.Contain($"common episodes ({_scenario.Runs["stack-act"].Episodes.Count} vs {_scenario.Runs["stack-pi0"].Episodes.Count}"));
    }

    [Test]
    public void ManyRunsCompareNeighboursAndTheFirst()
    {
        using var tmp = new ScratchDir();
        int n = ReportSummaryBuilder.AllPairsLimit + 2;
        var runs = Enumerable.Range(0, n).Select(i => RunFixture.Write(tmp.Sub($"ckpt-{i}"),
            new RunSpec("act", 0.3 + 0.05 * i) { Episodes = 12, TrainingStep = 1000 * (i + 1) })).ToList();
        var s = ReportSummaryBuilder.Build(runs, null, DateTimeOffset.UnixEpoch, "test").Scenes.Single();
        Assert.That(s.Paired, Has.Count.EqualTo((n - 1) + (n - 2)));
        Assert.That(s.Paired.Select(c => (c.RunA, c.RunB)).Distinct().Count(), Is.EqualTo(s.Paired.Count));
        Assert.That(s.ComparisonPlan, Does.Contain("next one"));
    }

    [Test]
    public void HistogramCountsEveryCompleteEpisodeOnce()
    {
        foreach (var s in _summary.Scenes)
        {
            var h = s.EpisodeLengths!;
            var eps = s.Runs.Where(r => r.Complete).SelectMany(r => _scenario.Runs[r.Id].Episodes).ToList();
            Assert.That(h.CountsByOutcome.Values.Sum(v => v.Sum()), Is.EqualTo(eps.Count));
            foreach (var e in eps.GroupBy(e => e.Outcome))
                Assert.That(h.CountsByOutcome[e.Key].Sum(), Is.EqualTo(e.Count()));
            for (int i = 0; i < h.Edges.Count - 1; i++)
            {
                int expected = eps.Count(e => e.Steps >= h.Edges[i] && e.Steps < h.Edges[i + 1]);
                Assert.That(h.CountsByOutcome.Values.Sum(v => v[i]), Is.EqualTo(expected), $"bin {i}");
            }
        }
    }

    [Test]
    public void EveryComparedPairHasATrialGuideThatFallsWithTheDifference()
    {
        var pick = Scene(ReportScenario.PickScene);
        Assert.That(pick.TrialGuides, Has.Count.EqualTo(pick.Paired.Count));
        foreach (var g in pick.TrialGuides)
        {
            var c = pick.Paired.Single(p => p.RunA == g.RunA && p.RunB == g.RunB);
            Assert.That((g.RateA, g.RateB, g.Pairs), Is.EqualTo((c.RateA, c.RateB, c.Pairs)));
            var grid = g.Rows.Where(r => !r.Observed).ToList();
            for (int i = 1; i < grid.Count; i++)
            {
                Assert.That(grid[i].UnpairedPerArm, Is.LessThan(grid[i - 1].UnpairedPerArm));
                Assert.That(grid[i].PairedIndependent, Is.LessThan(grid[i - 1].PairedIndependent));
            }
            Assert.That(g.Rows.Count(r => r.Observed), Is.EqualTo(c.RateA == c.RateB ? 0 : 1));
        }
        Assert.That(pick.TrialGuides.Where(g => g.AgreementRatio < 1).SelectMany(g => g.Rows).All(r => r.PairedObserved <= r.PairedIndependent),
            "where paired runs agree more than chance, pairing can only help");
        Assert.That(Scene(ReportScenario.StackScene).TrialGuides, Has.Count.EqualTo(1));
    }

    [Test]
    public void DuplicateFolderNamesGetDistinctIds()
    {
        using var tmp = new ScratchDir();
        var a = RunFixture.Write(tmp.Sub("sweep1", "run"), new RunSpec("act", 0.5) { Episodes = 5 });
        var b = RunFixture.Write(tmp.Sub("sweep2", "run"), new RunSpec("act", 0.5) { Episodes = 5 });
        var ids = ReportSummaryBuilder.Build([a, b], null, DateTimeOffset.UnixEpoch, "test").AllRuns.Select(r => r.Id).ToList();
        Assert.That(ids, Is.EqualTo(new[] { "sweep1/run", "sweep2/run" }));
    }
}
