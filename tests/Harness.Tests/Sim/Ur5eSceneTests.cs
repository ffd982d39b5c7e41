using Harness.Cli.Composition;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Eval.Runs;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Scenes;
using Harness.Sim.Tasks.PickPlace;
using Harness.Tests.Support;

namespace Harness.Tests.Sim;

/// <summary>
/// The ur5e-pick-place scene package (real libmujoco): GELLO's units, the 2F-85's register
/// scaling, gravity compensation, the bin's geometry in the labels, and the shared scripted
/// expert with its four faults on this arm.
/// </summary>
public class Ur5eSceneTests
{
    private const string Scene = "ur5e-pick-place";

    // Menagerie's UR5e home (MODEL_FACTS.md), gripper open.
    private static readonly double[] Home = [-1.5708, -1.5708, 1.5708, -1.5708, -1.5708, 0, 0];

    private static MujocoEnv NewEnv(int? maxSteps = null) => new(SceneCatalog.Get(Scene), new MujocoEnvOptions(MaxEpisodeSteps: maxSteps));

    [Test]
    public void Spec_is_gello_s_seven_values_radians_and_the_gripper_register_over_255()
    {
        using var env = NewEnv();
        var s = env.Spec;
        Assert.That(s.RobotType, Is.EqualTo("ur5e"));
        Assert.That(s.Joints.Select(j => j.Key), Is.EqualTo(new[]
            { "shoulder_pan.pos", "shoulder_lift.pos", "elbow.pos", "wrist_1.pos", "wrist_2.pos", "wrist_3.pos", "gripper.pos" }));
        Assert.That(s.Joints.Select(j => j.Unit), Is.EqualTo(new[] { "rad", "rad", "rad", "rad", "rad", "rad", "0-1" }));
        // Menagerie's joint ranges: +-2 pi, the elbow +-pi (3.1415 in the MJCF).
        double[] limits = [6.28319, 6.28319, 3.1415, 6.28319, 6.28319, 6.28319];
        for (int i = 0; i < 6; i++)
            Assert.That((s.Joints[i].Min, s.Joints[i].Max), Is.EqualTo((-limits[i], limits[i])), s.Joints[i].Key);
        Assert.That((s.Joints[6].Min, s.Joints[6].Max), Is.EqualTo((0.0, 1.0)));
        Assert.That(s.Joints[6].Gripper, Is.EqualTo(new GripperSense(0, 1)), "0 = open, 1 = closed");
        Assert.That(s.Feature(FeatureNames.State)!.Shape, Is.EqualTo(new[] { 7 }));
        Assert.That(s.Feature(FeatureNames.Action)!.Shape, Is.EqualTo(new[] { 7 }));
        Assert.That(s.Cameras.Select(c => (c.Name, c.Height, c.Width)), Is.EqualTo(new[] { ("base_rgb", 256, 256), ("wrist_rgb", 256, 256), ("top", 256, 256) }));
        Assert.That(s.ControlHz, Is.EqualTo(30));
        Assert.That(env.Substeps, Is.EqualTo(16));
        Assert.That(s.MaxEpisodeSteps, Is.EqualTo(450));
    }

    [Test]
    public void The_gripper_command_is_the_register_over_255_and_the_state_the_driver_over_0_8_rad()
    {
        using var env = NewEnv();
        var obs = env.Reset(0);
        Assert.That(obs.State[6], Is.EqualTo(0).Within(0.005), "starts open");
        int act = env.Model.RequireId(MjObject.Actuator, "fingers_actuator");
        env.Step([.. Home[..6], 0.5]);
        Assert.That(env.Data.Ctrl[act], Is.EqualTo(127.5).Within(1e-9));
        StepResult r = env.Step([.. Home[..6], 1]);
        Assert.That(env.Data.Ctrl[act], Is.EqualTo(255).Within(1e-9));
        for (int i = 0; i < 30; i++) r = env.Step([.. Home[..6], 1]);
        // Closed on nothing the driver stops at about 0.78 of its 0.8 rad: 0.975.
        Assert.That(r.Observation.State[6], Is.InRange(0.95, 1.0));
        int driver = env.Model.JointQposAdr(env.Model.RequireId(MjObject.Joint, "right_driver_joint"));
        Assert.That(r.Observation.State[6], Is.EqualTo(env.Data.Qpos[driver] / 0.8).Within(1e-12));
    }

    [Test]
    public void Gravity_compensation_holds_the_home_pose_within_a_milliradian()
    {
        using var env = NewEnv();
        var obs = env.Reset(4);
        for (int i = 0; i < 6; i++) Assert.That(obs.State[i], Is.EqualTo(Home[i]).Within(1e-3), $"after settling: {env.Spec.Joints[i].Key}");
        for (int t = 0; t < 60; t++) obs = env.Step(Home).Observation;
        // Without the m*g forces the servos let the arm sag ~0.01 rad here (MODEL_FACTS.md).
        for (int i = 0; i < 6; i++) Assert.That(obs.State[i], Is.EqualTo(Home[i]).Within(1e-3), $"after 2 s: {env.Spec.Joints[i].Key}");
    }

