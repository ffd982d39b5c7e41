using System.Text.Json;
using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Robots.Feetech;
using Harness.Robots.Operators;
using Harness.Robots.RealTime;
using Harness.Robots.So101;
using Harness.Robots.Virtual.So101;
using Harness.Sim.Env;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Robots.So101;

/// <summary>The real SO-101 environment on a virtual SO-101, driven by the same EpisodeRunner as the simulator.</summary>
public class So101FollowerTests
{
    private static readonly double[] Home = [0, -10, 30, 60, 0, 40];
    private static readonly double[] Rest = [0, -90, 90, 70, 0, 0];

    private static RobotSpec TwinSpec() => Twin.Value.Spec;

    private static readonly Lazy<(RobotSpec Spec, Harness.Core.Tasks.TaskSchema Schema, string Text)> Twin = new(() =>
    {
        using var env = new MujocoEnv(SceneCatalog.Get("so101-pick-place"), new MujocoEnvOptions());
        return (env.Spec, env.Schema, env.TaskText);
    });

    internal sealed class Rig : IDisposable
    {
        private readonly TempDir _dir = new("so101");
        public readonly VirtualSo101 Arm;
        public readonly OperatorChannelClient Operator;
        public readonly StringWriter Log = new();

        /// <param name="calibrated">Servos that already hold the example calibration (as after an earlier session).</param>
        public Rig(bool calibrated = false)
        {
            Arm = VirtualSo101.Start(new VirtualSo101Options
            {
                LinkPath = _dir["so101"],
                HandTicksPerSecond = 20000,
                Prepare = calibrated ? s =>
                {
                    var c = CalibrationFileTests.Example.Motors.Single(m => m.Id == s.Id);
                    s.Preset(Sts3215.HomingOffset, c.HomingOffset);
                    s.Preset(Sts3215.MinPositionLimit, c.RangeMin);
                    s.Preset(Sts3215.MaxPositionLimit, c.RangeMax);
                } : null,
            });
            Operator = OperatorChannelClient.Connect(Arm.LinkPath);
        }

        public So101Follower Connect(bool dryRun = false, So101Safety? safety = null, string labels = "s\n",
            Harness.Robots.Cameras.CameraSet? cameras = null, Harness.Robots.Twin.ISimulatedTwin? twin = null) => So101Follower.Connect(new So101FollowerOptions
        {
            Port = Arm.LinkPath,
            Calibration = CalibrationFileTests.Example,
            TwinSpec = Twin.Value.Spec,
            Schema = Twin.Value.Schema,
            TaskText = Twin.Value.Text,
            StartPose = Home,
            RestPose = Rest,
            Operator = Operator,
            Labeler = new ConsoleOutcomeLabeler(new StringReader(labels), TextWriter.Null),
            DryRun = dryRun,
            Safety = safety ?? new So101Safety { SlowMoveDegreesPerSecond = 400, SlowMoveGripperPerSecond = 400 },
            Bus = VirtualBusRig.Patient,
            Log = Log,
            Cameras = cameras,
            Twin = twin,
        });

        public IReadOnlyList<byte> GoalWrites(Func<InstructionPacket, bool>? filter = null) =>
            Arm.Bus.Log.Packets().Where(p => p.Writes().Any(w => w.Touches(Sts3215.GoalPosition)) && (filter?.Invoke(p) ?? true)).Select(p => p.Id).ToArray();

        public void Dispose()
        {
            Operator.Dispose();
            Arm.Dispose();
            _dir.Dispose();
        }
    }

    /// <summary>Moves shoulder_pan by +1 degree per step from where the arm is.</summary>
    internal sealed class PanPolicy(int throwAt = -1, Action<int>? onCall = null) : IPolicy
    {
        public string Name => "test:pan";
        public PolicyInputs Inputs => PolicyInputs.StateOnly;
        public ExecutionHint Hint => ExecutionHint.Default;
        public void Reset() { }
        public ActionChunk Infer(Observation o, string task)
        {
            onCall?.Invoke(o.Step);
            if (o.Step == throwAt) throw new InvalidOperationException("policy fault on purpose");
            var s = o.State;
            return new ActionChunk(Enumerable.Range(1, 5).Select(k => s.Select((v, i) => i == 0 ? v + k : v).ToArray()).ToArray());
        }
        public void Dispose() { }
    }

    [Test]
    public void The_real_spec_equals_the_simulated_so101s_joints_rate_and_step_limit()
    {
        var twin = TwinSpec();
        var real = So101Follower.SpecFor(twin, So101Motors.Follower());
        string Json(object o) => JsonSerializer.Serialize(o);
        Assert.That(Json(real.Joints), Is.EqualTo(Json(twin.Joints)));
        Assert.That((real.RobotType, real.ControlHz, real.MaxEpisodeSteps), Is.EqualTo((twin.RobotType, twin.ControlHz, twin.MaxEpisodeSteps)));
        Assert.That(Json(real.Features), Is.EqualTo(Json(twin.Features.Where(f => f.Name is FeatureNames.State or FeatureNames.Action))));
        Assert.That(real.Feature("observation.environment_state"), Is.Null, "a real robot cannot provide privileged state");
    }

