using Harness.Core.Policies;
using Harness.Core.Tasks;
using Harness.Core.Whiskers;
using Harness.Eval.Runs;
using Harness.Eval.Statistics;

namespace Harness.Eval.Reports;

/// <summary>Builds the one <see cref="ReportSummary"/> that every exporter formats.</summary>
public static class ReportSummaryBuilder
{
    public const string DefaultTitle = "Policy evaluation report";

    /// <summary>Above this many complete runs per scene, compare neighbours and the first run instead of every pair.</summary>
    public const int AllPairsLimit = 6;

    public static readonly double[] GuideDifferences = [0.05, 0.10, 0.15, 0.20, 0.30];

    public static ReportSummary Build(IReadOnlyList<RunDirectory> runs, string? title, DateTimeOffset generatedAt, string harnessVersion)
    {
        if (runs.Count == 0) throw new ArgumentException("a report needs at least one run.", nameof(runs));
        var ids = RunIds(runs);
        // Success rates of different scenes or tasks are not comparable: each gets its own section.
        var scenes = runs
            .GroupBy(r => (r.Summary.Scene, Task: r.Summary.Schema.Name))
            .Select(g => BuildScene(g.Key.Scene, g.ToList(), ids))
            .ToList();
        var sceneNames = scenes.GroupBy(s => s.Scene).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        for (int i = 0; i < scenes.Count; i++)
            if (sceneNames.Contains(scenes[i].Scene))
                scenes[i] = scenes[i] with { Scene = $"{scenes[i].Scene} / {scenes[i].Schema.Name}", Slug = Slug($"{scenes[i].Scene}-{scenes[i].Schema.Name}") };
        // Slugs name chart files: two scene names that slug alike ("a b", "a-b") must not share files.
        var seen = new HashSet<string>();
        for (int i = 0; i < scenes.Count; i++)
        {
            var slug = scenes[i].Slug;
            for (int k = 2; !seen.Add(slug); k++) slug = $"{scenes[i].Slug}-{k}";
            scenes[i] = scenes[i] with { Slug = slug };
        }
        return new ReportSummary(string.IsNullOrWhiteSpace(title) ? DefaultTitle : title.Trim(), generatedAt, harnessVersion, scenes);
    }

    private static SceneSection BuildScene(string scene, List<RunDirectory> runs, IReadOnlyDictionary<RunDirectory, string> ids)
    {
        runs = OrderRuns(runs);
        // The first run's schema, plus metrics other runs measured (e.g. IK metrics of an end-effector run next to a joint run).
        var schema = runs.Skip(1).Aggregate(runs[0].Summary.Schema,
            (acc, r) => acc.WithMetrics(r.Summary.Schema.Metrics.Where(m => acc.Metric(m.Key) is null)));
        var rows = runs.Select(r => ToRow(r, ids[r], schema)).ToList();
        var outcomeClasses = OrderOutcomes(schema, rows.SelectMany(r => r.Outcomes.Keys));

        var excluded = new List<ExcludedRun>();
        foreach (var r in runs)
        {
            const string left = "shown in the tables, left out of comparisons, learning curve and pooled figures";
            if (r.Summary.Stopped is { } why) excluded.Add(new(ids[r], $"stopped early ({why}): {left}"));
            else if (!r.Summary.Complete) excluded.Add(new(ids[r], $"incomplete (run.json says complete: false): {left}"));
            else if (r.Episodes.Count == 0) excluded.Add(new(ids[r], "no episodes in episodes.csv"));
        }
        var eligible = runs.Where(r => r.Summary.Complete && r.Episodes.Count > 0).ToList();
        var (candidates, plan) = ComparisonPlan(eligible);

        var paired = new List<(RunDirectory A, RunDirectory B, RunPairing.Result R)>();
        var notPaired = new List<UnpairedPair>();
        foreach (var (a, b) in candidates)
        {
            var result = RunPairing.Pair(a, b);
            if (result.Paired) paired.Add((a, b, result));
            else notPaired.Add(new UnpairedPair(ids[a], ids[b], result.Reason!));
        }
        var comparisons = Compare(paired, ids);

        return new SceneSection(scene, Slug(scene), rows, schema, outcomeClasses, MetricColumn.For(schema), comparisons, notPaired, excluded, plan,
            Curve(eligible, ids), Histogram(eligible, outcomeClasses), comparisons.Select(Guide).ToList());
    }

