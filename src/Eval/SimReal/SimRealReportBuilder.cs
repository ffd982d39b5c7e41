using Harness.Core.Tasks;
using Harness.Eval.Runs;
using Harness.Eval.Statistics;

namespace Harness.Eval.SimReal;

/// <summary>
/// Reads the simulated and real runs, pairs them (<see cref="SimRealPairing"/>) and computes, per
/// simulation variant: Wilson intervals per checkpoint, rank orders, Pearson r and MMRV with
/// bootstrap intervals (episodes resampled within each run), the class confusion on paired episodes
/// and per-class McNemar tests (Holm over classes); then which variant predicts the real ranking
/// best, and the twin's prediction error on the real runs.
/// </summary>
public static class SimRealReportBuilder
{
    /// <summary>settings.other key a real-robot run records (`real so101 eval` writes robot=real).</summary>
    public const string RobotSetting = "robot", RealRobot = "real";

    public static SimRealReport Build(SimRealRequest request, DateTimeOffset now, string harnessVersion)
    {
        var warnings = new List<string>();
        var real = Read(request.Real, "--real");
        foreach (var r in real.Where(r => !IsReal(r)))
            warnings.Add($"{r.Path} was given as a real run but its run.json does not say settings.other.robot=real (not written by `real ... eval`?).");
        var variants = new List<VariantComparison>();
        foreach (var v in request.Sim)
        {
            var sim = Read(v.Paths, $"--sim {v.Label}");
            if (sim.FirstOrDefault(IsReal) is { } misplaced)
                throw new SimRealException(
                    $"simulation variant '{v.Label}' holds a real robot's run ({misplaced.Path}: settings.other.robot=real); expected simulated runs " +
                    "(`harness eval` or `harness sweep`). Give real runs with --real.");
            var pairs = SimRealPairing.Pair(v.Label, sim, real, warnings);
            variants.Add(Compare(v.Label, pairs, request));
        }
        var schema = real[0].Summary.Schema;
        var (best, reason) = Best(variants);
        var checkpoints = variants[0].Checkpoints.Select(c => c.Checkpoint).ToHashSet();
        var twin = real.Where(r => checkpoints.Contains(SimRealPairing.Label(r))).Select(TwinError).ToList();
        return new SimRealReport(now, harnessVersion, real[0].Summary.Scene, schema, variants, best, reason, twin, warnings.Distinct().ToList(),
            request.Resamples, request.BootstrapSeed);
    }

    private static bool IsReal(RunDirectory r) => r.Summary.Settings.Other?.GetValueOrDefault(RobotSetting) == RealRobot;

    private static IReadOnlyList<RunDirectory> Read(IReadOnlyList<string> paths, string option)
    {
        try
        {
            return RunDirectoryReader.Discover(paths).Select(RunDirectoryReader.Read).ToList();
        }
        catch (RunDirectoryException e)
        {
            throw new SimRealException($"{option}: {e.Message}");
        }
    }

    public static VariantComparison Compare(string label, IReadOnlyList<CheckpointRuns> runs, SimRealRequest request)
    {
        var simRates = runs.Select(r => Rate(r.Sim)).ToArray();
        var realRates = runs.Select(r => Rate(r.Real)).ToArray();
        var s = simRates.Select(x => x.Rate).ToArray();
        var q = realRates.Select(x => x.Rate).ToArray();
        var simRanks = RankAgreement.Ranks(s);
        var realRanks = RankAgreement.Ranks(q);
        var checkpoints = runs.Select((r, i) => new CheckpointComparison(r.Checkpoint, r.Sim.Path, r.Real.Path, simRates[i], realRates[i],
            simRanks[i], realRanks[i], r.Pairs.Count, r.Pairs.Count(p => p.Agree), r.Differences.Select(d => d.ToString()).ToList())).ToList();

        // Sim runs first, then real runs, each resampled within itself: a statistic sees the rates in that order.
        var groups = runs.Select(r => Successes(r.Sim)).Concat(runs.Select(r => Successes(r.Real))).ToList();
        int n = runs.Count;
        double? PearsonOf(double[] rates) => RankAgreement.Pearson(rates[..n], rates[n..]);
        double? MmrvOf(double[] rates) => RankAgreement.Mmrv(rates[..n], rates[n..]);
        var pearsonCi = PercentileBootstrap.Interval(groups, PearsonOf, request.Resamples, request.BootstrapSeed);
        var mmrvCi = PercentileBootstrap.Interval(groups, MmrvOf, request.Resamples, request.BootstrapSeed);

        var pairs = runs.SelectMany(r => r.Pairs).ToList();
        var confusion = Confusion(runs, pairs);
        return new VariantComparison(label, checkpoints, RankAgreement.Pearson(s, q), pearsonCi, RankAgreement.Mmrv(s, q), mmrvCi,
            confusion, ClassDifferences(confusion.Classes, pairs));
    }

