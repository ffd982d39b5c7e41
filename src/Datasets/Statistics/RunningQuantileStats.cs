using Harness.Datasets.Format;

namespace Harness.Datasets.Statistics;

/// <summary>
/// LeRobot's running statistics (compute_stats.RunningQuantileStats), in double precision: mean and
/// mean of squares updated per batch, std = sqrt(max(0, E[x^2] - E[x]^2)), and quantiles from a
/// 5000-bin histogram per dimension between min - 1e-10 and max + 1e-10, interpolated inside the bin.
/// </summary>
public sealed class RunningQuantileStats
{
    public const int Bins = 5000;
    private readonly int _width;
    private long _count;
    private double[] _mean = [], _meanSquares = [], _min = [], _max = [];
    private double[][] _hist = [], _edges = [];

    public RunningQuantileStats(int width) => _width = width;

    public long Count => _count;

    /// <summary>Adds <paramref name="rows"/> vectors stored row-major in <paramref name="batch"/>.</summary>
    public void Update(ReadOnlySpan<double> batch, int rows)
    {
        if (rows == 0) return;
        if (batch.Length != rows * _width) throw new ArgumentException($"batch of {batch.Length} values is not {rows} rows of {_width}.");
        var bmin = new double[_width];
        var bmax = new double[_width];
        var bmean = new double[_width];
        var bsq = new double[_width];
        Array.Fill(bmin, double.PositiveInfinity);
        Array.Fill(bmax, double.NegativeInfinity);
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < _width; i++)
            {
                double v = batch[r * _width + i];
                if (v < bmin[i]) bmin[i] = v;
                if (v > bmax[i]) bmax[i] = v;
                bmean[i] += v;
                bsq[i] += v * v;
            }
        for (int i = 0; i < _width; i++) { bmean[i] /= rows; bsq[i] /= rows; }

        if (_count == 0)
        {
            _mean = (double[])bmean.Clone();
            _meanSquares = (double[])bsq.Clone();
            _min = bmin;
            _max = bmax;
            _hist = Enumerable.Range(0, _width).Select(_ => new double[Bins]).ToArray();
            _edges = Enumerable.Range(0, _width).Select(i => Linspace(_min[i] - 1e-10, _max[i] + 1e-10, Bins + 1)).ToArray();
        }
        else
        {
            bool changed = false;
            for (int i = 0; i < _width; i++)
            {
                if (bmax[i] > _max[i]) { _max[i] = bmax[i]; changed = true; }
                if (bmin[i] < _min[i]) { _min[i] = bmin[i]; changed = true; }
            }
            if (changed) AdjustHistograms();
        }

        _count += rows;
        double weight = (double)rows / _count;
        for (int i = 0; i < _width; i++)
        {
            _mean[i] += (bmean[i] - _mean[i]) * weight;
            _meanSquares[i] += (bsq[i] - _meanSquares[i]) * weight;
        }
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < _width; i++)
            {
                int bin = BinOf(_edges[i], batch[r * _width + i]);
                if (bin >= 0) _hist[i][bin]++;
            }
    }

    /// <summary>
    /// The statistics one <see cref="Update"/> with all values would give, from per-dimension counts
    /// of small integer values (uint8 pixels: counts[d][v] = how often dimension d took value v).
    /// Counting first makes image statistics cost one pass over the pixels.
    /// </summary>
    public static FeatureStats FromCounts(IReadOnlyList<long[]> counts, IReadOnlyList<int> shape)
    {
        int width = counts.Count;
        var s = new RunningQuantileStats(width);
        s._count = counts[0].Sum();
        if (s._count < 2) throw new InvalidOperationException("statistics need at least 2 vectors.");
        s._mean = new double[width];
        s._meanSquares = new double[width];
        s._min = new double[width];
        s._max = new double[width];
        s._hist = new double[width][];
        s._edges = new double[width][];
        for (int d = 0; d < width; d++)
        {
            var c = counts[d];
            int lo = Array.FindIndex(c, x => x > 0), hi = Array.FindLastIndex(c, x => x > 0);
            double sum = 0, squares = 0;
            for (int v = lo; v <= hi; v++) { sum += (double)v * c[v]; squares += (double)v * v * c[v]; }
            s._mean[d] = sum / s._count;
            s._meanSquares[d] = squares / s._count;
            s._min[d] = lo;
            s._max[d] = hi;
            s._edges[d] = Linspace(lo - 1e-10, hi + 1e-10, Bins + 1);
            s._hist[d] = new double[Bins];
            for (int v = lo; v <= hi; v++)
                if (c[v] > 0) s._hist[d][BinOf(s._edges[d], v)] += c[v];
        }
        return s.Statistics(shape);
    }

    public FeatureStats Statistics(IReadOnlyList<int> shape)
    {
        if (_count < 2) throw new InvalidOperationException("statistics need at least 2 vectors.");
        var std = new double[_width];
        for (int i = 0; i < _width; i++) std[i] = Math.Sqrt(Math.Max(0, _meanSquares[i] - _mean[i] * _mean[i]));
        var quantiles = FeatureStats.DefaultQuantiles.ToDictionary(q => q.Key,
            q => Enumerable.Range(0, _width).Select(i => Quantile(_hist[i], _edges[i], q.Q * _count)).ToArray());
        return new FeatureStats(shape, (double[])_min.Clone(), (double[])_max.Clone(), (double[])_mean.Clone(), std, _count, quantiles);
    }

    // np.histogram with explicit edges: bin k holds [e_k, e_k+1), the last bin also its right edge.
    private static int BinOf(double[] edges, double v)
    {
        int n = edges.Length - 1;
        if (v < edges[0] || v > edges[n]) return -1;
        if (v == edges[n]) return n - 1;
        int lo = 0, hi = n; // find the last edge <= v
        while (hi - lo > 1)
        {
            int mid = (lo + hi) / 2;
            if (edges[mid] <= v) lo = mid; else hi = mid;
        }
        return lo;
    }

    private static double Quantile(double[] hist, double[] edges, double target)
    {
        // first index whose cumulative count reaches the target (np.searchsorted, side left)
        double cum = 0, before = 0;
        int idx = -1;
        for (int k = 0; k < hist.Length; k++)
        {
            before = cum;
            cum += hist[k];
            if (cum >= target) { idx = k; break; }
        }
        if (idx == 0) return edges[0];
        if (idx < 0) return edges[^1];
        double inBin = cum - before;
        if (inBin == 0) return edges[idx];
        double fraction = (target - before) / inBin;
        return edges[idx] + fraction * (edges[idx + 1] - edges[idx]);
    }

    private void AdjustHistograms()
    {
        for (int i = 0; i < _width; i++)
        {
            var old = _edges[i];
            var oldHist = _hist[i];
            double padding = (_max[i] - _min[i]) * 1e-10;
            var edges = Linspace(_min[i] - padding, _max[i] + padding, Bins + 1);
            var hist = new double[Bins];
            for (int k = 0; k < Bins; k++)
            {
                if (oldHist[k] <= 0) continue;
                double center = (old[k] + old[k + 1]) / 2;
                int bin = LowerBound(edges, center) - 1;
                hist[Math.Clamp(bin, 0, Bins - 1)] += oldHist[k];
            }
            _edges[i] = edges;
            _hist[i] = hist;
        }
    }

    private static int LowerBound(double[] a, double v)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (a[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    // numpy.linspace: start + i * step, the last point exactly stop.
    internal static double[] Linspace(double start, double stop, int num)
    {
        var r = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) r[i] = start + i * step;
        r[^1] = stop;
        return r;
    }
}
