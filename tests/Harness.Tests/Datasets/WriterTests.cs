using System.Text.Json.Nodes;
using Harness.Datasets.Format;
using Harness.Datasets.Writing;
using Harness.Tests.Support;

namespace Harness.Tests.Datasets;

/// <summary>Datasets written by Harness, read back by DuckDB (an independent parquet reader) and by our reader.</summary>
public class WriterTests
{
    private static readonly int[] Lengths = [12, 7, 15];

    [Test]
    public void V30_data_parquet_has_lerobots_columns_and_values()
    {
        using var tmp = new TempDir("v30");
        string root = TestDatasets.Write(tmp["ds"], RecordFormat.V30, Lengths, camera: true);
        string data = Path.Combine(root, "data/chunk-000/file-000.parquet");
        Assert.That(File.Exists(data));
        var schema = DuckDb.Schema(data);
        Assert.That(schema.Keys, Is.EqualTo(new[] { "observation.state", "action", "timestamp", "frame_index", "episode_index", "index", "task_index" }));
        Assert.That(schema["observation.state"], Is.EqualTo("FLOAT[]"));
        Assert.That(schema["timestamp"], Is.EqualTo("FLOAT"));
        Assert.That(schema["index"], Is.EqualTo("BIGINT"));
        Assert.That(DuckDb.Compressions(data), Is.EqualTo(new[] { "SNAPPY" }));
        Assert.That(DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{data}')"), Is.EqualTo(34L));
        Assert.That(DuckDb.Scalar($"SELECT count(*) FROM parquet_metadata('{data}') WHERE path_in_schema = 'index'"), Is.EqualTo(3L), "one row group per episode");
        var hf = JsonNode.Parse(DuckDb.KeyValueMetadata(data)["huggingface"])!;
        Assert.That(hf["info"]!["features"]!["action"]!["length"]!.GetValue<int>(), Is.EqualTo(6));

        // Episode 1, frame 3: every column as the writer was given it.
        var row = DuckDb.Query($"SELECT \"observation.state\", action, timestamp, frame_index, episode_index, \"index\", task_index FROM read_parquet('{data}') WHERE episode_index = 1 AND frame_index = 3")[0];
        Assert.That(((System.Collections.IList)row[0]!).Cast<float?>().Select(v => v!.Value), Is.EqualTo(Enumerable.Range(0, 6).Select(j => TestDatasets.State(1, 3, j))));
        Assert.That(((System.Collections.IList)row[1]!).Cast<float?>().Select(v => v!.Value), Is.EqualTo(Enumerable.Range(0, 6).Select(j => TestDatasets.Action(1, 3, j))));
        Assert.That(row[2], Is.EqualTo(0.3f));
        Assert.That(row[5], Is.EqualTo(12L + 3), "global index continues across episodes");
        Assert.That(row[6], Is.EqualTo(1L), "second task");
    }

    [Test]
    public void V30_metadata_files_match_lerobots_schemas()
    {
        using var tmp = new TempDir("v30meta");
        string root = TestDatasets.Write(tmp["ds"], RecordFormat.V30, Lengths, camera: true);

        string episodes = Path.Combine(root, "meta/episodes/chunk-000/file-000.parquet");
        var schema = DuckDb.Schema(episodes);
        Assert.That(schema["episode_index"], Is.EqualTo("BIGINT"));
        Assert.That(schema["tasks"], Is.EqualTo("VARCHAR[]"));
        Assert.That(schema["dataset_to_index"], Is.EqualTo("BIGINT"));
        Assert.That(schema["videos/observation.images.top/from_timestamp"], Is.EqualTo("DOUBLE"));
        Assert.That(schema["stats/action/mean"], Is.EqualTo("DOUBLE[]"));
        Assert.That(schema["stats/action/count"], Is.EqualTo("BIGINT[]"));
        Assert.That(schema["stats/observation.images.top/mean"], Is.EqualTo("DOUBLE[][][]"));
        Assert.That(schema.Keys, Does.Contain("stats/timestamp/q99"));
        Assert.That(schema.Keys.Last(), Is.EqualTo("meta/episodes/file_index"));
        var rows = DuckDb.Query($"SELECT episode_index, length, dataset_from_index, dataset_to_index, \"videos/observation.images.top/from_timestamp\", \"videos/observation.images.top/to_timestamp\", tasks[1], \"stats/action/count\"[1] FROM read_parquet('{episodes}') ORDER BY episode_index");
        Assert.That(rows.Select(r => r[1]), Is.EqualTo(new object[] { 12L, 7L, 15L }));
        Assert.That(rows.Select(r => r[2]), Is.EqualTo(new object[] { 0L, 12L, 19L }));
        Assert.That(rows.Select(r => r[3]), Is.EqualTo(new object[] { 12L, 19L, 34L }));
        Assert.That(rows.Select(r => (double)r[4]!), Is.EqualTo(new[] { 0.0, 1.2, 1.9 }).Within(1e-9));
        Assert.That(rows.Select(r => (double)r[5]!), Is.EqualTo(new[] { 1.2, 1.9, 3.4 }).Within(1e-9));
        Assert.That(rows.Select(r => r[6]), Is.EqualTo(new object[] { "pick the block", "place the block in the bowl", "pick the block" }));
        Assert.That(rows.Select(r => r[7]), Is.EqualTo(new object[] { 12L, 7L, 15L }));

        string tasks = Path.Combine(root, "meta/tasks.parquet");
        var taskRows = DuckDb.Query($"SELECT task_index, __index_level_0__ FROM read_parquet('{tasks}') ORDER BY task_index");
        Assert.That(taskRows.Select(r => r[1]), Is.EqualTo(new object[] { "pick the block", "place the block in the bowl" }));
        var pandas = JsonNode.Parse(DuckDb.KeyValueMetadata(tasks)["pandas"])!;
        Assert.That(pandas["index_columns"]![0]!.GetValue<string>(), Is.EqualTo("__index_level_0__"));

        var info = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "meta/info.json")))!;
        Assert.That(info["codebase_version"]!.GetValue<string>(), Is.EqualTo("v3.0"));
        Assert.That(info["total_episodes"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(info["total_frames"]!.GetValue<int>(), Is.EqualTo(34));
        Assert.That(info["total_tasks"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(info["splits"]!["train"]!.GetValue<string>(), Is.EqualTo("0:3"));
        Assert.That(info["data_path"]!.GetValue<string>(), Is.EqualTo("data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet"));
        var cam = info["features"]!["observation.images.top"]!;
        Assert.That(cam["dtype"]!.GetValue<string>(), Is.EqualTo("video"));
        Assert.That(cam["info"]!["video.codec"]!.GetValue<string>(), Is.EqualTo("av1"), "Debian's ffmpeg has libsvtav1");
        Assert.That(info["features"]!["action"]!["names"]![0]!.GetValue<string>(), Is.EqualTo("shoulder_pan.pos"));
        Assert.That(File.Exists(Path.Combine(root, "videos/observation.images.top/chunk-000/file-000.mp4")));

        var stats = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "meta/stats.json")))!;
        Assert.That(stats["action"]!["count"]![0]!.GetValue<long>(), Is.EqualTo(34));
        Assert.That(stats["observation.images.top"]!["mean"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(stats["observation.images.top"]!["mean"]![0]![0]![0]!.GetValue<double>(), Is.InRange(0.0, 1.0));
        foreach (var key in new[] { "min", "max", "mean", "std", "count", "q01", "q10", "q50", "q90", "q99" })
            Assert.That(stats["observation.state"]![key], Is.Not.Null, key);
    }

    [Test]
    public void V30_round_trip_through_our_reader()
    {
        using var tmp = new TempDir("v30rt");
        string root = TestDatasets.Write(tmp["ds"], RecordFormat.V30, Lengths, camera: false);
        var ds = DatasetReader.Open(root);
        Assert.That(ds.Issues, Is.Empty);
        Assert.That(ds.Episodes.Select(e => e.Length), Is.EqualTo(Lengths));
        Assert.That(ds.Tasks.Select(t => t.Text), Is.EqualTo(new[] { "pick the block", "place the block in the bowl" }));
        Assert.That(ds.EpisodeStats[2]["action"]!.Count, Is.EqualTo(15));
        var reader = new EpisodeFrameReader(ds);
        for (int e = 0; e < Lengths.Length; e++)
        {
            var frames = reader.Read(e);
            Assert.That(frames.Length, Is.EqualTo(Lengths[e]));
            for (int f = 0; f < frames.Length; f++)
            {
                Assert.That(frames.Vector("action", f).ToArray(), Is.EqualTo(Enumerable.Range(0, 6).Select(j => TestDatasets.Action(e, f, j))));
                Assert.That(frames.Column("timestamp").Get(f, 0), Is.EqualTo(f / (double)TestDatasets.Fps).Within(1e-6));
            }
        }
        Assert.That(ds.Stats!["action"]!.Mean[0], Is.EqualTo(ExpectedMeanOfFirstAction()).Within(1e-4));
    }

    // Action joint 0 is 100*episode + frame + 0.5 over episodes of 12, 7 and 15 frames.
    private static double ExpectedMeanOfFirstAction() =>
        (Enumerable.Range(0, 12).Sum(f => f + 0.5) + Enumerable.Range(0, 7).Sum(f => 100 + f + 0.5) + Enumerable.Range(0, 15).Sum(f => 200 + f + 0.5)) / 34;

    [Test]
    public void V21_layout_as_openpis_lerobot_reads_it()
    {
        using var tmp = new TempDir("v21");
        string root = TestDatasets.Write(tmp["ds"], RecordFormat.V21, Lengths, camera: true);
        for (int e = 0; e < 3; e++)
        {
            string file = Path.Combine(root, $"data/chunk-000/episode_{e:000000}.parquet");
            Assert.That(DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{file}')"), Is.EqualTo((long)Lengths[e]));
            Assert.That(DuckDb.Scalar($"SELECT min(episode_index) FROM read_parquet('{file}')"), Is.EqualTo((long)e));
            Assert.That(File.Exists(Path.Combine(root, $"videos/chunk-000/observation.images.top/episode_{e:000000}.mp4")));
        }
        Assert.That(DuckDb.Schema(Path.Combine(root, "data/chunk-000/episode_000000.parquet"))["action"], Is.EqualTo("FLOAT[]"));
        var info = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "meta/info.json")))!;
        Assert.That(info["codebase_version"]!.GetValue<string>(), Is.EqualTo("v2.1"));
        Assert.That(info["total_videos"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(info["total_chunks"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(info["video_path"]!.GetValue<string>(), Is.EqualTo("videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4"));
        var episodes = File.ReadAllLines(Path.Combine(root, "meta/episodes.jsonl"));
        Assert.That(episodes[1], Is.EqualTo("{\"episode_index\":1,\"tasks\":[\"place the block in the bowl\"],\"length\":7}"));
        Assert.That(File.ReadAllLines(Path.Combine(root, "meta/tasks.jsonl"))[0], Is.EqualTo("{\"task_index\":0,\"task\":\"pick the block\"}"));
        var epStats = JsonNode.Parse(File.ReadAllLines(Path.Combine(root, "meta/episodes_stats.jsonl"))[2])!;
        Assert.That(epStats["stats"]!["frame_index"]!["max"]![0]!.GetValue<double>(), Is.EqualTo(14));

        var ds = DatasetReader.Open(root);
        Assert.That(ds.Version, Is.EqualTo(DatasetVersion.V21));
        Assert.That(new EpisodeFrameReader(ds).Read(2).Vector("observation.state", 4).ToArray(),
            Is.EqualTo(Enumerable.Range(0, 6).Select(j => TestDatasets.State(2, 4, j))));
    }

    [Test]
    public void An_abandoned_recording_never_appears_at_the_destination()
    {
        using var tmp = new TempDir("killed");
        string root = tmp["ds"];
        var w = DatasetWriter.Create(root, TestDatasets.Spec(camera: false));
        w.BeginEpisode("pick");
        for (int f = 0; f < 5; f++) w.AddFrame(TestDatasets.Frame(0, f, false));
        w.EndEpisode();
        w.BeginEpisode("pick");
        w.AddFrame(TestDatasets.Frame(1, 0, false));
        // The process dies here: no Complete, no Dispose.
        Assert.That(Directory.Exists(root), Is.False);
        Assert.That(Directory.Exists(w.TempRoot));
        Assert.That(Path.GetFileName(w.TempRoot), Does.StartWith(".ds.partial-"));
        Assert.That(File.Exists(Path.Combine(w.TempRoot, "meta/info.json")), Is.False, "without info.json no reader takes it for a dataset");
        Assert.Throws<DatasetFormatException>(() => DatasetReader.Open(w.TempRoot));
        w.Dispose();
        Assert.That(Directory.Exists(root), Is.False);
    }

    [Test]
    public void Refuses_an_existing_destination_and_keeps_it()
    {
        using var tmp = new TempDir("exists");
        Directory.CreateDirectory(tmp["ds"]);
        File.WriteAllText(tmp["ds/keep.txt"], "mine");
        var e = Assert.Throws<IOException>(() => DatasetWriter.Create(tmp["ds"], TestDatasets.Spec(false)));
        Assert.That(e!.Message, Does.Contain("already exists"));
        Assert.That(File.ReadAllText(tmp["ds/keep.txt"]), Is.EqualTo("mine"));
    }

    [Test]
    public void Discarded_episodes_leave_no_trace()
    {
        using var tmp = new TempDir("discard");
        using var w = DatasetWriter.Create(tmp["ds"], TestDatasets.Spec(camera: true));
        w.BeginEpisode("a");
        for (int f = 0; f < 4; f++) w.AddFrame(TestDatasets.Frame(0, f, true));
        w.DiscardEpisode();
        w.BeginEpisode("b");
        for (int f = 0; f < 6; f++) w.AddFrame(TestDatasets.Frame(1, f, true));
        Assert.That(w.EndEpisode(), Is.EqualTo(0));
        var ds = DatasetReader.Open(w.Complete());
        Assert.That(ds.Episodes.Single().Length, Is.EqualTo(6));
        Assert.That(ds.Tasks.Single().Text, Is.EqualTo("b"));
        Assert.That(Directory.GetFileSystemEntries(tmp.Path), Has.Length.EqualTo(1), "no temporary folder left beside the dataset");
    }

    [Test]
    public void Frames_that_disagree_with_the_features_are_refused()
    {
        using var tmp = new TempDir("badframe");
        using var w = DatasetWriter.Create(tmp["ds"], TestDatasets.Spec(camera: false));
        w.BeginEpisode("a");
        var frame = new DatasetFrame(new Dictionary<string, float[]> { ["observation.state"] = new float[5], ["action"] = new float[6] }, new Dictionary<string, Harness.Core.Robots.CameraImage>());
        var e = Assert.Throws<ArgumentException>(() => w.AddFrame(frame));
        Assert.That(e!.Message, Does.Contain("'observation.state' has 5 values").And.Contain("[6]"));
    }
}
