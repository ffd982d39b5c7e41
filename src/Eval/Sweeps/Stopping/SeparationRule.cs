using System.Globalization;
using Harness.Eval.Statistics;

namespace Harness.Eval.Sweeps.Stopping;

/// <summary>One checkpoint's outcomes on the common episodes 0..n-1 of a look.</summary>
public sealed record ContenderRecord(string Name, IReadOnlyList<bool> Successes);

/// <summary>What one look found: checkpoints newly separated from the best, and the stop decision if the sweep ends here.</summary>
public sealed record LookResult(IReadOnlyList<SeparatedCheckpoint> Separated, StopDecision? Stop);

/// <summary>
/// The stopping rule of <c>--until-separated</c>. At look k (after k rounds; every contender has
/// the same episodes, so comparisons are paired) the best contender (most successes; the earlier
/// one on ties) is compared with each other one by the exact McNemar test; one it beats with
/// p ≤ α is separated and drops out. The sweep stops when the best is separated from all others,
/// when every pair of the remaining contenders is shown to differ by less than the margin D
/// (TOST with exact bounds, <see cref="PairedDifferenceBounds"/>), or at the maximum episode count.
/// Repeated looks and many comparisons are paid for with Bonferroni: at most L looks
/// (⌈max episodes / round⌉) of at most m = (K−1) + K(K−1)/2 tests each, every test at
/// α = (1 − confidence) / (L·m), so the chance of any false separation or false equivalence claim
/// over the whole sweep stays below 1 − confidence.
/// </summary>
public sealed class SeparationRule
{
    private readonly AdaptiveOptions _options;
    private readonly int _roundSize;

    public SeparationRule(AdaptiveOptions options, int checkpoints, int roundSize)
    {
        options.Validate(roundSize, checkpoints);
        _options = options;
        _roundSize = roundSize;
        MaxLooks = (options.MaxEpisodes + roundSize - 1) / roundSize;
        TestsPerLook = (checkpoints - 1) + checkpoints * (checkpoints - 1) / 2;
        AlphaPerTest = (1 - options.Confidence) / (MaxLooks * TestsPerLook);
    }

    public int MaxLooks { get; }
    public int TestsPerLook { get; }
    public double AlphaPerTest { get; }

    public string Correction => string.Create(CultureInfo.InvariantCulture,
        $"Bonferroni over {MaxLooks} looks x {TestsPerLook} tests per look: each test at alpha = {1 - _options.Confidence:0.###}/{MaxLooks * TestsPerLook} = {AlphaPerTest:0.####e0} " +
        $"(family-wise confidence {_options.Confidence:0.###})");

    /// <summary>Episodes per checkpoint after look k (1-based).</summary>
    public int EpisodesAt(int look) => Math.Min(look * _roundSize, _options.MaxEpisodes);

    public LookResult Look(int look, IReadOnlyList<ContenderRecord> active, IReadOnlyList<SeparatedCheckpoint> earlier)
    {
        if (active.Count == 0) throw new ArgumentException("a look needs at least one contender.", nameof(active));
        int n = active[0].Successes.Count;
        if (active.Any(a => a.Successes.Count != n))
            throw new ArgumentException($"contenders must share their episodes; found {string.Join(", ", active.Select(a => $"{a.Name}: {a.Successes.Count}"))}.");
        var best = active.OrderByDescending(a => a.Successes.Count(s => s)).First();
        var separated = new List<SeparatedCheckpoint>();
        foreach (var other in active.Where(a => a != best))
        {
            var (b, c) = Discordant(best, other);
            double p = McNemarTest.ExactPValue(b, c);
            if (b > c && p <= AlphaPerTest) separated.Add(new(other.Name, best.Name, look, n, b, c, p));
        }
        var remaining = active.Where(a => separated.All(s => s.Name != a.Name)).ToList();
        var all = earlier.Concat(separated).ToList();
        if (remaining.Count == 1)
            return new(separated, Decide(StopDecision.SeparatedReason, best, look, n, all, remaining, [],
                $"{best.Name} is the best checkpoint: separated from every other one ({Evidence(all)})."));

        var pairs = new List<ContenderPair>();
        bool equivalent = true;
        for (int i = 0; i < remaining.Count; i++)
            for (int j = i + 1; j < remaining.Count; j++)
            {
                var (b, c) = Discordant(remaining[i], remaining[j]);
                var (lo, hi) = PairedDifferenceBounds.Interval(b, c, n, AlphaPerTest);
                pairs.Add(new(remaining[i].Name, remaining[j].Name, lo, hi));
                equivalent &= lo > -_options.Margin && hi < _options.Margin;
            }
        string names = string.Join(", ", remaining.Select(r => r.Name));
        if (equivalent)
            return new(separated, Decide(StopDecision.EquivalentReason, best, look, n, all, remaining, pairs,
                Invariant($"{names} lie within ±{_options.Margin:0.###} of each other in success rate (TOST, largest bound {pairs.Max(p => Math.Max(-p.Low, p.High)):0.###})") +
                (all.Count > 0 ? $"; the others are separated from them ({Evidence(all)})." : ".")));
        if (n >= _options.MaxEpisodes)
            return new(separated, Decide(StopDecision.MaxEpisodesReason, best, look, n, all, remaining, pairs,
                Invariant($"reached --max-episodes {_options.MaxEpisodes}: {names} are neither separated nor shown within ±{_options.Margin:0.###} of each other") +
                (all.Count > 0 ? $"; separated: {Evidence(all)}." : ".")));
        return new(separated, null);
    }

    private StopDecision Decide(string reason, ContenderRecord best, int look, int n, IReadOnlyList<SeparatedCheckpoint> separated,
        IReadOnlyList<ContenderRecord> remaining, IReadOnlyList<ContenderPair> pairs, string text) =>
        new(reason, best.Name, look, n, AlphaPerTest, Correction, separated, remaining.Select(r => r.Name).ToList(), pairs,
            $"stopped after {n} episodes per checkpoint (look {look} of at most {MaxLooks}): {text} {Correction}.");

    private static string Evidence(IEnumerable<SeparatedCheckpoint> s) =>
        string.Join("; ", s.Select(x => Invariant($"{x.Name} worse than {x.WorseThan} after {x.Episodes} episodes, {x.OnlyBest} vs {x.OnlyOther} discordant, p = {x.PValue:0.###e0}")));

    private static (int OnlyFirst, int OnlySecond) Discordant(ContenderRecord a, ContenderRecord b)
    {
        int onlyA = 0, onlyB = 0;
        for (int i = 0; i < a.Successes.Count; i++)
        {
            if (a.Successes[i] && !b.Successes[i]) onlyA++;
            else if (!a.Successes[i] && b.Successes[i]) onlyB++;
        }
        return (onlyA, onlyB);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