    /// <summary>
    /// The table's order: runs keep the order they were given in, except that the checkpoints of one
    /// training run stand together, sorted by training step, where the first of them appeared.
    /// </summary>
    private static List<RunDirectory> OrderRuns(List<RunDirectory> runs)
    {
        var series = runs.ToDictionary(r => r, r => r.Summary.TrainingStep is null ? null : TrainingRun(r.Summary));
        var first = runs.Select((r, i) => (r, i)).Where(x => series[x.r] is not null)
            .GroupBy(x => series[x.r]!).ToDictionary(g => g.Key, g => g.Min(x => x.i));
        return runs.Select((r, i) => (r, i))
            .OrderBy(x => series[x.r] is { } s ? first[s] : x.i)
            .ThenBy(x => x.r.Summary.TrainingStep ?? 0)
            .ThenBy(x => x.i)
            .Select(x => x.r).ToList();
    }

    /// <summary>
    /// The training run a checkpoint belongs to: the checkpoint's own <c>run</c> (policy.json
    /// <c>checkpoint.run</c>, or the package family), else the family of its folder, else the policy spec.
    /// </summary>
    public static string TrainingRun(RunSummary s) =>
        s.Checkpoint?.Run is { Length: > 0 } run ? run
        : s.Checkpoint is { Kind: CheckpointIdentity.Package, Location: { Length: > 0 } location } ? CheckpointFamily.Of(location)
        : s.Policy;

    private static RunRow ToRow(RunDirectory r, string id, TaskSchema schema)
    {
        var s = r.Summary;
        var eps = r.Episodes;
        int n = eps.Count, k = eps.Count(e => e.Success);
        var (lo, hi) = WilsonInterval.Compute(k, n);
        var outcomes = eps.GroupBy(e => e.Outcome).ToDictionary(g => g.Key, g => g.Count());
        // The same aggregation as run.json, recomputed from episodes.csv (the per-episode truth).
        var aggregate = new RunAggregate(schema);
        foreach (var e in eps) aggregate.Add(e, []);
        var metrics = aggregate.ApplyTo(s).Metrics;
        var successSteps = eps.Where(e => e.Success).Select(e => (double)e.Steps).ToList();
        var warnings = r.Warnings.ToList();
        if (s.Stopped is not null) warnings.Insert(0, $"stopped early after {n} of {Requested(s)} episodes: {s.Stopped}");
        else if (!s.Complete) warnings.Insert(0, $"incomplete run: {n} of {Requested(s)} episodes");
        int errors = outcomes.GetValueOrDefault(OutcomeClass.ErrorLabel);
        if (errors > 0) warnings.Add($"{errors} episode(s) ended in ERROR (a harness or policy fault); they count as failures");
        foreach (var p in s.Preflight ?? [])
            if (p.Result is "fail" or "warn")
                warnings.Add(p.Result == "fail" ? $"pre-flight failure accepted with --force: [{p.Check}] {p.Message}" : $"pre-flight warning: [{p.Check}] {p.Message}");
        return new RunRow(id, r.Path, s.Scene, s.Task, s.Policy, s.Checkpoint?.Location, s.TrainingStep, s.Seed, s.Complete,
            n, s.EpisodesRequested, k, n == 0 ? 0 : k / (double)n, lo, hi, outcomes, metrics,
            successSteps.Count > 0 ? successSteps.Average() : null, s.PolicyLatencyMs,
            r.Videos, r.WhiskerImages, warnings, s.TrainingStep is null ? null : TrainingRun(s), s.Stopped, Whiskers(eps));
    }

    private static int Requested(RunSummary s) => s.EpisodesRequested > 0 ? s.EpisodesRequested : s.Episodes;

