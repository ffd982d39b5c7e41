using Harness.Sim.Scenes;
using Harness.Tests.Support;
using Harness.Twin.Rig;

namespace Harness.Tests.RealSo101;

/// <summary>
/// A simulated SO-101 rig (MuJoCo plant behind six emulated STS3215 on a real pty, operator
/// channel, optional cameras) in a temp folder, as `harness sim-bus so101` runs it; the virtual
/// operator's hand is fast so calibration takes seconds.
/// </summary>
internal sealed class RigHarness : IDisposable
{
    public readonly TempDir Dir = new("real-so101");
    public readonly SimRig Rig;

    public RigHarness(int seed = 0, bool autoLabel = true, int? cameraPort = null, int cameraHeight = 96, int cameraWidth = 128, RigPhysics? physics = null)
    {
        Rig = SimRig.Start(new SimRigOptions
        {
            Scene = SceneCatalog.Get("so101-pick-place"),
            LinkPath = Dir["so101"],
            Seed = seed,
            AutoLabel = autoLabel,
            CameraPort = cameraPort,
            CameraHeight = cameraHeight,
            CameraWidth = cameraWidth,
            CameraFps = 60, // twice the loop's rate: margin for the rate check on a loaded machine
            HandTicksPerSecond = 6000,
            SweepDwell = TimeSpan.FromMilliseconds(60),
            Physics = physics ?? RigPhysics.Nominal,
        });
    }

    public string Link => Rig.LinkPath;

    /// <summary>
    /// `harness real so101 ...` arguments with a patient reply timeout: the shared test machine can
    /// stall a thread well past LeRobot's 50 ms (see VirtualBusRig.Patient).
    /// </summary>
    public static string[] Real(params string[] args) => ["real", "so101", .. args, "--reply-timeout-ms", "1000"];
    public string this[string relative] => Dir[relative];

    /// <summary>`harness real so101 calibrate --auto` in-process; returns the file written.</summary>
    public string Calibrate()
    {
        string cal = Dir["cal.json"];
        var (code, output, err) = InProcessCli.Run(Real("calibrate", "--port", Link, "--auto", "--out", cal));
        Assert.That(code, Is.EqualTo(0), output + err);
        return cal;
    }

    public void Dispose()
    {
        Rig.Dispose();
        Dir.Dispose();
    }
}