    private static IReadOnlyList<bool> Successes(RunDirectory run) =>
        run.Episodes.Count > 0 ? run.Episodes.Select(e => e.Success).ToList()
            : throw new SimRealException($"{run.Path} has no episode yet; expected a run with at least one finished episode.");

    private static RateInterval Rate(RunDirectory run)
    {
        int k = run.Episodes.Count(e => e.Success), n = run.Episodes.Count;
        if (n == 0) throw new SimRealException($"{run.Path} has no episode yet; expected a run with at least one finished episode.");
        var (lo, hi) = WilsonInterval.Compute(k, n);
        return new RateInterval(k, n, (double)k / n, lo, hi);
    }

    /// <summary>
    /// The classes some paired episode has on either side: in the schema's order, then any label only
    /// the episodes show (a hand-labelled real run may use others). Classes nobody reached would only
    /// add empty rows and untestable comparisons.
    /// </summary>
    private static ClassConfusion Confusion(IReadOnlyList<CheckpointRuns> runs, IReadOnlyList<EpisodePair> pairs)
    {
        var seen = pairs.SelectMany(p => new[] { p.SimOutcome, p.RealOutcome }).ToHashSet();
        var classes = runs[0].Real.Summary.Schema.Labels.Where(seen.Contains).ToList();
        foreach (var c in pairs.SelectMany(p => new[] { p.SimOutcome, p.RealOutcome }))
            if (!classes.Contains(c)) classes.Add(c);
        var counts = classes.Select(sc => (IReadOnlyList<int>)classes.Select(rc => pairs.Count(p => p.SimOutcome == sc && p.RealOutcome == rc)).ToList()).ToList();
        return new ClassConfusion(classes, counts);
    }

    private static IReadOnlyList<ClassRateDifference> ClassDifferences(IReadOnlyList<string> classes, IReadOnlyList<EpisodePair> pairs)
    {
        var raw = classes.Select(c =>
        {
            int simOnly = pairs.Count(p => p.SimOutcome == c && p.RealOutcome != c), realOnly = pairs.Count(p => p.RealOutcome == c && p.SimOutcome != c);
            return (c, sim: pairs.Count(p => p.SimOutcome == c), real: pairs.Count(p => p.RealOutcome == c), simOnly, realOnly, p: McNemarTest.ExactPValue(simOnly, realOnly));
        }).ToList();
        var holm = HolmAdjustment.Adjust(raw.Select(x => x.p).ToList());
        return raw.Select((x, i) => new ClassRateDifference(x.c, pairs.Count, x.sim, x.real, x.simOnly, x.realOnly, x.p, holm[i])).ToList();
    }

    /// <summary>
    /// The variant whose ranking of the checkpoints is closest to the real one: lowest MMRV (the
    /// ranking metric), ties broken by the higher Pearson r.
    /// </summary>
    public static (string? Best, string Reason) Best(IReadOnlyList<VariantComparison> variants)
    {
        if (variants.Count == 1)
            return (variants[0].Label, $"one simulation variant ('{variants[0].Label}'): {Figures(variants[0])}.");
        var ordered = variants.OrderBy(v => v.Mmrv).ThenByDescending(v => v.Pearson ?? double.NegativeInfinity).ToList();
        var (a, b) = (ordered[0], ordered[1]);
        if (a.Mmrv == b.Mmrv && a.Pearson == b.Pearson)
            return (null, $"no single best variant: '{a.Label}' and '{b.Label}' rank the checkpoints equally well ({Figures(a)}).");
        string others = string.Join("; ", ordered.Skip(1).Select(v => $"'{v.Label}': {Figures(v)}"));
        string caveat = ordered.Skip(1).FirstOrDefault(v => (v.Pearson ?? double.NegativeInfinity) > (a.Pearson ?? double.NegativeInfinity)) is { } higher
            ? $" ('{higher.Label}' has the higher Pearson r, but ranks worse)"
            : "";
        return (a.Label, $"'{a.Label}' predicts the real ranking best: {Figures(a)}{caveat}; {others}.");
    }

    private static string Figures(VariantComparison v) =>
        FormattableString.Invariant($"MMRV {v.Mmrv:0.000}, Pearson r {(v.Pearson is double r ? r.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "undefined")}");

    private static TwinErrorSummary TwinError(RunDirectory real)
    {
        var measured = real.Episodes.Where(e => e.Extra.GetValueOrDefault(SimRealPairing.TwinErrorMeanColumn) is not null).ToList();
        var max = real.Episodes.Select(e => e.Extra.GetValueOrDefault(SimRealPairing.TwinErrorMaxColumn)).OfType<double>().ToList();
        var byClass = measured.GroupBy(e => e.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(e => e.Extra[SimRealPairing.TwinErrorMeanColumn]!.Value));
        return new TwinErrorSummary(SimRealPairing.Label(real), real.Episodes.Count, measured.Count,
            measured.Count > 0 ? measured.Average(e => e.Extra[SimRealPairing.TwinErrorMeanColumn]!.Value) : null,
            max.Count > 0 ? max.Max() : null, byClass);
    }
}