    /// <summary>The whisker columns present in episodes.csv, each summarised over the episodes that define it.</summary>
    private static IReadOnlyList<RunWhiskerMetric> Whiskers(IReadOnlyList<EpisodeRow> eps) =>
        WhiskerSummary.ColumnSpecs.Where(c => eps.Any(e => e.Extra.ContainsKey(c.Key))).Select(c =>
        {
            var v = eps.Select(e => e.Extra.GetValueOrDefault(c.Key)).OfType<double>().Where(double.IsFinite).ToList();
            return new RunWhiskerMetric(c.Key, c.Unit, c.Definition, v.Count, v.Count > 0 ? v.Average() : null, v.Count > 0 ? v.Max() : null);
        }).ToList();

    private static (List<(RunDirectory, RunDirectory)> Pairs, string Plan) ComparisonPlan(List<RunDirectory> eligible)
    {
        var pairs = new List<(RunDirectory, RunDirectory)>();
        if (eligible.Count < 2)
            return (pairs, eligible.Count == 1 ? "Only one complete run: nothing to compare." : "No complete run: nothing to compare.");
        if (eligible.Count <= AllPairsLimit)
        {
            for (int i = 0; i < eligible.Count; i++)
                for (int j = i + 1; j < eligible.Count; j++) pairs.Add((eligible[i], eligible[j]));
            return (pairs, $"Every pair of the {eligible.Count} complete runs is considered.");
        }
        for (int i = 0; i + 1 < eligible.Count; i++) pairs.Add((eligible[i], eligible[i + 1]));
        for (int j = 2; j < eligible.Count; j++) pairs.Add((eligible[0], eligible[j]));
        return (pairs, $"{eligible.Count} complete runs: each run is compared with the next one (in the order of the table) and with the first one.");
    }

    private static List<PairedComparison> Compare(List<(RunDirectory A, RunDirectory B, RunPairing.Result R)> paired, IReadOnlyDictionary<RunDirectory, string> ids)
    {
        var raw = paired.Select(p =>
        {
            var pairs = p.R.Pairs!;
            int both = pairs.Count(x => x.A && x.B), onlyA = pairs.Count(x => x.A && !x.B), onlyB = pairs.Count(x => !x.A && x.B);
            int n = pairs.Count;
            int? needed = onlyA == onlyB ? null : PairsNeeded((onlyA + onlyB) / (double)n, Math.Abs(onlyA - onlyB) / (double)n);
            return new PairedComparison(ids[p.A], ids[p.B], n, both, onlyA, onlyB, n - both - onlyA - onlyB,
                (both + onlyA) / (double)n, (both + onlyB) / (double)n, McNemarTest.ExactPValue(onlyA, onlyB), 0, needed, p.R.Note, p.R.Differences);
        }).ToList();
        var holm = HolmAdjustment.Adjust(raw.Select(c => c.PValue).ToList());
        return raw.Select((c, i) => c with { PValueHolm = holm[i] }).ToList();
    }

    private static LearningCurve? Curve(List<RunDirectory> eligible, IReadOnlyDictionary<RunDirectory, string> ids)
    {
        var withStep = eligible.Where(r => r.Summary.TrainingStep is not null).ToList();
        if (withStep.Count == 0) return null;
        var series = withStep.GroupBy(r => TrainingRun(r.Summary)).Select(g => new LearningCurveSeries(g.Key,
            g.OrderBy(r => r.Summary.TrainingStep).Select(r =>
            {
                int n = r.Episodes.Count, k = r.Episodes.Count(e => e.Success);
                var (lo, hi) = WilsonInterval.Compute(k, n);
                return new LearningCurvePoint(ids[r], r.Summary.TrainingStep!.Value, n, k / (double)n, lo, hi);
            }).ToList())).ToList();
        return new LearningCurve(series);
    }

