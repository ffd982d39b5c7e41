using Harness.Core.Randomness;
using Harness.Core.Tasks;
using Harness.Robots.Feetech;
using Harness.Robots.Operators;
using Harness.Robots.Serial;
using Harness.Sim.Env;
using Harness.Sim.Scenes;
using Harness.Sim.Tasks.PickPlace;
using Harness.Tests.Robots;

namespace Harness.Tests.RealSo101;

/// <summary>The simulated rig's servos and world: MuJoCo joints behind STS3215 registers, the operator channel's RESET and LABEL.</summary>
[NonParallelizable]
public class SimRigTests
{
    [Test]
    public void Servo_travel_is_the_models_joint_range_on_the_encoder_with_the_middle_at_joint_zero()
    {
        using var rig = new RigHarness();
        var travel = rig.Rig.Plant.Travel;
        // shoulder_pan: +-110 deg = +-1251.6 ticks around zero tick 2130.
        Assert.That((travel[0].Min, travel[0].Max, travel[0].Middle), Is.EqualTo((879, 3381, 2130)));
        // wrist_roll: -157.211..162.789 deg (the official model's range) around 2010: -1788.7 / +1852.2 ticks,
        // rounded inwards to 222 / 3862; the middle is joint zero, not halfway.
        Assert.That((travel[4].Min, travel[4].Max, travel[4].Middle), Is.EqualTo((222, 3862, 2010)));
    }

    [Test]
    public void A_goal_written_on_the_bus_drives_the_simulated_joint_there_and_the_servo_reads_it_back()
    {
        using var rig = new RigHarness();
        using var bus = new FeetechBus(SerialPortLink.Open(rig.Link), VirtualBusRig.Patient);
        // shoulder_pan to +30 degrees: zero tick 2130 + 30 * 4096 / 360 = 2471.3; no homing offset yet.
        bus.Write(1, Sts3215.GoalPosition, 2471);
        bus.Write(1, Sts3215.TorqueEnable, 1);
        Wait.Eventually(() => bus.Read(1, Sts3215.PresentPosition), Is.EqualTo(2471).Within(6));
        Thread.Sleep(300); // settled (the servo model stops a fraction of a degree short: friction)
        int present = bus.Read(1, Sts3215.PresentPosition);
        double joint = rig.Rig.Plant.JointFeatures()[0];
        Assert.That(joint, Is.EqualTo(30).Within(0.6), "the MuJoCo joint is at about 30 degrees");
        Assert.That(present, Is.EqualTo(2130 + joint * 4096 / 360).Within(1), "the servo reads the simulated joint (encoder: 4096 ticks a turn)");
        Assert.That(bus.Read(1, Sts3215.PresentLoad), Is.Not.Null);
    }

    [Test]
    public void Reset_lays_out_episode_i_of_the_rigs_seed_and_refuses_seeds_of_another_run()
    {
        using var rig = new RigHarness(seed: 5);
        using var op = OperatorChannelClient.Connect(rig.Link);
        int seed = EpisodeSeeds.For(5, 3);
        string reply = op.Ask($"RESET {seed}");
        Assert.That(reply, Does.StartWith("episode 3 of seed 5: block at x "));
        // The block's pose is the scene layout's draw for that seed, as a simulated episode 3 of run seed 5 starts.
        var scene = SceneCatalog.Get("so101-pick-place");
        using var env = new MujocoEnv(scene);
        var obs = env.Reset(seed);
        var expected = env.Parts.Layout.Draw(seed)[0];
        Assert.That(reply, Does.Contain(FormattableString.Invariant($"x {expected.X:0.000} m, y {expected.Y:0.000} m")));
        Assert.That(obs.Vector("observation.environment_state")[0], Is.EqualTo(expected.X).Within(0.005), "the simulator put the block there too");

        var ex = Assert.Throws<OperatorException>(() => op.Ask($"RESET {EpisodeSeeds.For(0, 1)}"));
        Assert.That(ex!.Message, Does.Contain("this rig's --seed 5").And.Contain("run the evaluation with --seed 5"));
    }

    [Test]
    public void Label_answers_from_the_task_monitor_only_when_asked_to()
    {
        using var labelling = new RigHarness(autoLabel: true);
        using var op = OperatorChannelClient.Connect(labelling.Link);
        op.Ask($"RESET {EpisodeSeeds.For(0, 0)}");
        Thread.Sleep(300); // a few control periods of physics with the block untouched
        var outcome = new ChannelOutcomeLabeler(op).Label(PickPlaceSchema.Generic, new EpisodeEnd(9, false), 0);
        Assert.That(outcome.Label, Is.EqualTo(PickPlaceSchema.NeverPickedUp));
        Assert.That(outcome.Metric(PickPlaceSchema.PickedUp), Is.EqualTo(0));
        Assert.That(outcome.Detail, Does.Contain("labelled by the rig's physics"));

        using var silent = new RigHarness(autoLabel: false);
        using var op2 = OperatorChannelClient.Connect(silent.Link);
        var ex = Assert.Throws<OperatorException>(() => op2.Ask("LABEL 10 1"));
        Assert.That(ex!.Message, Does.Contain("started with --auto-label none").And.Contain("label them by hand"));
    }
}
