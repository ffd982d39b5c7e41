using Harness.Datasets.Format;
using Harness.Datasets.Parquet;

namespace Harness.Tests.Datasets;

/// <summary>The real v2.1 sample in shared/data (written by LeRobot/pyarrow 21, SNAPPY, dictionary pages).</summary>
public class G1SampleTests
{
    public static string Root => SharedData.Path("lerobot-v21-g1");

    [Test]
    public void Metadata_matches_the_info_json_and_jsonl_files()
    {
        var ds = DatasetReader.OpenLenient(Root);
        Assert.That(ds.Version, Is.EqualTo(DatasetVersion.V21));
        Assert.That(ds.Info.RobotType, Is.EqualTo("Unitree_G1_Inspire"));
        Assert.That(ds.Fps, Is.EqualTo(30));
        Assert.That(ds.Episodes, Has.Count.EqualTo(100));
        Assert.That(ds.Episodes[0].Length, Is.EqualTo(479));
        Assert.That(ds.Episodes[1].Length, Is.EqualTo(393));
        Assert.That(ds.Episodes[1].FromIndex, Is.EqualTo(479));
        Assert.That(ds.Episodes[0].DataFile, Is.EqualTo("data/chunk-000/episode_000000.parquet"));
        Assert.That(ds.Episodes[0].Videos["observation.images.cam_high"].File, Is.EqualTo("videos/chunk-000/observation.images.cam_high/episode_000000.mp4"));
        Assert.That(ds.Tasks.Single().Text, Is.EqualTo("Pick up the yellow bottle on the table."));
        var state = ds.Info.Feature("observation.state")!;
        Assert.That(state.Shape, Is.EqualTo(new[] { 26 }));
        // names are stored as a nested list [[...]]: kept as written, flattened for use.
        Assert.That(state.Names!.Flat, Has.Count.EqualTo(26));
        Assert.That(state.Names.Flat[0], Is.EqualTo("kLeftShoulderPitch"));
        Assert.That(state.Names.Json, Does.StartWith("[["));
        // No episodes_stats.jsonl or stats.json in the sample: optional for reading (inspection reports them).
        Assert.That(ds.Issues, Is.Empty);
        Assert.That(ds.EpisodeStats, Is.Empty);
        Assert.That(ds.Stats, Is.Null);
    }

    [Test]
    public void Episode_zero_reads_479_frames_of_26_floats()
    {
        var ds = DatasetReader.OpenLenient(Root);
        var frames = new EpisodeFrameReader(ds).Read(0);
        Assert.That(frames.Length, Is.EqualTo(479));
        var state = (Float32Column)frames.Column("observation.state");
        Assert.That(state.Width, Is.EqualTo(26));
        var frameIndex = frames.Column("frame_index");
        var ts = frames.Column("timestamp");
        for (int r = 0; r < frames.Length; r++)
        {
            Assert.That(frameIndex.Get(r, 0), Is.EqualTo(r));
            Assert.That(ts.Get(r, 0), Is.EqualTo(r / 30.0).Within(1e-4));
        }
    }

    [Test]
    public void Our_reader_agrees_with_duckdb_value_for_value()
    {
        string file = Path.Combine(Root, "data/chunk-000/episode_000001.parquet");
        using var r = ParquetTableReader.Open(file);
        var ours = r.ReadFloat32Lists("action");
        var theirs = DuckDb.Query($"SELECT action FROM read_parquet('{file}') ORDER BY \"index\"");
        Assert.That(ours.Rows, Is.EqualTo(393));
        Assert.That(theirs, Has.Count.EqualTo(393));
        for (int row = 0; row < 393; row += 41)
        {
            var list = ((System.Collections.IList)theirs[row][0]!).Cast<float?>().ToArray();
            Assert.That(ours.Row(row).ToArray(), Is.EqualTo(list.Select(v => v!.Value).ToArray()), $"row {row}");
        }
        var index = r.ReadInt64("index");
        Assert.That(index[0], Is.EqualTo(479));
        Assert.That(index[^1], Is.EqualTo(479 + 392));
    }
}
