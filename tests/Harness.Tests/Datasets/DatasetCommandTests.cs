using System.Text.Json.Nodes;
using Harness.Datasets.Format;
using Harness.Datasets.Writing;
using Harness.Tests.Support;

namespace Harness.Tests.Datasets;

/// <summary>`harness dataset inspect|stats` end to end.</summary>
public class DatasetCommandTests
{
    [Test]
    public void Inspect_the_g1_sample_reports_479_frames_and_what_is_missing()
    {
        var (code, output, _) = InProcessCli.Run("dataset", "inspect", G1SampleTests.Root);
        Assert.That(code, Is.EqualTo(1), "problems found");
        Assert.That(output, Does.Contain("version   v2.1   robot Unitree_G1_Inspire   fps 30"));
        Assert.That(output, Does.Contain("   0:   479"));
        Assert.That(output, Does.Contain("98 of 100 episodes have no data file (episodes 2-99)"));
    }

    [Test]
    public void Inspect_json_of_a_recorded_dataset()
    {
        using var tmp = new TempDir("inspectjson");
        string root = TestDatasets.Write(tmp["ds"], RecordFormat.V30, [4, 6], camera: true);
        var (code, output, err) = InProcessCli.Run("dataset", "inspect", root, "--json");
        Assert.That(code, Is.EqualTo(0), output + err);
        var json = JsonNode.Parse(output)!;
        Assert.That(json["codebase_version"]!.GetValue<string>(), Is.EqualTo("v3.0"));
        Assert.That(json["robot_type"]!.GetValue<string>(), Is.EqualTo("so101_follower"));
        Assert.That(json["episodes"]![1]!["frames_found"]!.GetValue<int>(), Is.EqualTo(6));
        Assert.That(json["features"]![0]!["names"]![5]!.GetValue<string>(), Is.EqualTo("gripper.pos"));
        Assert.That(json["issues"]!.AsArray(), Is.Empty);
    }

    [Test]
    public void Stats_recomputes_what_the_writer_wrote()
    {
        using var tmp = new TempDir("statscmd");
        string root = TestDatasets.Write(tmp["ds"], RecordFormat.V30, [12, 7], camera: true);
        var written = StatsJson.ReadIfPresent(root)!;
        File.Delete(Path.Combine(root, StatsJson.RelativePath));
        var (code, output, err) = InProcessCli.Run("dataset", "stats", root);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("meta/stats.json"));
        var recomputed = StatsJson.ReadIfPresent(root)!;
        Assert.That(recomputed["action"]!.Mean, Is.EqualTo(written["action"]!.Mean).Within(1e-9));
        Assert.That(recomputed["action"]!.Quantiles["q90"], Is.EqualTo(written["action"]!.Quantiles["q90"]).Within(1e-9));
        Assert.That(recomputed["index"]!.Max[0], Is.EqualTo(18));
        // Camera statistics from the decoded (lossy) video against those of the raw frames.
        Assert.That(recomputed["observation.images.top"]!.Mean, Is.EqualTo(written["observation.images.top"]!.Mean).Within(0.02));
    }
}