    [Test]
    public void The_package_gives_the_task_the_bin_s_and_the_table_s_geometry()
    {
        using var env = NewEnv();
        var p = ((PickPlaceTask)env.Task).Parameters;
        Assert.That((p.ObjectBody, p.GoalBody, p.ToolSite, p.GripperActionKey), Is.EqualTo(("block", "bin", "tcp", "gripper.pos")));
        Assert.That((p.GoalRadiusM, p.GoalMaxHeightM, p.TableTopZ), Is.EqualTo((0.08, 0.06, 0.0)));
        Assert.That((p.TableX, p.TableY), Is.EqualTo((new AxisRange(-0.25, 0.95), new AxisRange(-0.6, 0.6))));
        Assert.That(p.ObjectRestHeightM, Is.EqualTo(0.02), "the 4 cm block's half height");
        Assert.That((p.FixedJawGeomPrefixes, p.MovingJawGeomPrefixes), Is.EqualTo((new[] { "left_pad" }, new[] { "right_pad" })));
    }

    // The bin (centre (0.5, 0.3)) is 16 x 12 cm inside with 8 mm walls: a 4 cm block in its inner
    // corner has its centre 7.2 cm from the bin centre; against the long wall's outer face, 8.8 cm.
    [TestCase(0.06, 0.04, "SUCCESS")]
    [TestCase(-0.06, -0.04, "SUCCESS")]
    [TestCase(0.0, -0.0885, "NEVER_PICKED_UP")]
    [TestCase(0.0, 0.0885, "NEVER_PICKED_UP")]
    public void A_block_resting_inside_the_bin_is_in_the_goal_and_one_against_its_outside_is_not(double dx, double dy, string expected)
    {
        using var env = NewEnv(maxSteps: 20);
        env.Reset(0);
        int free = env.Model.RequireId(MjObject.Joint, "block_free");
        int q = env.Model.JointQposAdr(free);
        var qpos = env.Data.Qpos;
        (qpos[q], qpos[q + 1], qpos[q + 2], qpos[q + 3], qpos[q + 4], qpos[q + 5], qpos[q + 6]) = (0.5 + dx, 0.3 + dy, 0.02, 1, 0, 0, 0);
        env.Data.Qvel.Slice(env.Model.JointDofAdr(free), 6).Clear();
        env.Data.Forward();
        int steps = 0;
        bool done = false;
        while (!done && steps < 20) { done = env.Step(Home).TaskDone; steps++; }
        var outcome = env.Conclude(new EpisodeEnd(steps, !done));
        Assert.That(outcome.Label, Is.EqualTo(expected), outcome.Detail);
        if (expected == "SUCCESS") Assert.That(steps, Is.EqualTo(10), "10 steps at rest in the bin end the episode");
    }

    private static RunSummary Eval(string policy, int episodes, TempDir dir) =>
        EvalJob.Run(new EvalRequest(Scene, policy, episodes, 0, dir["run"], 2));

    [Test]
    public void Expert_solves_at_least_39_of_40_seeds()
    {
        using var dir = new TempDir();
        var s = Eval("scripted", 40, dir);
        Assert.That(s.Complete, Is.True);
        Assert.That(s.Outcomes["SUCCESS"], Is.GreaterThanOrEqualTo(39), string.Join(", ", s.Outcomes.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [TestCase("scripted:weak-grip", "DROPPED_DURING_TRANSPORT")]
    [TestCase("scripted:miss-grasp", "NEVER_PICKED_UP")]
    [TestCase("scripted:wrong-goal", "MISSED_GOAL")]
    [TestCase("scripted:stall", "TIMEOUT")]
    public void Fault_variant_is_classified_as_intended_in_9_of_10(string policy, string expected)
    {
        using var dir = new TempDir();
        var s = Eval(policy, 10, dir);
        Assert.That(s.Outcomes[expected], Is.GreaterThanOrEqualTo(9), string.Join(", ", s.Outcomes.Select(kv => $"{kv.Key}={kv.Value}")));
    }
}

public class ExpertArrivalStepsTests
{
    private static Dictionary<string, object> Section(object arrival) => new()
    {
        ["approach_axis"] = new List<object> { "1", "0", "0" }, ["jaw_axis"] = new List<object> { "0", "1", "0" },
        ["gripper_open"] = "0", ["gripper_closed"] = "1", ["hover_height"] = "0.1", ["carry_height"] = "0.15", ["release_height"] = "0.03",
        ["arrival_steps"] = arrival,
    };

    [TestCase("12", 12)]
    [TestCase("0", 0)]
    public void Arrival_steps_are_read_as_a_whole_number_of_control_steps(string value, int expected)
    {
        var problems = new List<string>();
        var s = Harness.Sim.Experts.PickPlaceExpertSettings.Parse(Section(value), (k, m) => problems.Add($"{k}: {m}"));
        Assert.That(problems, Is.Empty);
        Assert.That(s!.ArrivalSteps, Is.EqualTo(expected));
    }

    [TestCase("-1")]
    [TestCase("2.5")]
    public void Negative_or_fractional_arrival_steps_are_refused(string value)
    {
        var problems = new List<string>();
        Assert.That(Harness.Sim.Experts.PickPlaceExpertSettings.Parse(Section(value), (k, m) => problems.Add($"{k}: {m}")), Is.Null);
        Assert.That(problems, Has.Some.Contains("expert.arrival_steps").And.Some.Contains("whole number"));
    }
}
