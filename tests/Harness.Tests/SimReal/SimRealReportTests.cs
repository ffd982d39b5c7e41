using System.Text.Json;
using Harness.Eval.SimReal;
using Harness.Tests.Support;

namespace Harness.Tests.SimReal;

/// <summary>The sim-to-real report on hand-written runs (LiteralRuns.ThreeCheckpoints): every expected figure is worked out in the comments.</summary>
public class SimRealReportTests
{
    private static SimRealReport Build(TempDir t, params SimVariantInput[] variants)
    {
        var (_, _, real) = LiteralRuns.ThreeCheckpoints(t);
        return SimRealReportBuilder.Build(new SimRealRequest(variants, [real], 500, 0), DateTimeOffset.UnixEpoch, "test");
    }

    [Test]
    public void Rates_ranks_pearson_and_mmrv_follow_the_episodes()
    {
        using var t = new TempDir("simreal");
        var v = Build(t, new SimVariantInput("nominal", [t["nominal"]])).Variants.Single();
        Assert.That(v.Checkpoints.Select(c => c.Checkpoint), Is.EqualTo(new[] { "A", "B", "C" }));
        Assert.That(v.Checkpoints.Select(c => c.Sim.Rate), Is.EqualTo(new[] { 1.0, 0.5, 0.25 }));
        Assert.That(v.Checkpoints.Select(c => c.Real.Rate), Is.EqualTo(new[] { 0.5, 0.75, 0.0 }));
        Assert.That(v.Checkpoints.Select(c => (c.SimRank, c.RealRank)), Is.EqualTo(new[] { (1, 2), (2, 1), (3, 3) }));
        // Wilson 95 % for 2/4: centre 0.5, half-width 1.96 * sqrt(0.0625 + 0.060025) / 1.9604 = 0.34996: [0.1500, 0.8500].
        Assert.That(v.Checkpoints[0].Real.Lo, Is.EqualTo(0.1500).Within(1e-4));
        // Deviations from the means (7/12, 5/12), in twelfths: sim 5, -1, -4; real 1, 4, -5.
        // r = (5 - 4 + 20) / sqrt(42 * 42) = 21 / 42 = 0.5.
        Assert.That(v.Pearson, Is.EqualTo(0.5).Within(1e-12));
        // A and B swap: A's worst violation is |0.5 - 0.75| = 0.25, B's the same, C's none: MMRV = 0.5 / 3.
        Assert.That(v.Mmrv, Is.EqualTo(0.5 / 3).Within(1e-12));
        Assert.That(v.MmrvInterval.Lo, Is.LessThanOrEqualTo(v.Mmrv).And.GreaterThanOrEqualTo(0));
        Assert.That(v.PearsonInterval.Hi, Is.GreaterThanOrEqualTo(0.5).And.LessThanOrEqualTo(1));
    }

    [Test]
    public void The_confusion_counts_paired_episodes_sim_class_against_real_class()
    {
        using var t = new TempDir("simreal");
        var c = Build(t, new SimVariantInput("nominal", [t["nominal"]])).Variants.Single().Confusion;
        // Pairs by seed: A S>S S>D S>S S>D; B S>S S>S D>S N>N; C S>N N>N N>N N>N.
        Assert.That(c.Classes, Is.EqualTo(new[] { "SUCCESS", "DROPPED_DURING_TRANSPORT", "NEVER_PICKED_UP" }));
        Assert.That(c.Counts, Is.EqualTo(new[] { new[] { 4, 2, 1 }, new[] { 1, 0, 0 }, new[] { 0, 0, 4 } }));
        Assert.That((c.Pairs, c.Agreeing), Is.EqualTo((12, 8)));
        Assert.That(SimRealText.Disagreements(c)[0], Does.StartWith("2 paired episodes are `SUCCESS` in simulation but `DROPPED_DURING_TRANSPORT` on the real robot: the simulated grasp is too forgiving"));
    }

    [Test]
    public void Class_rates_are_tested_with_exact_mcnemar_on_the_class_indicator()
    {
        using var t = new TempDir("simreal");
        var d = Build(t, new SimVariantInput("nominal", [t["nominal"]])).Variants.Single().ClassDifferences.ToDictionary(x => x.Class);
        // SUCCESS: 7 in sim, 5 real; sim only 3 (A1, A3, C0), real only 1 (B2): p = 2 * P(X <= 1 | 4, 1/2) = 2 * 5/16 = 0.625.
        Assert.That((d["SUCCESS"].SimCount, d["SUCCESS"].RealCount, d["SUCCESS"].SimOnly, d["SUCCESS"].RealOnly), Is.EqualTo((7, 5, 3, 1)));
        Assert.That(d["SUCCESS"].PValue, Is.EqualTo(0.625).Within(1e-12));
        // DROPPED: sim only 1 (B2), real only 2 (A1, A3): p = 2 * P(X <= 1 | 3) = 2 * 4/8 = 1.
        Assert.That((d["DROPPED_DURING_TRANSPORT"].SimOnly, d["DROPPED_DURING_TRANSPORT"].RealOnly), Is.EqualTo((1, 2)));
        Assert.That(d["DROPPED_DURING_TRANSPORT"].PValue, Is.EqualTo(1));
        // NEVER_PICKED_UP: 4 in sim, 5 real, real only C0.
        Assert.That((d["NEVER_PICKED_UP"].SimCount, d["NEVER_PICKED_UP"].RealCount, d["NEVER_PICKED_UP"].RealOnly), Is.EqualTo((4, 5, 1)));
        // Holm over 3 classes: 3 * 0.625 > 1 -> 1.
        Assert.That(d["SUCCESS"].PValueHolm, Is.EqualTo(1));
    }

