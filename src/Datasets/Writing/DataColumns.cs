using System.Text.Json.Nodes;
using Harness.Datasets.Format;
using Harness.Datasets.Parquet;

namespace Harness.Datasets.Writing;

/// <summary>
/// An episode's rows as LeRobot's data parquet holds them: features in info.json order (videos
/// excluded), vectors as LIST&lt;FLOAT&gt;, shape-[1] features as scalars, then timestamp (float32),
/// frame_index, episode_index, index, task_index (int64). The Hugging Face "features" JSON goes
/// into the file's metadata, as the datasets library writes it.
/// </summary>
internal static class DataColumns
{
    public static IReadOnlyList<ColumnValues> Build(IReadOnlyList<FeatureInfo> features, EpisodeBuffer e, int episodeIndex, long fromIndex, int taskIndex)
    {
        var columns = new List<ColumnValues>();
        foreach (var f in features)
        {
            if (f.IsVideo || DefaultFeatures.IsDefault(f.Name)) continue;
            var values = e.Vectors[f.Name].ToArray();
            columns.Add(IsScalar(f) ? new Float32Values(f.Name, values) : new TensorValues<float>(f.Name, values, f.Shape.ToArray()));
        }
        int n = e.Length;
        columns.Add(new Float32Values(DefaultFeatures.Timestamp, e.Timestamps.Select(t => (float)t).ToArray()));
        columns.Add(new Int64Values(DefaultFeatures.FrameIndex, Enumerable.Range(0, n).Select(i => (long)i).ToArray()));
        columns.Add(new Int64Values(DefaultFeatures.EpisodeIndex, Enumerable.Repeat((long)episodeIndex, n).ToArray()));
        columns.Add(new Int64Values(DefaultFeatures.Index, Enumerable.Range(0, n).Select(i => fromIndex + i).ToArray()));
        columns.Add(new Int64Values(DefaultFeatures.TaskIndex, Enumerable.Repeat((long)taskIndex, n).ToArray()));
        return columns;
    }

    private static bool IsScalar(FeatureInfo f) => f.Shape.Count == 1 && f.Shape[0] == 1;

    /// <summary>The "huggingface" key-value metadata: {"info": {"features": {...}}}.</summary>
    public static IReadOnlyDictionary<string, string> HuggingFaceMetadata(IReadOnlyList<FeatureInfo> features)
    {
        var fo = new JsonObject();
        foreach (var f in features)
        {
            if (f.IsVideo) continue;
            var value = new JsonObject { ["dtype"] = f.DType, ["_type"] = "Value" };
            fo[f.Name] = IsScalar(f) ? value : new JsonObject { ["feature"] = value, ["length"] = f.Shape[0], ["_type"] = "Sequence" };
        }
        return new Dictionary<string, string> { ["huggingface"] = new JsonObject { ["info"] = new JsonObject { ["features"] = fo } }.ToJsonString() };
    }
}
