using Harness.Core.Episodes;
using Harness.Core.Tasks;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Packages;
using Harness.Sim.Scenes;
using Harness.Sim.Tasks.PickPlace;
using Harness.Tests.Support;

namespace Harness.Tests.Sim;

/// <summary>The pick-and-place task in the real so101-pick-place scene (real libmujoco): table, layout, contacts, metrics.</summary>
public class PickPlaceSceneTests
{
    private static MujocoEnv NewEnv(int? maxSteps = null) => new(SceneCatalog.Get("so101-pick-place"), new MujocoEnvOptions(MaxEpisodeSteps: maxSteps));

    // Home pose of the arm (README): it stays clear of the table's edges.
    private static readonly double[] Home = [0, -10, 30, 60, 0, 40];

    private static void PlaceBlock(MujocoEnv env, double x, double y, double vx = 0, double yawDeg = 0)
    {
        int free = env.Model.RequireId(MjObject.Joint, "block_free");
        int q = env.Model.JointQposAdr(free), v = env.Model.JointDofAdr(free);
        var qpos = env.Data.Qpos;
        double half = yawDeg * Math.PI / 360;
        (qpos[q], qpos[q + 1], qpos[q + 2], qpos[q + 3], qpos[q + 4], qpos[q + 5], qpos[q + 6]) = (x, y, 0.013, Math.Cos(half), 0, 0, Math.Sin(half));
        env.Data.Qvel.Slice(v, 6).Clear();
        env.Data.Qvel[v] = vx;
        env.Data.Forward();
    }

    private static double[] Block(MujocoEnv env) => env.Data.BodyPos(env.Model.RequireId(MjObject.Body, "block")).ToArray();

    // Largest component of the block's velocity (m/s, rad/s).
    private static double BlockSpeed(MujocoEnv env)
    {
        int v = env.Model.JointDofAdr(env.Model.RequireId(MjObject.Joint, "block_free"));
        double max = 0;
        foreach (var q in env.Data.Qvel.Slice(v, 6)) max = Math.Max(max, Math.Abs(q));
        return max;
    }

    private static double[] BlockQuat(MujocoEnv env) => env.Data.BodyQuat(env.Model.RequireId(MjObject.Body, "block")).ToArray();

