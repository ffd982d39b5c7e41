using Harness.Robots.Feetech;
using Harness.Robots.Operators;
using Harness.Robots.Serial;
using Harness.Robots.So101;
using Harness.Robots.Virtual.Feetech;
using Harness.Robots.Virtual.So101;
using Harness.Tests.Support;

namespace Harness.Tests.Robots.So101;

/// <summary>
/// LeRobot's calibration procedure run against a virtual SO-101 whose operator channel plays the
/// person; the file it writes must hold what a person would get from that arm.
/// </summary>
public class CalibrationProcedureTests
{
    // A rest pose near each joint's lower end, so the middle-pose move is real.
    private static readonly double[] Rest = [850, 900, 1000, 900, 100, 2000];

    [Test]
    public void Calibration_through_the_operator_channel_writes_the_file_lerobot_would()
    {
        using var dir = new TempDir("calibrate");
        using var rig = StartRig(dir);
        using var bus = new FeetechBus(SerialPortLink.Open(rig.LinkPath), VirtualBusRig.Patient);
        using var op = OperatorChannelClient.Connect(rig.LinkPath);
        var arm = new So101Arm(bus);

        var calibration = new So101Calibrator(arm, op).Run();
        string path = CalibrationPaths.For(dir["calibration"], CalibrationPaths.SoFollower, "virtual");
        CalibrationFile.Save(path, calibration);

        // Travel (servo ticks) of VirtualSo101.DefaultTravel and its middle m; offset = m - 2047, range = travel - offset:
        // pan 750..3350 m 2050 -> 3, 747..3347; lift 820..3180 m 2000 -> -47, 867..3227;
        // elbow 880..3100 m 1990 -> -57, 937..3157; wrist_flex 850..3250 m 2050 -> 3, 847..3247;
        // wrist_roll 0..4095 m 2047 -> 0, forced 0..4095; gripper 1980..3420 m 2700 -> 653, 1327..2767.
        Assert.That(File.ReadAllText(path), Is.EqualTo(CalibrationFile.ToJson(CalibrationFileTests.Example)));
        Assert.That(CalibrationFile.Load(path).Motors, Is.EqualTo(CalibrationFileTests.Example.Motors));

        // The servos hold it too, so LeRobot (or our connect) finds them calibrated.
        Assert.That(CalibrationFileTests.Example.MatchesServos(arm.ReadCalibration()), Is.True);
        // The procedure started with torque off, as the operator must move the joints by hand.
        var first = rig.Bus.Log.Packets().Take(2).Select(p => FeetechFrame.Hex(p.Parameters));
        Assert.That(first, Is.EqualTo(new[] { "28 00", "37 00" }));
    }

    [Test]
    public void After_calibration_positions_and_targets_are_in_lerobot_units()
    {
        using var dir = new TempDir("calibrate");
        using var rig = StartRig(dir);
        using var bus = new FeetechBus(SerialPortLink.Open(rig.LinkPath), VirtualBusRig.Patient);
        using (var op = OperatorChannelClient.Connect(rig.LinkPath))
            new So101Calibrator(new So101Arm(bus), op).Run();

        var arm = new So101Arm(bus);
        // The sweep left every joint at its middle (torque still off), reading 2047: 0 degrees; but wrist_roll's
        // forced range 0..4095 has its middle at 2047.5, so (2047 - 2047.5) * 360 / 4095 = -0.0439560...;
        // gripper (2047 - 1327) / 1440 * 100 = 50.
        Assert.That(arm.ReadPositions(CalibrationFileTests.Example),
            Is.EqualTo(new[] { 0.0, 0.0, 0.0, 0.0, -0.04395604395604396, 50.0 }).Within(1e-12));

        rig.Bus.Log.Clear();
        var sent = arm.WriteGoals(CalibrationFileTests.Example, [90, 0, 0, 0, 0, 25]);
        // pan: int(90 * 4095 / 360 + 2047) = int(3070.75) = 3070; wrist_roll: int(0 + 2047.5) = 2047;
        // gripper: int(0.25 * 1440 + 1327) = 1687
        Assert.That(sent, Is.EqualTo(new[] { 3070, 2047, 2047, 2047, 2047, 1687 }));
        // 3070 = 0x0BFE; 2047 = 0x07FF; 1687 = 0x0697
        Wait.Until(() => rig.Bus.Log.Packets().Count == 1);
        Assert.That(FeetechFrame.Hex(rig.Bus.Log.Packets().Single().Parameters),
            Is.EqualTo("2A 02 01 FE 0B 02 FF 07 03 FF 07 04 FF 07 05 FF 07 06 97 06"));
        arm.EnableTorque();
        Wait.Eventually(() => arm.ReadRawPositions()[0], Is.EqualTo(3070));
        // (3070 - 2047) * 360 / 4095 = 368280 / 4095 = 89.934065934...
        Assert.That(arm.ReadPositions(CalibrationFileTests.Example)[0], Is.EqualTo(89.93406593406593).Within(1e-12));
    }

    [Test]
    public void A_joint_the_operator_never_moved_is_reported()
    {
        using var dir = new TempDir("calibrate");
        using var rig = StartRig(dir);
        using var bus = new FeetechBus(SerialPortLink.Open(rig.LinkPath), VirtualBusRig.Patient);
        var lazy = new ScriptedOperator(rig);
        var e = Assert.Throws<So101Exception>(() => new So101Calibrator(new So101Arm(bus), lazy).Run(), $"bus failure: {rig.Bus.Failure}");
        Assert.That(e!.Message, Does.Contain("did not move").And.Contain("elbow_flex"));
    }

    private static VirtualSo101 StartRig(TempDir dir) => VirtualSo101.Start(new VirtualSo101Options
    {
        LinkPath = dir["so101"],
        Plant = new FirstOrderServoPlant(VirtualSo101.DefaultTravel, Rest),
        HandTicksPerSecond = 20000,
        SweepDwell = TimeSpan.FromMilliseconds(120),
    });

    /// <summary>An operator who does the middle pose, then sweeps every joint but the elbow.</summary>
    private sealed class ScriptedOperator(VirtualSo101 rig) : IOperator
    {
        public void Perform(OperatorRequest request, Action? whileWaiting = null)
        {
            using var channel = OperatorChannelClient.Connect(rig.LinkPath);
            var ids = request.Action == OperatorAction.SweepJoints ? request.ServoIds.Where(id => id != 3).ToArray() : request.ServoIds;
            channel.Perform(request with { ServoIds = ids }, whileWaiting);
        }
    }
}