    [Test]
    public void The_variant_that_ranks_like_the_real_robot_is_named_best()
    {
        using var t = new TempDir("simreal");
        var r = Build(t, new SimVariantInput("nominal", [t["nominal"]]), new SimVariantInput("faithful", [t["faithful"]]));
        var faithful = r.Variants.Single(v => v.Label == "faithful");
        Assert.That((faithful.Pearson, faithful.Mmrv), Is.EqualTo(((double?)1.0, 0.0)));
        Assert.That(r.Best, Is.EqualTo("faithful"));
        Assert.That(r.BestReason, Does.StartWith("'faithful' predicts the real ranking best: MMRV 0.000, Pearson r 1.000").And.Contain("'nominal': MMRV 0.167, Pearson r 0.500"));
    }

    [Test]
    public void The_twin_prediction_error_is_summarised_per_checkpoint_and_real_class()
    {
        using var t = new TempDir("simreal");
        var twin = Build(t, new SimVariantInput("nominal", [t["nominal"]])).TwinErrors;
        var a = twin.Single(x => x.Checkpoint == "A");
        // Episode means 1, 3, 1, 5 cm: mean 2.5 cm; the successes (1, 1) average 1 cm, the drops (3, 5) 4 cm; max of the maxima 9 cm.
        Assert.That(a.MeanM, Is.EqualTo(0.025).Within(1e-12));
        Assert.That(a.MaxM, Is.EqualTo(0.09));
        Assert.That(a.MeanByRealClass["SUCCESS"], Is.EqualTo(0.01).Within(1e-12));
        Assert.That(a.MeanByRealClass["DROPPED_DURING_TRANSPORT"], Is.EqualTo(0.04).Within(1e-12));
        Assert.That(twin.Single(x => x.Checkpoint == "B").Measured, Is.EqualTo(0), "B's real run has no twin columns");
    }

    [Test]
    public void The_command_writes_markdown_html_json_and_the_scatter_chart()
    {
        using var t = new TempDir("simreal");
        var (nominal, faithful, real) = LiteralRuns.ThreeCheckpoints(t);
        var (code, output, err) = InProcessCli.Run("simreal", "--sim", "nominal=" + nominal, "--sim", "faithful=" + faithful, "--real", real, "--out", t["out"], "--bootstrap", "300");
        Assert.That(code, Is.EqualTo(0), output + err);
        Assert.That(output, Does.Contain("variant nominal: Pearson r 0.500").And.Contain("'faithful' predicts the real ranking best"));
        string md = File.ReadAllText(t["out/report.md"]);
        Assert.That(md, Does.Contain("| `nominal` | 3 | 0.500 |").And.Contain("| `faithful` (best) | 3 | 1.000 |"));
        Assert.That(md, Does.Contain("Simulation: `A` (100%) > `B` (50.0%) > `C` (25.0%)").And.Contain("Real robot: `B` (75.0%) > `A` (50.0%) > `C` (0%)"));
        Assert.That(md, Does.Contain("![").And.Contain("charts/scatter_nominal.svg").And.Contain("### Class confusion"));
        string svg = File.ReadAllText(t["out/charts/scatter_nominal.svg"]);
        Assert.That(svg, Does.Contain("class=\"identity\"").And.Contain("class=\"whisker-y\""));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(svg, "<circle").Count, Is.EqualTo(3));
        string html = File.ReadAllText(t["out/report.html"]);
        Assert.That(html, Does.Contain("<svg").And.Contain("Class confusion").And.Not.Contain("src=\"http").And.Not.Contain("<script"));
        using var json = JsonDocument.Parse(File.ReadAllText(t["out/report.json"]));
        var v0 = json.RootElement.GetProperty("variants")[0];
        Assert.That(v0.GetProperty("mmrv").GetDouble(), Is.EqualTo(0.5 / 3).Within(1e-12));
        Assert.That(v0.GetProperty("confusion").GetProperty("rows_sim_columns_real")[0].EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 4, 2, 1 }));
        Assert.That(json.RootElement.GetProperty("best_variant").GetString(), Is.EqualTo("faithful"));
        Assert.That(Directory.GetFiles(t["out"], "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }
}