    [Test]
    public void A_twin_in_other_units_is_refused()
    {
        var ex = Assert.Throws<So101Exception>(() => So101Follower.SpecFor(TwinSpec(), So101Motors.Follower(degrees: false)));
        Assert.That(ex!.Message, Does.Contain("shoulder_pan.pos [-100-100]").And.Contain("shoulder_pan.pos [deg]"));
    }

    [Test]
    public void An_episode_runs_through_the_episode_runner_and_ends_at_the_rest_pose_with_torque_off()
    {
        using var rig = new Rig();
        EpisodeRecord record;
        using (var env = rig.Connect())
        {
            record = new EpisodeRunner(env, new PanPolicy()).Run(0, seed: 7, maxSteps: 12);
            Assert.That(record.Outcome.Label, Is.EqualTo("SUCCESS"), "labelled by the operator's key 's'");
            Assert.That(record.Steps, Has.Count.EqualTo(12));
            // The start pose was reached before the first step (within the arrival tolerance).
            Assert.That(record.Steps[0].State.Zip(Home).Select(p => Math.Abs(p.First - p.Second)), Is.All.LessThanOrEqualTo(4));
            Assert.That(rig.Arm.Bus.Ids.Select(id => rig.Arm.Bus.Inspect(id, s => s.TorqueOn)), Is.All.True);
        }
        Assert.That(rig.Arm.Bus.Ids.Select(id => rig.Arm.Bus.Inspect(id, s => s.TorqueOn)), Is.All.False, "torque off on exit");
        // shoulder_lift reached the rest pose's -90 degrees before torque went off: raw int(-90*4095/360 + 2047) = 1023.
        Assert.That(rig.Arm.Bus.Inspect(2, s => s.Get(Sts3215.PresentPosition)), Is.EqualTo(1023).Within(46), "within the 4 degree arrival tolerance");
        var packets = rig.Arm.Bus.Log.Packets();
        Assert.That(packets.TakeLast(2).Select(p => FeetechFrame.Hex(p.Parameters)), Is.EqualTo(new[] { "28 00", "37 00" }), "ends with torque off + unlock");
    }

    [Test]
    public void Targets_are_clamped_to_the_joint_limits_and_to_the_max_relative_target()
    {
        using var rig = new Rig();
        using var env = rig.Connect(safety: new So101Safety
        {
            SlowMoveDegreesPerSecond = 400, SlowMoveGripperPerSecond = 400, MaxRelativeTarget = [5],
        });
        var obs = env.Reset(0);
        var measured = obs.State;
        var applied = env.Step([200, measured[1], measured[2], measured[3], measured[4], 150]).AppliedAction;
        // pan: 200 -> limit 110 -> at most 5 from the measured position; gripper: 150 -> 100 -> at most 5 from measured.
        Assert.That(applied[0], Is.EqualTo(measured[0] + 5).Within(1e-9));
        Assert.That(applied[5], Is.EqualTo(measured[5] + 5).Within(1e-9));
        Assert.That(applied[1..5], Is.EqualTo(measured[1..5]));
    }

    [Test]
    public void A_dry_run_reads_and_runs_the_policy_but_never_writes_a_goal_or_switches_torque_on()
    {
        using var rig = new Rig(calibrated: true);
        using (var env = rig.Connect(dryRun: true))
        {
            var record = new EpisodeRunner(env, new PanPolicy()).Run(0, seed: 1, maxSteps: 8);
            Assert.That(record.Error, Is.Null);
            Assert.That(record.Steps, Has.Count.EqualTo(8));
            Assert.That(env.DryRunActions, Is.EqualTo(8));
        }
        Assert.That(rig.Arm.Bus.Log.Wrote(Sts3215.GoalPosition), Is.False, "the bus log proves no goal was written");
        Assert.That(rig.Arm.Bus.Log.Writes().Any(w => w.Touches(Sts3215.TorqueEnable) && w.Data[0] != 0), Is.False);
        Assert.That(rig.Arm.Bus.Log.Packets().Any(p => p.Instruction == Instruction.SyncRead), Is.True, "state was read");
        Assert.That(rig.Log.ToString(), Does.Contain("dry run step 7: would send"));
    }

    [Test]
    public void A_dry_run_refuses_servos_whose_calibration_differs_instead_of_writing_it()
    {
        using var rig = new Rig();
        var ex = Assert.Throws<So101Exception>(() => rig.Connect(dryRun: true).Dispose(), "factory servos differ from the file");
        Assert.That(ex!.Message, Does.Contain("dry run writes nothing"));
        Assert.That(rig.Arm.Bus.Log.Writes(), Is.Empty);
    }

