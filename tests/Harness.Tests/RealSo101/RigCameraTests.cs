using Harness.Core.Robots;
using Harness.Datasets.Format;
using Harness.Tests.Support;

namespace Harness.Tests.RealSo101;

/// <summary>
/// The rig's rendered cameras served as MJPEG and read back as a real robot's cameras: the real
/// run checks their size and rate, the reset prompt draws the episode's block over the live image,
/// and --record puts the real frames into the dataset.
/// </summary>
[NonParallelizable]
public class RigCameraTests
{
    [Test]
    public void A_real_run_with_the_rigs_camera_draws_the_reset_target_and_records_the_frames()
    {
        using var rig = new RigHarness(cameraPort: 0, cameraHeight: 96, cameraWidth: 128);
        string cal = rig.Calibrate();
        string ds = rig["ds"];
        var sim = InProcessCli.Run("eval", "--scene", "so101-pick-place", "--policy", "scripted", "--episodes", "1", "--max-steps", "30",
            "--out", rig["sim"], "--record", ds, "--record-cameras", "none");
        Assert.That(sim.Code, Is.EqualTo(0), sim.Out + sim.Err);
        string url = rig.Rig.Cameras!.Url("overhead_cam");
        string real = rig["real"], recorded = rig["real-ds"];
        var (code, output, err) = InProcessCli.Run(RigHarness.Real("eval", "--port", rig.Link, "--calibration", cal, "--policy", "replay:" + ds,
            "--episodes", "1", "--max-steps", "30", "--out", real, "--auto-label", "sim", "--cameras", "overhead_cam=" + url, "--image-size", "96x128",
            "--record", recorded));
        Assert.That(code, Is.EqualTo(0), output + err);
        Assert.That(output, Does.Match(@"camera overhead_cam: \d+(\.\d)? frames/s at 96x128"));

        // The overlay: the live image with the block's target drawn in yellow where the scene's camera sees it.
        string png = Directory.GetFiles(Path.Combine(real, "resets"), "*.png").Single();
        Assert.That(Path.GetFileName(png), Does.StartWith("reset_seed_").And.EndWith("_overhead_cam.png"));
        var rgb = Harness.Tests.Rendering.ProcessRunner.DecodeRgb(png);
        Assert.That(rgb, Has.Length.EqualTo(96 * 128 * 3));
        int yellow = 0;
        for (int i = 0; i < rgb.Length; i += 3)
            if (rgb[i] > 200 && rgb[i + 1] > 200 && rgb[i + 2] < 80) yellow++;
        Assert.That(yellow, Is.GreaterThan(20), "the target ring and its label are drawn");

        var dataset = DatasetReader.Open(recorded);
        Assert.That(dataset.Episodes, Has.Count.EqualTo(1));
        Assert.That(dataset.Info.Features.Select(f => f.Name), Does.Contain(FeatureNames.Image("overhead_cam")));
    }
}
