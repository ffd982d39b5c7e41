using Harness.Datasets.Format;
using Harness.Datasets.Inspection;
using Harness.Datasets.Video;
using Harness.Core.IO;

namespace Harness.Datasets.Statistics;

/// <summary>
/// Recomputes a dataset's statistics from its frames the way LeRobot does (per episode, then
/// aggregated) and writes meta/stats.json (temporary file, then rename).
/// </summary>
public static class DatasetStatistics
{
    public static DatasetStats Compute(LeRobotDataset ds)
    {
        var missing = ds.Episodes.Where(e => !File.Exists(ds.FullPath(e.DataFile))).Select(e => e.Index).ToArray();
        if (missing.Length > 0)
            throw new DatasetFormatException(ds.Root, $"episodes {IndexRanges.Format(missing)} have no data file; statistics over part of a dataset would mislead training. Complete the copy first (`harness dataset inspect` lists what is missing).");
        var reader = new EpisodeFrameReader(ds);
        var perEpisode = new List<DatasetStats>();
        foreach (var e in ds.Episodes)
        {
            var frames = reader.Read(e.Index);
            var stats = new Dictionary<string, FeatureStats>();
            foreach (var f in ds.Info.Features)
            {
                if (f.IsVisual)
                {
                    var images = EpisodeCameraFrames.Read(ds, e.Index, f.Name, frames);
                    stats[f.Name] = FeatureStatistics.OfImages(FeatureStatistics.SampleIndices(images.Count).Select(i => images[i]).ToArray());
                }
                else if (f.DType is not ("string" or "language"))
                    stats[f.Name] = FeatureStatistics.OfVectors(frames.Column(f.Name), f.Shape);
            }
            perEpisode.Add(new DatasetStats(stats));
        }
        return StatsAggregator.Aggregate(perEpisode);
    }

    public static string Write(LeRobotDataset ds, DatasetStats stats)
    {
        string path = ds.FullPath(StatsJson.RelativePath);
        AtomicFile.WriteAllText(path, StatsJson.ToJson(stats, withQuantiles: ds.Version == DatasetVersion.V30));
        return path;
    }
}