    [Test]
    public void A_policy_fault_ends_the_episode_as_error_and_the_exit_still_rests_the_arm_and_switches_torque_off()
    {
        using var rig = new Rig();
        using (var env = rig.Connect())
        {
            var record = new EpisodeRunner(env, new PanPolicy(throwAt: 5)).Run(0, seed: 1, maxSteps: 20);
            Assert.That(record.Outcome.IsError, Is.True);
            Assert.That(record.Error, Does.Contain("policy fault on purpose"));
        }
        Assert.That(rig.Arm.Bus.Ids.Select(id => rig.Arm.Bus.Inspect(id, s => s.TorqueOn)), Is.All.False);
    }

    [Test]
    public void Ctrl_C_mid_episode_rests_the_arm_and_switches_torque_off()
    {
        using var rig = new Rig();
        using var cancel = new CancellationTokenSource();
        using (var env = rig.Connect())
        {
            var runner = new EpisodeRunner(env, new PanPolicy(onCall: step => { if (step >= 5) cancel.Cancel(); }));
            Assert.Throws<OperationCanceledException>(() => runner.Run(0, seed: 1, maxSteps: 50, cancel: cancel.Token));
        }
        Assert.That(rig.Arm.Bus.Ids.Select(id => rig.Arm.Bus.Inspect(id, s => s.TorqueOn)), Is.All.False);
    }

    [Test]
    public void A_lost_bus_stops_commanding_and_says_what_state_the_arm_is_in()
    {
        using var rig = new Rig();
        using var env = rig.Connect();
        var record = new EpisodeRunner(env, new PanPolicy(onCall: step => { if (step == 5) rig.Arm.Dispose(); })).Run(0, seed: 1, maxSteps: 30);
        Assert.That(record.Outcome.IsError, Is.True);
        Assert.That(record.Steps, Has.Count.EqualTo(5), "no step after the bus went away");
        Assert.That(record.Error, Does.Contain("servo bus on").And.Contain("is gone")
            .And.Contain("torque is on and the arm holds its last goal").And.Contain("switch off its power"));
        var again = Assert.Throws<So101Exception>(() => env.Reset(2));
        Assert.That(again!.Message, Does.Contain("halted"));
    }

    [Test]
    public void The_watchdog_holds_the_arm_where_it_is_when_actions_stop_coming()
    {
        using var rig = new Rig();
        using var env = rig.Connect(safety: new So101Safety
        {
            SlowMoveDegreesPerSecond = 400, SlowMoveGripperPerSecond = 400, Watchdog = TimeSpan.FromMilliseconds(150),
        });
        var obs = env.Reset(0);
        env.Step(obs.State.Select((v, i) => i == 0 ? v + 3 : v).ToArray());
        int before = rig.Arm.Bus.Log.Packets().Count;
        Wait.Until(() => env.WatchdogHolds == 1, "a watchdog hold");
        // The hold is one SYNC_READ of the positions, then one SYNC_WRITE of the same raw ticks as goals.
        var after = rig.Arm.Bus.Log.Packets().Skip(before).ToArray();
        Assert.That(after.Select(p => p.Instruction), Is.EqualTo(new[] { Instruction.SyncRead, Instruction.SyncWrite }));
        var goals = after[1].Writes();
        Assert.That(goals.Select(w => w.Id), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6 }));
        Thread.Sleep(300);
        Assert.That(env.WatchdogHolds, Is.EqualTo(1), "one hold per stall");
    }

    [Test]
    public void Loop_timing_goes_to_episode_metrics()
    {
        using var rig = new Rig();
        using var env = rig.Connect();
        var timing = new LoopTimingObserver(env.Pacer);
        var record = new EpisodeRunner(env, new PanPolicy(), observers: [timing]).Run(0, seed: 1, maxSteps: 30);
        Assert.That(record.Error, Is.Null);
        var metrics = timing.TakeMetrics();
        Assert.That(metrics.Keys, Is.EqualTo(new[] { "period_jitter_p50_ms", "period_jitter_p99_ms", "deadline_misses" }));
        Assert.That(metrics["period_jitter_p99_ms"], Is.Not.Null.And.GreaterThanOrEqualTo(metrics["period_jitter_p50_ms"]!.Value));
        Assert.That(metrics["deadline_misses"], Is.Not.Null);
    }

    [Test]
    public void Steps_are_paced_at_the_control_rate()
    {
        using var rig = new Rig();
        using var env = rig.Connect();
        env.Reset(0);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 15; i++) env.Step(env.Measured.ToArray());
        Assert.That(clock.Elapsed.TotalMilliseconds, Is.GreaterThanOrEqualTo(15 * 1000.0 / 30 - 1), "fifteen 30 Hz periods");
    }

    [Test]
    public void A_policy_reading_cameras_is_refused_before_moving()
    {
        using var rig = new Rig();
        using var env = rig.Connect();
        var ex = Assert.Throws<ArgumentException>(() => env.RequestCameras(["overhead_cam"]));
        Assert.That(ex!.Message, Does.Contain("observation.images.overhead_cam"));
    }
}
