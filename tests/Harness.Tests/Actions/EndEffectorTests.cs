using System.Text.Json;
using Harness.Cli.Composition;
using Harness.Core.Actions;
using Harness.Core.Episodes;
using Harness.Core.Kinematics;
using Harness.Core.Policies;
using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Eval.Runs;
using Harness.Sim.Env;
using Harness.Sim.Kinematics;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Actions;

/// <summary>End-effector actions on the real SO-101 scene: IK on its own model, round trips, flagged failures, scripted:ee runs.</summary>
public class EndEffectorTests
{
    private const string Scene = "so101-pick-place";
    private const double Deg = Math.PI / 180;

    /// <summary>Emits the same end-effector target every step.</summary>
    private sealed class FixedPosePolicy(double[] pose) : IPolicy
    {
        public string Name => "test:fixed-pose";
        public PolicyInputs Inputs => PolicyInputs.StateOnly;
        public ExecutionHint Hint => ExecutionHint.Default;
        public void Reset() { }
        public ActionChunk Infer(Observation observation, string task) => new([(double[])pose.Clone(), (double[])pose.Clone()]);
        public void Dispose() { }
    }

    private static List<double[]> States(IPolicy policy, int episodes)
    {
        using var env = new MujocoEnv(SceneCatalog.Get(Scene));
        var runner = new EpisodeRunner(env, policy);
        var states = new List<double[]>();
        for (int e = 0; e < episodes; e++)
            states.AddRange(runner.Run(e, EpisodeSeeds.For(0, e)).Steps.Select(s => s.State));
        return states;
    }

    [Test]
    public void Joint_trajectories_of_episodes_survive_forward_kinematics_then_ik()
    {
        var scene = SceneCatalog.Get(Scene);
        // Trajectories that really ran: the joint expert's and the distilled MLP's (noisier, with its own failures).
        using var expert = scene.CreateExpert();
        using var mlp = PolicyCatalog.Create("onnx:" + Path.Combine(RepoPaths.Root, "policies", "so101_state_mlp_80"), new SceneEntry(scene));
        var states = States(expert, 3).Concat(States(mlp, 1)).ToList();
        using var kin = new MujocoArmKinematics(scene);
        double worstJointDeg = 0, worstPosMm = 0;
        int failed = 0;
        for (int t = 1; t < states.Count; t++)
        {
            var pose = kin.Forward(states[t]);
            // Seeded as in use: from the previous measured state.
            var sol = kin.Solve(pose, states[t - 1]);
            if (!sol.WithinTolerance) failed++;
            worstPosMm = Math.Max(worstPosMm, sol.Error.PositionM * 1000);
            for (int j = 0; j < 5; j++) worstJointDeg = Math.Max(worstJointDeg, Math.Abs(sol.Joints[j] - states[t][j]));
            Assert.That(sol.Joints[5], Is.EqualTo(states[t - 1][5]), "the gripper is not the IK's to move");
        }
        TestContext.Out.WriteLine($"{states.Count} states: worst joint error {worstJointDeg:0.0000} deg, worst position error {worstPosMm:0.0000} mm, {failed} outside tolerance");
        Assert.That(states.Count, Is.GreaterThan(400));
        Assert.That(failed, Is.EqualTo(0));
        Assert.That(worstPosMm, Is.LessThan(0.5));
        // The 5-DoF arm at a joint limit (wrist_flex at 95 deg while carrying) leaves the solver a few tenths of a degree off.
        Assert.That(worstJointDeg, Is.LessThan(0.5));
    }

    [Test]
    public void Only_the_honoured_orientation_components_decide_whether_a_target_is_reached()
    {
        var scene = SceneCatalog.Get(Scene);
        double[] joints = [10, -20, 40, 30, 15, 30];
        using var kin = new MujocoArmKinematics(scene);
        var reachable = kin.Forward(joints);
        // Turn the approach's heading by 10 degrees (about the vertical): the 5-DoF arm cannot, at this position.
        var turned = reachable with { Orientation = Rotation.AboutAxis(Vec3.UnitZ, 10 * Deg) * reachable.Orientation };
        var partial = kin.Solve(turned, joints);
        Assert.That(partial.WithinTolerance, Is.True, $"{partial.Error}");
        Assert.That(partial.Error.YawRad / Deg, Is.GreaterThan(5), "the unreachable heading stays as error");

        using var strict = new MujocoArmKinematics(scene with { EndEffector = scene.EndEffector! with { Honoured = OrientationComponents.All } });
        var full = strict.Solve(turned, joints);
        Assert.That(full.WithinTolerance, Is.False, $"{full.Error}");
    }