    private static EpisodeLengthHistogram? Histogram(List<RunDirectory> eligible, IReadOnlyList<string> outcomeClasses)
    {
        var eps = eligible.SelectMany(r => r.Episodes).ToList();
        if (eps.Count == 0) return null;
        int min = eps.Min(e => e.Steps), max = eps.Max(e => e.Steps);
        // Integer-wide nice bins, about 15 of them, so a bin never splits a step count.
        double raw = Math.Max(1, (max - min) / 15.0);
        double mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double width = Math.Max(1, Math.Ceiling(raw / mag) switch { <= 1 => 1, <= 2 => 2, <= 5 => 5, _ => 10 } * mag);
        double start = Math.Floor(min / width) * width;
        int bins = (int)Math.Floor((max - start) / width) + 1;
        var edges = Enumerable.Range(0, bins + 1).Select(i => start + i * width).ToList();
        var counts = outcomeClasses.ToDictionary(c => c, c =>
        {
            var perBin = new int[bins];
            foreach (var e in eps.Where(e => e.Outcome == c)) perBin[(int)Math.Floor((e.Steps - start) / width)]++;
            return (IReadOnlyList<int>)perBin;
        });
        return new EpisodeLengthHistogram(edges, counts, eligible.Count, eps.Count);
    }

    /// <summary>The trial-count guide of one compared pair, at its own rates and its own agreement.</summary>
    private static TrialGuide Guide(PairedComparison c)
    {
        double pa = c.RateA, pb = c.RateB;
        double expected = c.Pairs * SampleSize.IndependentDiscordance(pa, pb);
        double? ratio = expected > 0 ? (c.OnlyA + c.OnlyB) / expected : null;
        var rows = new List<TrialGuideRow>();
        double observed = Math.Abs(pb - pa);
        if (observed > 0)
            rows.Add(new TrialGuideRow(observed, pb, PairsNeeded(Math.Max(observed, SampleSize.IndependentDiscordance(pa, pb)), observed),
                c.PairsForPower, SampleSize.TwoProportionsPerArm(pa, pb), Observed: true));
        foreach (double d in GuideDifferences)
        {
            double p1 = pa + d <= 1 ? pa + d : pa - d;
            if (p1 < 0) continue;
            double psiIndependent = Math.Max(d, SampleSize.IndependentDiscordance(pa, p1));
            int? observedN = ratio is double r ? PairsNeeded(Math.Clamp(r * psiIndependent, d, 1), d) : null;
            rows.Add(new TrialGuideRow(d, p1, PairsNeeded(psiIndependent, d), observedN, SampleSize.TwoProportionsPerArm(pa, p1)));
        }
        return new TrialGuide(c.RunA, c.RunB, pa, pb, c.Pairs, 0.05, 0.8, ratio, rows);
    }

    /// <summary>Connor's pairs, but never fewer than the exact test (which the report uses) needs to reject at all.</summary>
    private static int PairsNeeded(double discordance, double delta) =>
        Math.Max(SampleSize.McNemarPairs(discordance, delta), SampleSize.ExactMcNemarFloor(discordance));

    private static IReadOnlyList<string> OrderOutcomes(TaskSchema schema, IEnumerable<string> outcomes)
    {
        var known = schema.Labels.ToList();
        return known.Concat(outcomes).Distinct()
            .OrderBy(o => known.IndexOf(o) is var i && i >= 0 ? i : known.Count)
            .ThenBy(o => o, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Run ids are folder names; where two runs share one, the parent folder is prefixed.</summary>
    private static IReadOnlyDictionary<RunDirectory, string> RunIds(IReadOnlyList<RunDirectory> runs)
    {
        var name = runs.ToDictionary(r => r, r => Path.GetFileName(r.Path.TrimEnd(Path.DirectorySeparatorChar)));
        foreach (var group in runs.GroupBy(r => name[r]).Where(g => g.Count() > 1))
            foreach (var r in group)
            {
                var parent = Path.GetFileName(Path.GetDirectoryName(r.Path.TrimEnd(Path.DirectorySeparatorChar)) ?? "");
                name[r] = $"{parent}/{name[r]}";
            }
        // Still equal (same parent names too): number them so every id stays unique.
        foreach (var group in runs.GroupBy(r => name[r]).Where(g => g.Count() > 1))
        {
            int i = 1;
            foreach (var r in group) name[r] = $"{name[r]}#{i++}";
        }
        return name;
    }

    public static string Slug(string s)
    {
        var chars = s.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join("-", new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "scene" : slug;
    }
}
