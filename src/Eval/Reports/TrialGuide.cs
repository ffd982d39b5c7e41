namespace Harness.Eval.Reports;

/// <summary>
/// How many episodes a compared pair of runs needs to detect a given difference from run A's
/// success rate (two-sided alpha 0.05, power 0.8), at the pair's own rates and agreement: paired
/// (McNemar, Connor 1987) and unpaired. The first row, when the rates differ, is the pair's
/// observed difference.
/// </summary>
/// <param name="AgreementRatio">The pair's observed discordance divided by the discordance expected if outcomes were
/// independent at its rates; null when that expectation is zero (both rates 0 % or 100 %).</param>
public sealed record TrialGuide(string RunA, string RunB, double RateA, double RateB, int Pairs, double Alpha, double Power,
    double? AgreementRatio, IReadOnlyList<TrialGuideRow> Rows);

/// <param name="Difference">Absolute difference in success rate to detect.</param>
/// <param name="OtherRate">The rate compared with run A's (A's plus the difference, or minus when above 100 %; B's for the observed row).</param>
/// <param name="PairedIndependent">Pairs needed if the two policies' outcomes were independent given their rates.</param>
/// <param name="PairedObserved">Pairs needed at the agreement observed between the two runs.</param>
/// <param name="UnpairedPerArm">Episodes per policy for an unpaired two-proportion test.</param>
/// <param name="Observed">This row is the pair's observed difference.</param>
public sealed record TrialGuideRow(double Difference, double OtherRate, int PairedIndependent, int? PairedObserved, int UnpairedPerArm, bool Observed = false);