    private static double AngleBetween(double[] a, double[] b) =>
        2 * Math.Acos(Math.Min(1, Math.Abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3])));

    [Test]
    public void The_scene_package_gives_the_task_its_names_geometry_and_thresholds()
    {
        using var env = NewEnv();
        var p = ((PickPlaceTask)env.Task).Parameters;
        // scenes/so101-pick-place/scene.yaml and scene.xml: block, bowl, a 2.5 cm block resting at 1.25 cm,
        // in the bowl within 5.2 cm and under the 3.6 cm rim, the table x -0.2..0.6, y -0.35..0.35 at z = 0.
        Assert.That((p.ObjectBody, p.GoalBody, p.ToolSite, p.GripperActionKey), Is.EqualTo(("block", "bowl", "tcp", "gripper.pos")));
        Assert.That(p.ObjectGeoms, Is.EqualTo(new[] { "block" }));
        Assert.That(p.GripperBodies, Is.EqualTo(new[] { "gripper", "moving_jaw_so101_v1" }));
        Assert.That(p.FixedJawGeomPrefixes, Is.EqualTo(new[] { "fixed_jaw_pad", "fixed_jaw_tip" }));
        Assert.That(p.MovingJawGeomPrefixes, Is.EqualTo(new[] { "moving_jaw_pad", "moving_jaw_tip" }));
        Assert.That((p.ObjectRestHeightM, p.GoalRadiusM, p.GoalMaxHeightM, p.TableTopZ), Is.EqualTo((0.0125, 0.052, 0.036, 0.0)));
        Assert.That((p.TableX, p.TableY), Is.EqualTo((new AxisRange(-0.2, 0.6), new AxisRange(-0.35, 0.35))));
        Assert.That((p.LiftM, p.PickSteps, p.ReleaseSteps, p.DropHeightM, p.PlaceTravelM, p.SuccessSteps, p.GripperClosedFraction),
            Is.EqualTo((0.02, 3, 3, 0.02, 0.03, 10, 0.1)));
        Assert.That(env.Schema.Class("SUCCESS")!.Definition, Does.Contain("under 5.2 cm from the bowl centre"));
    }

    [Test]
    public void Same_seed_gives_the_layout_of_the_published_generator()
    {
        // SplitMix64 seeded with seed * 0x2545F4914F6CDD1D + 17, three uniform draws (x in [0.17, 0.25],
        // y in [-0.10, 0.06], yaw in [-45, 45] deg), computed independently in Python from the generator's specification.
        using var env = NewEnv();
        var seven = env.Parts.Layout.Draw(7)[0];
        Assert.That(seven.X, Is.EqualTo(0.21698194366587806).Within(1e-15));
        Assert.That(seven.Y, Is.EqualTo(-0.0025318170879564117).Within(1e-15));
        Assert.That(seven.Yaw * 180 / Math.PI, Is.EqualTo(-24.381430017857575).Within(1e-12));
        var zero = env.Parts.Layout.Draw(0)[0];
        Assert.That((zero.X, zero.Y), Is.EqualTo((0.21016169518573505, -0.03737061132838283)));
        var e = env.Reset(7).Vector("observation.environment_state");
        Assert.That(e[0], Is.EqualTo(0.21698).Within(0.0005));
        Assert.That(e[1], Is.EqualTo(-0.00253).Within(0.0005));
    }

    [Test]
    public void A_package_without_the_goal_and_table_geometry_or_with_bad_thresholds_is_refused()
    {
        using var dir = new TempDir();
        var pkg = dir["pkg"];
        ScenePackageExporter.Export("so101-pick-place", pkg);
        string yaml = Path.Combine(pkg, "scene.yaml"), text = File.ReadAllText(yaml);
        File.WriteAllText(yaml, text.Replace("    table_x: [-0.2, 0.6]\n", "").Replace("goal_radius_m: 0.052", "goal_radius_m: -1")
            .Replace("table_top_z: 0", "table_top_z: 0\n    pick_steps: 2.5\n    gripper_closed_fraction: 3\n    lift: 0.02"));
        var ex = Assert.Throws<ScenePackageException>(() => ScenePackageLoader.Load(pkg))!;
        var keys = ex.Problems.Select(p => p.Key).ToArray();
        Assert.That(keys, Is.EquivalentTo(new[] { "task.parameters.table_x", "task.parameters.goal_radius_m", "task.parameters.pick_steps",
            "task.parameters.gripper_closed_fraction", "task.parameters.lift" }), ex.Message);
        Assert.That(ex.Message, Does.Contain("expected [min, max] in metres").And.Contain("expected more than 0").And.Contain("whole number of steps"));

        File.WriteAllText(yaml, System.Text.RegularExpressions.Regex.Replace(text, @"  parameters:\n(    .*\n)+", ""));
        Assert.That(Assert.Catch(() => ScenePackageLoader.Load(pkg))!.Message, Does.Contain("task.parameters").And.Contain("goal_radius_m"));
    }

    [Test]
    public void A_package_may_set_the_thresholds()
    {
        using var dir = new TempDir();
        var pkg = dir["pkg"];
        ScenePackageExporter.Export("so101-pick-place", pkg);
        string yaml = Path.Combine(pkg, "scene.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("table_top_z: 0", "table_top_z: 0\n    lift_m: 0.03\n    success_steps: 15\n    rest_height_m: 0.013"));
        using var env = new MujocoEnv(ScenePackageLoader.Load(pkg));
        var p = ((PickPlaceTask)env.Task).Parameters;
        Assert.That((p.LiftM, p.SuccessSteps, p.ObjectRestHeightM, p.PickSteps), Is.EqualTo((0.03, 15, 0.013, 3)));
        Assert.That(env.Schema.Class("SUCCESS")!.Definition, Does.Contain("for 15 consecutive steps"));
    }

    [Test]
    public void A_block_resting_anywhere_on_the_table_does_not_jitter_or_creep()
    {
        // Positions across the table (a box with MuJoCo's default contact softness), several yaws. After a
        // second at rest a block stays within 0.01 mm and 0.06 deg, no velocity component exceeds 0.005
        // (m/s, rad/s), and its centre sits at 12.28 mm: 0.22 mm into the soft table (measured here).
        using var env = NewEnv();
        var creeping = new List<string>();
        foreach (double x in new[] { 0.17, 0.26, 0.37, 0.52 })
            foreach (double y in new[] { -0.27, -0.08, 0.04 })
                foreach (double yaw in new[] { 0.0, 21.0, 45.0 })
                {
                    env.Reset(0);
                    PlaceBlock(env, x, y, yawDeg: yaw);
                    for (int i = 0; i < 30; i++) env.Step(Home);
                    var settled = Block(env);
                    var settledQuat = BlockQuat(env);
                    double maxMove = 0, maxTurn = 0, maxSpeed = 0;
                    for (int i = 0; i < 30; i++)
                    {
                        env.Step(Home);
                        maxSpeed = Math.Max(maxSpeed, BlockSpeed(env));
                        var b = Block(env);
                        maxMove = Math.Max(maxMove, Math.Sqrt(Enumerable.Range(0, 3).Sum(k => (b[k] - settled[k]) * (b[k] - settled[k]))));
                        maxTurn = Math.Max(maxTurn, AngleBetween(settledQuat, BlockQuat(env)));
                    }
                    if (maxMove > 1e-5 || maxTurn > 1e-3 || maxSpeed > 0.005 || Math.Abs(settled[2] - 0.01228) > 5e-5)
                        creeping.Add($"({x}, {y}, {yaw} deg): z {settled[2]:0.00000} m, moved {maxMove * 1000:0.0000} mm, turned {maxTurn * 180 / Math.PI:0.000} deg, " +
                                     $"speed up to {maxSpeed:0.0000} in 1 s");
                }
        Assert.That(creeping, Is.Empty, "blocks resting on the table must stay put (centre 1.228 cm above the top)");
    }

    // The table top is x -0.2..0.6 m, y -0.35..0.35 m: a block whose centre is 5 mm inside an edge stays
    // (it overhangs by 7.5 mm), 5 mm outside it tips over and falls, which ends the episode.
    [TestCase(0.595, 0.0, false)]
    [TestCase(0.605, 0.0, true)]
    [TestCase(-0.195, 0.0, false)]
    [TestCase(-0.205, 0.0, true)]
    [TestCase(0.2, 0.345, false)]
    [TestCase(0.2, 0.355, true)]
    [TestCase(0.2, -0.345, false)]
    [TestCase(0.2, -0.355, true)]
    public void The_table_is_finite_and_its_declared_extent_is_the_model_s(double x, double y, bool falls)
    {
        using var env = NewEnv();
        env.Reset(0);
        PlaceBlock(env, x, y);
        int steps = 0;
        bool done = false;
        while (!done && steps < 60) { done = env.Step(Home).TaskDone; steps++; }
        var outcome = env.Conclude(new EpisodeEnd(steps, !done));
        Assert.That(done, Is.EqualTo(falls));
        Assert.That(outcome.Metric("left_table"), Is.EqualTo(falls ? 1 : 0));
        Assert.That(Block(env)[2], falls ? Is.LessThan(0.0) : Is.EqualTo(0.0125).Within(0.0005));
    }

    [Test]
    public void A_block_pushed_off_the_edge_falls_and_is_never_picked_up()
    {
        using var env = NewEnv();
        env.Reset(0);
        PlaceBlock(env, 0.55, 0.0, vx: 1.0);
        int steps = 0;
        bool done = false;
        while (!done && steps < 60) { done = env.Step(Home).TaskDone; steps++; }
        var outcome = env.Conclude(new EpisodeEnd(steps, !done));
        Assert.That(done, Is.True, "leaving the table ends the episode");
        Assert.That(outcome.Label, Is.EqualTo("NEVER_PICKED_UP"));
        Assert.That(outcome.Detail, Does.EndWith("the block was pushed off the table"));
        Assert.That(outcome.Metric("left_table"), Is.EqualTo(1));
    }

    // GripperClosedFraction = 0.1 on the SO-101's 0 (closed) .. 100 (open) gripper.
    [TestCase(40, 0)]
    [TestCase(10.5, 0)]
    [TestCase(9.5, 1)]
    public void Gripper_closed_comes_from_the_applied_command_and_the_robot_s_gripper_sense(double command, int closed)
    {
        using var env = NewEnv();
        env.Reset(0);
        double[] action = [.. Home[..5], command];
        for (int i = 0; i < 5; i++) env.Step(action);
        Assert.That(env.Conclude(new EpisodeEnd(5, true)).Metric("gripper_closed"), Is.EqualTo(closed));
    }

    [Test]
    public void The_expert_s_episode_has_every_event_and_metric()
    {
        using var env = NewEnv();
        using var policy = env.Scene.CreateExpert("scripted");
        var record = new EpisodeRunner(env, policy).Run(0, seed: 3);
        var o = record.Outcome;
        Assert.That(o.Label, Is.EqualTo("SUCCESS"), o.Detail);
        Assert.That(o.Metrics.Keys, Is.EquivalentTo(new[] { "picked_up", "dropped", "max_object_height_m", "time_to_pick_s", "final_goal_distance_m",
            "closest_tool_distance_m", "gripper_closed", "time_to_first_contact_s", "tool_path_length_m", "left_table" }));
        Assert.That(o.Metric("picked_up"), Is.EqualTo(1));
        Assert.That(o.Metric("gripper_closed"), Is.EqualTo(1));
        Assert.That(o.Metric("time_to_first_contact_s"), Is.LessThan(o.Metric("time_to_pick_s")));
        Assert.That(o.Metric("closest_tool_distance_m"), Is.LessThan(0.01), "the tool site sits between the jaws, on the block");
        Assert.That(o.Metric("tool_path_length_m"), Is.GreaterThan(0.3));
        var task = (PickPlaceTask)env.Task;
        var kinds = task.Events.Select(e => e.Kind).ToArray();
        Assert.That(kinds, Is.SupersetOf(new[] { PickPlaceEventKind.FirstContact, PickPlaceEventKind.GraspAcquired, PickPlaceEventKind.PickedUp,
            PickPlaceEventKind.GraspLost, PickPlaceEventKind.Landed }));
        Assert.That(Array.IndexOf(kinds, PickPlaceEventKind.PickedUp), Is.LessThan(Array.LastIndexOf(kinds, PickPlaceEventKind.GraspLost)));
    }

    [Test]
    public void Wrong_names_in_the_parameters_fail_with_what_the_model_has()
    {
        using var env = NewEnv();
        var joints = env.Spec.Joints;
        var p = ((PickPlaceTask)env.Task).Parameters;
        PickPlaceTask Task(PickPlaceParameters q) => new(env.Model, q, "text", joints);
        var jaw = Assert.Throws<ArgumentException>(() => Task(p with { FixedJawGeomPrefixes = ["claw"] }))!;
        Assert.That(jaw.Message, Does.Contain("claw*").And.Contain("fixed_jaw_pad"));
        var key = Assert.Throws<ArgumentException>(() => Task(p with { GripperActionKey = "jaw.pos" }))!;
        Assert.That(key.Message, Does.Contain("'jaw.pos'").And.Contain("gripper.pos"));
        var notGripper = Assert.Throws<ArgumentException>(() => Task(p with { GripperActionKey = "wrist_roll.pos" }))!;
        Assert.That(notGripper.Message, Does.Contain("not a gripper"));
        var body = Assert.Throws<MujocoException>(() => Task(p with { GoalBody = "bin" }))!;
        Assert.That(body.Message, Does.Contain("'bin'").And.Contain("bowl"));
    }
}
