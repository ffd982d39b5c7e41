using Harness.Cli.Composition;
using Harness.Eval.Runs;
using Harness.Core.Whiskers;
using Harness.Tests.Support;

namespace Harness.Tests.Whiskers;

public class WhiskerEvalTests
{
    private static List<string[]> Csv(string path) =>
        File.ReadAllLines(path).Select(l => l.Split(',')).ToList();

    [Test]
    public void Eval_with_whisker_metrics_gives_the_same_episodes_byte_for_byte_plus_whisker_columns()
    {
        using var dir = new TempDir("we");
        var plain = new EvalRequest(WhiskerFixture.Scene, "scripted", Episodes: 3, Seed: 11, OutDir: dir["plain"], ActionsPerQuery: 6);
        EvalJob.Run(plain);
        EvalJob.Run(WhiskerJob.WithMetrics(plain with { OutDir = dir["whiskers"] }));

        var a = Csv(dir["plain/episodes.csv"]);
        var b = Csv(dir["whiskers/episodes.csv"]);
        Assert.That(b[0], Is.EqualTo(a[0].Concat(["whisker_consistency_mean_m", "whisker_consistency_p95_m", "whisker_action_jump_mean_range",
            "whisker_action_jump_max_range", "whisker_sample_spread_mean_m"]).ToArray()));
        Assert.That(b, Has.Count.EqualTo(a.Count));
        var keep = Enumerable.Range(0, a[0].Length).Where(i => !EpisodeCsv.TimingColumns.Contains(a[0][i])).ToArray();
        for (int r = 1; r < a.Count; r++)
        {
            string Row(string[] row) => string.Join(",", keep.Select(i => row[i]));
            Assert.That(Row(b[r]), Is.EqualTo(Row(a[r])), $"episodes.csv row {r}");
            var cols = WhiskerSummary.Columns.Select((c, i) => (c, v: b[r][a[0].Length + i])).ToDictionary(x => x.c, x => x.v);
            Assert.That(double.Parse(cols["whisker_consistency_mean_m"]), Is.GreaterThan(0.0), "6 of 10 rows executed: predictions overlap");
            double jumpMean = double.Parse(cols["whisker_action_jump_mean_range"]), jumpMax = double.Parse(cols["whisker_action_jump_max_range"]);
            Assert.That(jumpMean, Is.GreaterThan(0).And.LessThanOrEqualTo(jumpMax), "the expert re-plans: its chunks do not continue exactly");
            Assert.That(jumpMax, Is.LessThan(1), "a share of the joint's range");
            Assert.That(cols["whisker_sample_spread_mean_m"], Is.Empty, "no samples drawn: undefined, not zero");
        }
    }
}
