using Harness.Core.Tasks;
using Harness.Eval.Statistics;

namespace Harness.Eval.SimReal;

/// <summary>A success rate with its Wilson 95 % interval.</summary>
public sealed record RateInterval(int Successes, int Episodes, double Rate, double Lo, double Hi);

/// <summary>One checkpoint in one variant: its success in simulation and on the real robot, and its rank in each (1 = best).</summary>
public sealed record CheckpointComparison(string Checkpoint, string SimRun, string RealRun, RateInterval Sim, RateInterval Real,
    int SimRank, int RealRank, int PairedEpisodes, int AgreeingEpisodes, IReadOnlyList<string> SettingDifferences);

/// <summary>Sim class (rows) against real class (columns), counted over paired episodes.</summary>
public sealed record ClassConfusion(IReadOnlyList<string> Classes, IReadOnlyList<IReadOnlyList<int>> Counts)
{
    public int Pairs => Counts.Sum(r => r.Sum());
    public int Agreeing => Classes.Select((_, i) => Counts[i][i]).Sum();
    public int Count(string sim, string real) => Counts[Index(sim)][Index(real)];
    private int Index(string c) => Classes.ToList().IndexOf(c) is var i and >= 0 ? i : throw new ArgumentException($"no class '{c}' in the confusion table.");
}

/// <summary>
/// How often one outcome class occurs in simulation vs on the real robot over paired episodes, with
/// the exact McNemar test on the class indicator (episodes of that class on one side only) and its
/// Holm adjustment over the classes of the variant.
/// </summary>
public sealed record ClassRateDifference(string Class, int Pairs, int SimCount, int RealCount, int SimOnly, int RealOnly, double PValue, double PValueHolm)
{
    public double SimRate => (double)SimCount / Pairs;
    public double RealRate => (double)RealCount / Pairs;
}

/// <summary>A simulation variant compared with the real runs: per-checkpoint rates, Pearson r and MMRV with bootstrap intervals, class confusion.</summary>
public sealed record VariantComparison(string Label, IReadOnlyList<CheckpointComparison> Checkpoints, double? Pearson, BootstrapInterval PearsonInterval,
    double Mmrv, BootstrapInterval MmrvInterval, ClassConfusion Confusion, IReadOnlyList<ClassRateDifference> ClassDifferences);

/// <summary>The twin's prediction error on one checkpoint's real run: per-episode means (m), overall and by real outcome class.</summary>
public sealed record TwinErrorSummary(string Checkpoint, int Episodes, int Measured, double? MeanM, double? MaxM, IReadOnlyDictionary<string, double> MeanByRealClass);

/// <summary>Everything `harness simreal` reports, computed once and rendered by every exporter.</summary>
public sealed record SimRealReport(
    DateTimeOffset Created,
    string HarnessVersion,
    string Scene,
    TaskSchema Schema,
    IReadOnlyList<VariantComparison> Variants,
    string? Best,
    string BestReason,
    IReadOnlyList<TwinErrorSummary> TwinErrors,
    IReadOnlyList<string> Warnings,
    int Resamples,
    ulong BootstrapSeed);
