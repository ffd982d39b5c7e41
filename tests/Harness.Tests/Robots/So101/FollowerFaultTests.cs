using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Robots.Cameras;
using Harness.Robots.Feetech;
using Harness.Robots.RealTime;
using Harness.Robots.Twin;
using Harness.Tests.Robots.Cameras;
using Rig = Harness.Tests.Robots.So101.So101FollowerTests.Rig;
using PanPolicy = Harness.Tests.Robots.So101.So101FollowerTests.PanPolicy;

namespace Harness.Tests.Robots.So101;

/// <summary>
/// What goes wrong on hardware, on the virtual bus: a servo that stops answering, a camera stream
/// that stalls, a loop that misses its deadline; and pre-flight probes that must not move the arm.
/// </summary>
public class FollowerFaultTests
{
    [Test]
    public void A_servo_that_stops_answering_ends_the_episode_and_every_other_servo_still_gets_torque_off()
    {
        using var rig = new Rig();
        EpisodeRecord record;
        using (var env = rig.Connect())
        {
            record = new EpisodeRunner(env, new PanPolicy(onCall: step => { if (step == 5) rig.Arm.Bus.Faults.Mute(3); }))
                .Run(0, seed: 1, maxSteps: 30);
            Assert.That(record.Outcome.IsError, Is.True);
            Assert.That(record.Error, Does.Contain("servo id 3 did not answer").And.Contain("Commands stopped"));
            rig.Arm.Bus.Log.Clear();
        }
        var offs = rig.Arm.Bus.Log.Writes().Where(w => w.Touches(Sts3215.TorqueEnable) && w.Data[0] == 0).Select(w => w.Id).Distinct();
        Assert.That(offs, Is.EquivalentTo(new byte[] { 1, 2, 3, 4, 5, 6 }), "torque off was sent to every servo, the mute one too");
        Assert.That(new byte[] { 1, 2, 4, 5, 6 }.Select(id => rig.Arm.Bus.Inspect(id, s => s.TorqueOn)), Has.All.False);
        Assert.That(rig.Log.ToString(), Does.Contain("torque could not be switched off for elbow_flex (id 3)").And.Contain("every other servo was switched off"));
    }

    [Test]
    public void A_camera_stream_that_stalls_mid_episode_ends_it_as_an_error_saying_which_camera()
    {
        using var pub = new TestCameraPublisher("overhead_cam");
        var cameras = CameraSet.Open([new CameraSource("overhead_cam", pub.Url)], [new CameraSpec("overhead_cam", 48, 64, 58)], 30,
            new CameraSetOptions { RateWindow = TimeSpan.FromMilliseconds(300), StaleAfter = TimeSpan.FromMilliseconds(250) });
        using var rig = new Rig();
        using var env = rig.Connect(cameras: cameras);
        var policy = new ImagePolicy(step => { if (step == 10) pub.Stall(); });
        env.RequestCameras(["overhead_cam"]);
        var record = new EpisodeRunner(env, policy).Run(0, seed: 1, maxSteps: 60);
        Assert.That(policy.Saw, Is.EqualTo((48, 64)));
        Assert.That(record.Outcome.IsError, Is.True);
        Assert.That(record.Error, Does.Contain("camera 'overhead_cam'").And.Contain("is stale"));
        Assert.That(record.Steps.Count, Is.InRange(11, 30), "it ended within a few periods of the stall");
    }

    [Test]
    public void A_loop_held_up_for_two_periods_counts_a_deadline_miss()
    {
        using var rig = new Rig();
        using var env = rig.Connect();
        var timing = new LoopTimingObserver(env.Pacer);
        var record = new EpisodeRunner(env, new PanPolicy(onCall: step => { if (step == 10) Thread.Sleep(80); }), observers: [timing])
            .Run(0, seed: 1, maxSteps: 20);
        Assert.That(record.Error, Is.Null);
        Assert.That(timing.TakeMetrics()["deadline_misses"], Is.GreaterThanOrEqualTo(1), "80 ms is more than two 33 ms periods");
    }

    [Test]
    public void Pre_flight_probes_on_hardware_are_the_measured_state_and_the_twins_reset_states_and_move_nothing()
    {
        using var rig = new Rig();
        var twin = new RecordingTwin();
        using var env = rig.Connect(twin: twin);
        rig.Arm.Bus.Log.Clear();
        var ctx = PreflightContext.Collect(env, runSeed: 4, taskText: "t");
        Assert.That(rig.Arm.Bus.Log.Wrote(Sts3215.GoalPosition), Is.False, "nothing moved");
        Assert.That(ctx.ResetObservations, Has.Count.EqualTo(1 + PreflightContext.ProbeEpisodes));
        Assert.That(ctx.ResetObservations[0].State, Is.EqualTo(env.Measured), "first: the arm as measured now");
        Assert.That(twin.Seeds, Is.EqualTo(Enumerable.Range(0, 3).Select(e => Harness.Core.Randomness.EpisodeSeeds.For(4, e))));
        Assert.That(ctx.StepObservations, Has.Count.EqualTo(PreflightContext.ProbeEpisodes * PreflightContext.ProbeSteps));
        Assert.That(ctx.ResetObservations.Skip(1).SelectMany(o => o.Vectors.Keys).Distinct(), Is.EqualTo(new[] { FeatureNames.State }),
            "the twin's privileged state is not passed on as if the robot had it");
    }

    /// <summary>A twin that reports its seeds and a fixed pose with a privileged extra.</summary>
    private sealed class RecordingTwin : ISimulatedTwin
    {
        public List<int> Seeds { get; } = [];
        public IReadOnlyList<Observation> Probe(int seed, int holdSteps, IReadOnlyCollection<string> cameras)
        {
            Seeds.Add(seed);
            return Enumerable.Range(0, holdSteps + 1).Select(s => new Observation(s, s / 30.0, new Dictionary<string, double[]>
            {
                [FeatureNames.State] = [0, -10, 30, 60, 0, 40], [FeatureNames.EnvironmentState] = [0.2, 0.0, 0.01],
            }, new Dictionary<string, CameraImage>())).ToList();
        }
    }

    /// <summary>Holds the arm where it is and notes the image size it was given.</summary>
    private sealed class ImagePolicy(Action<int> onCall) : IPolicy
    {
        public (int, int) Saw;
        public string Name => "test:image";
        public PolicyInputs Inputs => new([FeatureNames.State, FeatureNames.Image("overhead_cam")]);
        public ExecutionHint Hint => new(ActionsPerQuery: 1);
        public void Reset() { }
        public ActionChunk Infer(Observation o, string task)
        {
            onCall(o.Step);
            var img = o.Image(FeatureNames.Image("overhead_cam"));
            Saw = (img.Height, img.Width);
            return new ActionChunk([o.State]);
        }
        public void Dispose() { }
    }
}
