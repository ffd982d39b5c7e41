namespace Harness.Eval.Reports;

/// <summary>
/// How many episodes per policy are needed to detect a given difference from the scene's observed
/// success rate (two-sided alpha 0.05, power 0.8): paired (McNemar, Connor 1987) and unpaired.
/// </summary>
/// <param name="BaselineRate">Pooled success rate of the scene's complete runs.</param>
/// <param name="AgreementRatio">Observed discordance divided by the discordance expected if outcomes were independent,
/// over the scene's paired comparisons; null when there are none (or none is informative).</param>
public sealed record TrialGuide(double BaselineRate, double Alpha, double Power, double? AgreementRatio, IReadOnlyList<TrialGuideRow> Rows);

/// <param name="Difference">Absolute difference in success rate to detect.</param>
/// <param name="OtherRate">The rate compared with the baseline (baseline + difference, or minus when above 100 %).</param>
/// <param name="PairedIndependent">Pairs needed if outcomes of the two policies were independent given their rates.</param>
/// <param name="PairedObserved">Pairs needed at the agreement observed in this scene's paired runs.</param>
/// <param name="UnpairedPerArm">Episodes per policy for an unpaired two-proportion test.</param>
public sealed record TrialGuideRow(double Difference, double OtherRate, int PairedIndependent, int? PairedObserved, int UnpairedPerArm);
