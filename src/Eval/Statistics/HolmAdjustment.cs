namespace Harness.Eval.Statistics;

/// <summary>Holm-Bonferroni step-down adjustment: controls the family-wise error over several comparisons.</summary>
public static class HolmAdjustment
{
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        int m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            int i = order[rank];
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