    [Test]
    public void An_unreachable_target_runs_the_best_reachable_joints_and_flags_every_step()
    {
        var scene = SceneCatalog.Get(Scene);
        using var env = new MujocoEnv(scene, new MujocoEnvOptions(MaxEpisodeSteps: 6));
        // 1 m in front of the base: beyond the arm's reach (about 0.4 m).
        var policy = (ActionAdapter)ActionAdapter.Wrap(new FixedPosePolicy([1.0, 0, 0.1, 0, Math.PI / 2, 0, 30]), env.Spec,
            ActionSpaces.Parse("ee:rpy"), null, () => new MujocoArmKinematics(scene));
        var failures = new List<IkFailedStep>();
        policy.Metrics!.FailedSteps += (_, f) => failures.AddRange(f);
        var record = new EpisodeRunner(env, policy, observers: [policy.Metrics]).Run(0, 1);
        var m = policy.Metrics.TakeMetrics();
        Assert.That(record.StepCount, Is.EqualTo(6));
        Assert.That(m[IkMetricsObserver.FailureRate], Is.EqualTo(1.0));
        Assert.That(m[IkMetricsObserver.FailedStepCount], Is.EqualTo(6));
        Assert.That(failures.Select(f => f.Step), Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5 }));
        Assert.That(failures.All(f => f.Error.PositionM > 0.55), Is.True, string.Join(", ", failures.Select(f => f.Error.PositionM)));
        // The applied joints are the best the solver found: the arm stretched towards the target, gripper as asked.
        var last = record.Steps[^1].AppliedAction;
        Assert.That(last[5], Is.EqualTo(30));
        Assert.That(policy.LastIk![0].Reached.Position.X, Is.InRange(0.25, 0.45));
        policy.Dispose();
    }

    [Test]
    public void Scripted_ee_runs_through_the_adapter_and_records_ik_metrics_settings_and_failed_steps()
    {
        using var dir = new TempDir();
        var s = EvalJob.Run(new EvalRequest(Scene, "scripted:ee", 10, 0, dir["run"], Workers: 2));
        Assert.That(s.Complete, Is.True);
        Assert.That(s.Successes, Is.GreaterThanOrEqualTo(9));
        Assert.That(s.Settings.Other!["action_space"], Is.EqualTo("ee:rpy"));
        Assert.That(s.Settings.Other["ik_tolerance"], Is.EqualTo("5 mm, 5 deg"));
        Assert.That(s.Settings.Other["ik_honoured_orientation"], Is.EqualTo("roll, pitch"));
        Assert.That(s.Robot!.EndEffector!.Honoured, Is.EqualTo(OrientationComponents.Pitch | OrientationComponents.Roll));
        Assert.That(s.Metrics.Keys, Does.Contain("ik_failure_rate_mean").And.Contain("ik_position_error_mm_p95_max"));
        Assert.That(s.Metrics["ik_failure_rate_mean"], Is.InRange(0.0, 0.05));
        var rows = EpisodesCsvReader.Read(Path.Combine(dir["run"], RunDirectory.EpisodesFile), s.Schema);
        Assert.That(rows.All(r => r.Metric("ik_failure_rate") is >= 0 and <= 1), Is.True);
        // Every flagged step is listed in ik_failures.csv, and only those.
        int flagged = (int)rows.Sum(r => r.Metric("ik_failed_steps")!.Value);
        var log = Path.Combine(dir["run"], IkFailureLog.FileName);
        int lines = File.Exists(log) ? File.ReadAllLines(log).Length - 1 : 0;
        Assert.That(lines, Is.EqualTo(flagged));
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir["run"], RunDirectory.SummaryFile)));
        Assert.That(json.RootElement.GetProperty("task_schema").GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("key").GetString()),
            Does.Contain("ik_failure_rate"));
    }

    [Test]
    public void The_same_plan_as_joints_or_as_tool_poses_gives_the_same_outcomes_on_the_same_seeds()
    {
        using var dir = new TempDir();
        var joint = EvalJob.Run(new EvalRequest(Scene, "scripted", 6, 3, dir["j"], Workers: 2));
        var ee = EvalJob.Run(new EvalRequest(Scene, "scripted:ee", 6, 3, dir["e"], Workers: 2));
        Assert.That(ee.Outcomes, Is.EqualTo(joint.Outcomes));
    }
}
