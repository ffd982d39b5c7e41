using System.Text.Json.Nodes;
using Harness.Datasets.Format;
using Harness.Datasets.Inspection;
using Harness.Datasets.Parquet;
using Harness.Datasets.Writing;
using Harness.Tests.Support;

namespace Harness.Tests.Datasets;

/// <summary>Broken datasets give errors that name the file and what was expected; inspection lists them all.</summary>
public class BadInputTests
{
    private static string Copy(string from, string to)
    {
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
            File.SetAttributes(target, FileAttributes.Normal);
        }
        return to;
    }

    [Test]
    public void A_truncated_parquet_file_is_named_as_truncated()
    {
        using var tmp = new TempDir("trunc");
        string file = tmp["episode.parquet"];
        var bytes = File.ReadAllBytes(Path.Combine(G1SampleTests.Root, "data/chunk-000/episode_000000.parquet"));
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<DatasetFormatException>(() => ParquetTableReader.Open(file));
        Assert.That(e!.Message, Does.StartWith(file).And.Contain("truncated"));
    }

    [Test]
    public void A_file_that_is_not_parquet_is_named()
    {
        using var tmp = new TempDir("notpq");
        File.WriteAllText(tmp["x.parquet"], "episode_index,length\n0,10\n");
        var e = Assert.Throws<DatasetFormatException>(() => ParquetTableReader.Open(tmp["x.parquet"]));
        Assert.That(e!.Message, Does.Contain("is not a parquet file").And.Contain("'epis'"));
    }

    [Test]
    public void A_missing_info_json_says_where_to_point()
    {
        using var tmp = new TempDir("noinfo");
        Directory.CreateDirectory(tmp["ds/data"]);
        var e = Assert.Throws<DatasetFormatException>(() => DatasetReader.Open(tmp["ds"]));
        Assert.That(e!.Message, Does.Contain("meta/info.json").And.Contain("root folder"));
        var (code, _, err) = InProcessCli.Run("dataset", "inspect", tmp["ds"]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("meta/info.json: not found"));
    }

    [Test]
    public void An_unknown_codebase_version_is_refused_with_the_versions_read()
    {
        using var tmp = new TempDir("version");
        string root = Copy(G1SampleTests.Root, tmp["ds"]);
        string info = Path.Combine(root, "meta/info.json");
        File.WriteAllText(info, File.ReadAllText(info).Replace("\"v2.1\"", "\"v1.6\""));
        var e = Assert.Throws<DatasetFormatException>(() => DatasetReader.Open(root));
        Assert.That(e!.Message, Does.Contain("\"v1.6\"").And.Contain("v3.0, v2.1 and v2.0").And.Contain("Convert"));
    }

    [Test]
    public void Features_that_disagree_with_the_data_are_reported_and_refused()
    {
        using var tmp = new TempDir("shape");
        string root = Copy(G1SampleTests.Root, tmp["ds"]);
        string infoPath = Path.Combine(root, "meta/info.json");
        var info = JsonNode.Parse(File.ReadAllText(infoPath))!;
        info["features"]!["action"]!["shape"] = new JsonArray(14);
        File.WriteAllText(infoPath, info.ToJsonString());
        var report = DatasetInspector.Inspect(root);
        Assert.That(report.Issues.Select(i => i.Message), Has.Some.Contains("column 'action' has 26 value(s) per row; meta/info.json says shape [14]"));
        var ds = DatasetReader.OpenLenient(root);
        var e = Assert.Throws<DatasetFormatException>(() => new EpisodeFrameReader(ds).Read(0));
        Assert.That(e!.Message, Does.Contain("episode_000000.parquet").And.Contain("26 value(s) per row"));
    }

    [Test]
    public void Inspection_of_the_g1_sample_lists_what_is_missing_and_reads_what_is_there()
    {
        var report = DatasetInspector.Inspect(G1SampleTests.Root);
        Assert.That(report.Episodes[0].FramesFound, Is.EqualTo(479));
        Assert.That(report.Episodes[1].FramesFound, Is.EqualTo(393));
        Assert.That(report.EpisodesWithData, Is.EqualTo(2));
        var messages = report.Issues.Select(i => i.Message).ToArray();
        Assert.That(messages, Has.Some.Contains("98 of 100 episodes have no data file (episodes 2-99)"));
        Assert.That(messages, Has.Some.Contains("'observation.images.cam_high': 100 of 100 episodes have no video file (episodes 0-99)"));
        Assert.That(report.Issues.Select(i => i.File), Has.Some.EndsWith("meta/stats.json"));
        Assert.That(report.Issues.Select(i => i.File), Has.Some.EndsWith("meta/episodes_stats.jsonl"));
        Assert.That(report.Issues, Has.Count.EqualTo(4), string.Join("\n", report.Issues));
    }

    [Test]
    public void Inspection_finds_rows_that_disagree_with_the_episode_lengths_and_a_damaged_file()
    {
        using var tmp = new TempDir("lengths");
        string root = TestDatasets.Write(tmp["ds"], RecordFormat.V21, [6, 5, 4], camera: false);
        Assert.That(DatasetInspector.Inspect(root).Issues, Is.Empty, "a dataset we wrote is consistent");
        string episodes = Path.Combine(root, "meta/episodes.jsonl");
        File.WriteAllText(episodes, File.ReadAllText(episodes).Replace("\"length\":5", "\"length\":8"));
        string third = Path.Combine(root, "data/chunk-000/episode_000002.parquet");
        File.WriteAllBytes(third, File.ReadAllBytes(third)[..40]);
        var messages = DatasetInspector.Inspect(root).Issues.Select(i => i.ToString()).ToArray();
        Assert.That(messages, Has.Some.Contains("episode 1 has 5 rows; the episode metadata says length 8"));
        Assert.That(messages, Has.Some.Contains("total_frames is 15; the episode lengths add up to 18"));
        Assert.That(messages, Has.Some.Contains("episode_000002.parquet: is truncated"));
    }

    [Test]
    public void Inspection_finds_timestamps_off_the_frame_rate()
    {
        using var tmp = new TempDir("fps");
        string root = TestDatasets.Write(tmp["ds"], RecordFormat.V30, [6, 5], camera: false);
        string infoPath = Path.Combine(root, "meta/info.json");
        File.WriteAllText(infoPath, File.ReadAllText(infoPath).Replace("\"fps\": 10", "\"fps\": 30"));
        var messages = DatasetInspector.Inspect(root).Issues.Select(i => i.Message).ToArray();
        Assert.That(messages, Has.Some.Contains("episode 0: timestamp 0.1 s at frame 1; at 30 fps it should be 0.033333 s"));
    }
}
