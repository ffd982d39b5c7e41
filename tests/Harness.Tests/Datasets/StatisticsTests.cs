using Harness.Core.Robots;
using Harness.Datasets.Format;
using Harness.Datasets.Statistics;

namespace Harness.Tests.Datasets;

/// <summary>Statistics against values worked out by hand from LeRobot's definitions.</summary>
public class StatisticsTests
{
    [Test]
    public void Vector_statistics_of_one_to_four()
    {
        var s = FeatureStatistics.OfVectors(new double[] { 1, 2, 3, 4 }, 4, 1, [1]);
        Assert.That(s.Min[0], Is.EqualTo(1));
        Assert.That(s.Max[0], Is.EqualTo(4));
        Assert.That(s.Mean[0], Is.EqualTo(2.5));
        Assert.That(s.Std[0], Is.EqualTo(Math.Sqrt(1.25)).Within(1e-12)); // population std
        Assert.That(s.Count, Is.EqualTo(4));
        // 5000 bins from 1-1e-10 to 4+1e-10 (width 0.0006): the 2nd value closes the bin ending at 2.0002;
        // q01 and q10 fall in the first bin, which LeRobot answers with its left edge.
        Assert.That(s.Quantiles["q01"][0], Is.EqualTo(1 - 1e-10).Within(1e-12));
        Assert.That(s.Quantiles["q10"][0], Is.EqualTo(1 - 1e-10).Within(1e-12));
        Assert.That(s.Quantiles["q50"][0], Is.EqualTo(2.0002).Within(1e-9));
        Assert.That(s.Quantiles["q90"][0], Is.EqualTo(4 - 0.4 * 0.0006).Within(1e-9));
        Assert.That(s.Quantiles["q99"][0], Is.EqualTo(4 - 0.04 * 0.0006).Within(1e-9));
    }

    [Test]
    public void Aggregation_pools_means_and_variances_and_keeps_a_quantile_envelope()
    {
        var a = FeatureStatistics.OfVectors(new double[] { 1, 2, 3, 4 }, 4, 1, [1]);
        var b = FeatureStatistics.OfVectors(new double[] { 6, 8 }, 2, 1, [1]);
        var s = StatsAggregator.Aggregate([a, b]);
        // Pooled over 1,2,3,4,6,8: mean 4, squared deviations 9+4+1+0+4+16 = 34 over 6.
        Assert.That(s.Mean[0], Is.EqualTo(4).Within(1e-12));
        Assert.That(s.Std[0], Is.EqualTo(Math.Sqrt(34.0 / 6)).Within(1e-12));
        Assert.That(s.Count, Is.EqualTo(6));
        Assert.That(s.Min[0], Is.EqualTo(1));
        Assert.That(s.Max[0], Is.EqualTo(8));
        Assert.That(s.Quantiles["q01"][0], Is.EqualTo(1 - 1e-10).Within(1e-12), "lowest q01 of the parts");
        // b: bins of 0.0004 from 6-1e-10; q99 target 1.98 lies 98 % into the last bin.
        Assert.That(s.Quantiles["q99"][0], Is.EqualTo(8 - 0.02 * 0.0004).Within(1e-9), "highest q99 of the parts");
    }

    [Test]
    public void Image_statistics_are_per_channel_on_the_zero_one_scale()
    {
        // Two 2x2 frames; red 0/255, green always 51, blue 0,0,255,255 per frame.
        CameraImage Img(byte r) => new(2, 2, 3, Enumerable.Range(0, 4).SelectMany(i => new[] { r, (byte)51, (byte)(i < 2 ? 0 : 255) }).ToArray());
        var s = FeatureStatistics.OfImages([Img(0), Img(255)]);
        Assert.That(s.Shape, Is.EqualTo(new[] { 3, 1, 1 }));
        Assert.That(s.Mean, Is.EqualTo(new[] { 0.5, 0.2, 0.5 }).Within(1e-12));
        Assert.That(s.Std, Is.EqualTo(new[] { 0.5, 0.0, 0.5 }).Within(1e-9));
        Assert.That(s.Min, Is.EqualTo(new[] { 0.0, 0.2, 0.0 }).Within(1e-12));
        Assert.That(s.Max, Is.EqualTo(new[] { 1.0, 0.2, 1.0 }).Within(1e-12));
        Assert.That(s.Count, Is.EqualTo(2), "count is the number of sampled frames");
    }

    [Test]
    public void Frame_sampling_follows_lerobots_heuristic()
    {
        Assert.That(FeatureStatistics.SampleIndices(10), Is.EqualTo(Enumerable.Range(0, 10)));
        var thousand = FeatureStatistics.SampleIndices(1000);
        Assert.That(thousand, Has.Length.EqualTo(177), "LeRobot documents 177 samples at 1000 frames");
        Assert.That(thousand[0], Is.EqualTo(0));
        Assert.That(thousand[^1], Is.EqualTo(999));
        Assert.That(FeatureStatistics.SampleIndices(300), Has.Length.EqualTo(100));
    }

    [Test]
    public void Stats_json_nests_image_statistics_by_shape()
    {
        var img = new FeatureStats([3, 1, 1], [0, 0, 0], [1, 1, 1], [0.1, 0.2, 0.3], [0.01, 0.02, 0.03], 7, new Dictionary<string, double[]>());
        var json = StatsJson.ToJson(new DatasetStats(new Dictionary<string, FeatureStats> { ["observation.images.top"] = img }));
        var back = StatsJson.FromNode((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(json)!, "x");
        Assert.That(json, Does.Contain("[\n                [\n                    0.1"));
        Assert.That(back["observation.images.top"]!.Shape, Is.EqualTo(new[] { 3, 1, 1 }));
        Assert.That(back["observation.images.top"]!.Mean, Is.EqualTo(new[] { 0.1, 0.2, 0.3 }));
        Assert.That(back["observation.images.top"]!.Count, Is.EqualTo(7));
    }
}
