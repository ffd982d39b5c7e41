using Harness.Datasets.Format;
using Harness.Datasets.Parquet;
using Harness.Datasets.Video;
using Harness.Media.Images;
using Harness.Tests.Support;

namespace Harness.Tests.Datasets;

/// <summary>`image`-dtype features: PNG bytes in a struct {bytes, path} column, as Hugging Face's Image feature stores them.</summary>
public class ImageFeatureTests
{
    [Test]
    public void Png_images_in_parquet_decode_to_the_frames()
    {
        using var tmp = new TempDir("imagefeature");
        string root = tmp["ds"];
        Directory.CreateDirectory(Path.Combine(root, "meta"));
        Directory.CreateDirectory(Path.Combine(root, "data/chunk-000"));
        var frames = Enumerable.Range(0, 4).Select(f => TestDatasets.Image(0, f)).ToArray();
        string file = Path.Combine(root, "data/chunk-000/episode_000000.parquet");
        ParquetTableWriter.Write(file,
        [
            new ImageValues("observation.images.top", frames.Select(PngEncoder.Encode).ToArray()),
            new Float32Values("timestamp", [0f, 0.1f, 0.2f, 0.3f]),
            new Int64Values("frame_index", [0, 1, 2, 3]),
            new Int64Values("episode_index", [0, 0, 0, 0]),
            new Int64Values("index", [0, 1, 2, 3]),
            new Int64Values("task_index", [0, 0, 0, 0]),
        ]);
        var info = new DatasetInfo(DatasetVersion.V21, "v2.1", "test", 10, 1, 4, 1, 1000,
            "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet", null,
            [new FeatureInfo("observation.images.top", "image", [TestDatasets.CameraHeight, TestDatasets.CameraWidth, 3]), .. DefaultFeatures.All],
            new Dictionary<string, string> { ["train"] = "0:1" });
        File.WriteAllText(Path.Combine(root, "meta/info.json"), InfoJson.ToJson(info));
        File.WriteAllText(Path.Combine(root, "meta/episodes.jsonl"), "{\"episode_index\": 0, \"tasks\": [\"t\"], \"length\": 4}\n");
        File.WriteAllText(Path.Combine(root, "meta/tasks.jsonl"), "{\"task_index\": 0, \"task\": \"t\"}\n");

        Assert.That(DuckDb.Schema(file)["observation.images.top"], Is.EqualTo("STRUCT(bytes BLOB, path VARCHAR)"));
        var png = (string)DuckDb.Scalar($"SELECT hex(\"observation.images.top\".bytes) FROM read_parquet('{file}') WHERE frame_index = 2")!;
        Assert.That(png[..16], Is.EqualTo("89504E470D0A1A0A"), "PNG signature");

        var ds = DatasetReader.Open(root);
        var decoded = EpisodeCameraFrames.Read(ds, 0, "observation.images.top");
        Assert.That(decoded, Has.Count.EqualTo(4));
        for (int f = 0; f < 4; f++) Assert.That(decoded[f].Pixels, Is.EqualTo(frames[f].Pixels), "PNG is lossless");
    }
}
