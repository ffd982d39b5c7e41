using Harness.Tests.Support;

namespace Harness.Tests.RealSo101;

/// <summary>
/// The shipped camera policy on the real-arm path: the virtual SO-101 bus with the rig's two rendered
/// cameras served as MJPEG, read back as a real robot's cameras at the package's 96x96; pre-flight
/// passes (no privileged feature) and the episode runs to its end without an error.
/// </summary>
[NonParallelizable]
public class VisionOnRigTests
{
    [Test]
    public void The_vision_package_runs_on_the_virtual_bus_with_the_rigs_cameras()
    {
        using var rig = new RigHarness(cameraPort: 0, cameraHeight: 96, cameraWidth: 96);
        string cal = rig.Calibrate();
        string cameras = string.Join(",", new[] { "overhead_cam", "wrist_cam" }.Select(c => $"{c}={rig.Rig.Cameras!.Url(c)}"));
        string real = rig["real"];
        var (code, output, err) = InProcessCli.Run(RigHarness.Real("eval", "--port", rig.Link, "--calibration", cal,
            "--policy", "onnx:" + Path.Combine(RepoPaths.Root, "policies", "so101_vision_cnn"),
            "--episodes", "1", "--max-steps", "60", "--out", real, "--auto-label", "sim", "--cameras", cameras));
        Assert.That(code, Is.EqualTo(0), output + err);
        Assert.That(output, Does.Match(@"camera wrist_cam: \d+(\.\d)? frames/s at 96x96"));
        var row = File.ReadAllLines(Path.Combine(real, "episodes.csv"))[1];
        Assert.That(row, Does.Not.Contain(",ERROR,"), output + err);
        Assert.That(row.Split(',')[4], Is.EqualTo("60"), "the episode ran its 60 steps");
    }
}
