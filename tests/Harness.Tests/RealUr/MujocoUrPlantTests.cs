using Harness.Robots.UR;
using Harness.Robots.UR.Gripper;
using Harness.Robots.UR.Motion;
using Harness.Sim.Scenes;
using Harness.Tests.Support;
using Harness.Twin.Rig;

namespace Harness.Tests.RealUr;

/// <summary>The MuJoCo UR5e + 2F-85 behind the virtual controller, through the real client (RTDE, servo program, URCap socket).</summary>
[NonParallelizable]
public class MujocoUrPlantTests
{
    private readonly TempDir _dir = new("ur-plant");
    private SimUrRig _rig = null!;

    [OneTimeSetUp]
    public void Start() => _rig = SimUrRig.Start(new SimUrRigOptions
    {
        Scene = SceneCatalog.Get(UrTestScene.Name),
        Ports = new UrPorts(0, 0, 0, 0, 0),
        CameraPort = null,
        ChannelLink = _dir["rig"],
    });

    [OneTimeTearDown]
    public void Stop()
    {
        _rig.Dispose();
        _dir.Dispose();
    }

    [Test]
    public void A_movej_target_moves_the_simulated_arm_and_rtde_reports_where_it_is()
    {
        using var arm = UrArm.Connect(new UrArmOptions("127.0.0.1", _rig.Controller.Ports) { MaxStateAge = TimeSpan.FromSeconds(1) });
        arm.StartProgram();
        // Home is (-pi/2, -pi/2, pi/2, -pi/2, -pi/2, 0); turn the base 0.2 rad and the last wrist 0.3 rad.
        double[] target = [-1.3708, -1.5708, 1.5708, -1.5708, -1.5708, 0.3];
        arm.MoveJ(target, 1.0, 2.0, TimeSpan.FromSeconds(20));
        Thread.Sleep(500);
        var q = arm.NextState(TimeSpan.FromSeconds(1)).ActualQ;
        for (int j = 0; j < 6; j++) Assert.That(q[j], Is.EqualTo(target[j]).Within(0.01), $"joint {j}");
        Assert.That(_rig.Controller.Log.Entries.Select(e => e.Command), Has.Some.StartsWith("movej q=[-1.3708"));
        arm.StopProgram(TimeSpan.FromSeconds(2));
    }

    [Test]
    public void Closing_on_nothing_arrives_without_an_object_near_the_2f85s_closed_stop()
    {
        using var gripper = RobotiqGripper.Connect("127.0.0.1", _rig.Controller.Ports.Gripper);
        gripper.Activate(TimeSpan.FromSeconds(10));
        var closed = gripper.MoveAndWait(255, TimeSpan.FromSeconds(10));
        Assert.That(closed.Object, Is.EqualTo(RobotiqObjectStatus.AtRequestedPosition));
        // The driver joint stops at 0.78 of its 0.8 rad when closed on nothing (MODEL_FACTS.md): 0.78 / 0.8 x 255 = 249.
        Assert.That(closed.Position, Is.InRange(245, 252));
        var open = gripper.MoveAndWait(0, TimeSpan.FromSeconds(10));
        Assert.That(open.Object, Is.EqualTo(RobotiqObjectStatus.AtRequestedPosition));
        Assert.That(open.Position, Is.LessThanOrEqualTo(3));
    }

    [Test]
    public void The_operator_channel_lays_out_episodes_of_the_rigs_seed()
    {
        using var channel = Harness.Robots.Operators.OperatorChannelClient.Connect(_dir["rig"]);
        int seed = Harness.Core.Randomness.EpisodeSeeds.For(0, 1);
        Assert.That(channel.Ask($"RESET {seed}"), Does.StartWith("episode 1 of seed 0: block at x"));
        Assert.That(() => channel.Ask("MIDDLE_POSE"), Throws.TypeOf<Harness.Robots.Operators.OperatorException>().With.Message.Contains("unknown request"));
    }
}
