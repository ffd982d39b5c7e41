namespace Harness.Core.Episodes;

/// <summary>
/// ACT's temporal ensembling: every chunk predicted at step s gives a candidate for step t
/// (row t - s); candidates are averaged with weights exp(-m * i), i = 0 for the oldest.
/// Holds per-episode state: <see cref="Clear"/> between episodes.
/// </summary>
public sealed class TemporalEnsembler(double coeff)
{
    private readonly List<(int Step, IReadOnlyList<double[]> Rows)> _chunks = [];

    public void Clear() => _chunks.Clear();

    public int Buffered => _chunks.Count;

    public void Add(int predictedAt, IReadOnlyList<double[]> rows) => _chunks.Add((predictedAt, rows));

    public double[] ActionFor(int step)
    {
        _chunks.RemoveAll(c => step - c.Step >= c.Rows.Count);
        if (_chunks.Count == 0)
            throw new InvalidOperationException($"no chunk covers step {step}.");
        int dim = _chunks[0].Rows[0].Length;
        var sum = new double[dim];
        double wsum = 0;
        for (int i = 0; i < _chunks.Count; i++)
        {
            double w = Math.Exp(-coeff * i);
            var row = _chunks[i].Rows[step - _chunks[i].Step];
            for (int j = 0; j < dim; j++) sum[j] += w * row[j];
            wsum += w;
        }
        for (int j = 0; j < dim; j++) sum[j] /= wsum;
        return sum;
    }
}
