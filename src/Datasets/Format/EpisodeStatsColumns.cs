using Harness.Datasets.Parquet;

namespace Harness.Datasets.Format;

/// <summary>
/// Per-episode statistics as columns of a v3.0 episodes parquet: <c>stats/&lt;feature&gt;/&lt;stat&gt;</c>,
/// each a list of doubles nested by the statistic's shape (images (3,1,1)), count a list of one int64.
/// </summary>
public static class EpisodeStatsColumns
{
    public const string Prefix = "stats/";

    private static readonly string[] Moments = ["min", "max", "mean", "std"];

    public static IEnumerable<string> StatNames(bool withQuantiles = true) =>
        withQuantiles ? Moments.Concat(["count"]).Concat(FeatureStats.DefaultQuantiles.Select(q => q.Key)) : Moments.Concat(["count"]);

    /// <summary>Columns for episodes in row order; features in <paramref name="featureOrder"/>.</summary>
    public static IEnumerable<ColumnValues> Columns(IReadOnlyList<DatasetStats> episodes, IEnumerable<string> featureOrder)
    {
        foreach (var feature in featureOrder)
        {
            var per = episodes.Select(e => e[feature] ?? throw new ArgumentException($"an episode has no statistics for '{feature}'.")).ToArray();
            var shape = per[0].Shape.ToArray();
            foreach (var stat in StatNames())
            {
                string name = $"{Prefix}{feature}/{stat}";
                if (stat == "count")
                {
                    yield return new TensorValues<long>(name, per.Select(s => s.Count).ToArray(), [1]);
                    continue;
                }
                yield return new TensorValues<double>(name, per.SelectMany(s => Select(s, stat)).ToArray(), shape);
            }
        }
    }

    private static double[] Select(FeatureStats s, string stat) => stat switch
    {
        "min" => s.Min,
        "max" => s.Max,
        "mean" => s.Mean,
        "std" => s.Std,
        _ => s.Quantiles[stat],
    };

    /// <summary>Statistics per row of an episodes parquet (null for rows or files without them).</summary>
    public static DatasetStats?[] Read(ParquetTableReader r, DatasetInfo info)
    {
        int rows = (int)r.RowCount;
        var perRow = new Dictionary<string, FeatureStats>[rows];
        for (int i = 0; i < rows; i++) perRow[i] = new Dictionary<string, FeatureStats>();
        foreach (var feature in info.Features)
        {
            string p = $"{Prefix}{feature.Name}/";
            if (!Moments.All(m => r.HasColumn(p + m))) continue;
            var moments = Moments.Select(m => r.ReadNumericLists(p + m)).ToArray();
            var count = r.HasColumn(p + "count") ? r.ReadNumericLists(p + "count") : null;
            var quantiles = FeatureStats.DefaultQuantiles.Where(q => r.HasColumn(p + q.Key))
                .ToDictionary(q => q.Key, q => r.ReadNumericLists(p + q.Key));
            IReadOnlyList<int> shape = feature.IsVisual ? [feature.Shape.Count == 3 ? feature.Shape[2] : 3, 1, 1] : feature.Shape;
            for (int i = 0; i < rows; i++)
            {
                perRow[i][feature.Name] = new FeatureStats(shape,
                    moments[0].Row(i).ToArray(), moments[1].Row(i).ToArray(), moments[2].Row(i).ToArray(), moments[3].Row(i).ToArray(),
                    count is null || count.Length(i) == 0 ? 0 : (long)count.Row(i)[0],
                    quantiles.ToDictionary(q => q.Key, q => q.Value.Row(i).ToArray()));
            }
        }
        return perRow.Select(d => d.Count == 0 ? null : new DatasetStats(d)).ToArray();
    }
}
