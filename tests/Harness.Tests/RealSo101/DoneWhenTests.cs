using System.Text.Json;
using Harness.Datasets.Format;
using Harness.Robots.Feetech;
using Harness.Eval.Runs;
using Harness.Sim.Tasks.PickPlace;
using Harness.Tests.Support;

namespace Harness.Tests.RealSo101;

/// <summary>
/// Issue #18's done-when, in order, on a simulated rig (real pty, real MuJoCo, the real command
/// line): scan, calibrate --auto, a simulated run recorded as a dataset, that dataset replayed on
/// the "real" arm with outcomes labelled by the rig's physics, a dry run, and a privileged policy
/// refused before anything moves.
/// </summary>
[NonParallelizable]
public class DoneWhenTests
{
    private RigHarness _rig = null!;
    private string _cal = "", _sim = "", _dataset = "", _real = "";
    private (int Code, string Out, string Err) _scan, _realRun;

    [OneTimeSetUp]
    public void RunTheSequence()
    {
        _rig = new RigHarness(seed: 0);
        _scan = InProcessCli.Run(RigHarness.Real("scan", "--port", _rig.Link));
        _cal = _rig.Calibrate();
        _sim = _rig["sim"];
        _dataset = _rig["ds"];
        var sim = InProcessCli.Run("eval", "--scene", "so101-pick-place", "--policy", "scripted", "--episodes", "2", "--seed", "0",
            "--out", _sim, "--record", _dataset, "--record-cameras", "none");
        Assert.That(sim.Code, Is.EqualTo(0), sim.Out + sim.Err);
        _real = _rig["real"];
        _rig.Rig.Bus.Log.Clear();
        _realRun = InProcessCli.Run(RigHarness.Real("eval", "--port", _rig.Link, "--calibration", _cal, "--policy", "replay:" + _dataset,
            "--episodes", "2", "--out", _real, "--auto-label", "sim"));
    }

    [OneTimeTearDown]
    public void Stop() => _rig.Dispose();

    [Test, Order(1)]
    public void Scan_lists_six_sts3215_of_model_777()
    {
        Assert.That(_scan.Code, Is.EqualTo(0), _scan.Out + _scan.Err);
        var rows = _scan.Out.Split('\n').Where(l => l.Contains("777 STS3215")).ToArray();
        Assert.That(rows, Has.Length.EqualTo(6));
        Assert.That(_scan.Out, Does.Contain("6 servo(s)").And.Contain("six STS3215, ids 1-6"));
    }

    [Test, Order(2)]
    public void Calibrate_auto_writes_lerobots_file_with_the_rigs_homing_offsets_and_ranges()
    {
        var c = Harness.Robots.So101.CalibrationFile.Load(_cal);
        // Zero ticks 2130, 1960, 1990, 2080, 2010, 2100: offset = zero - 2047 (the middle pose reads 2047).
        Assert.That(c.Motors.Select(m => m.HomingOffset), Is.EqualTo(new[] { 83, -87, -57, 33, -37, 53 }));
        // shoulder_pan: +-110 deg = +-1251.6 ticks around 2130 -> 879..3381 on the encoder, minus the offset.
        Assert.That((c["shoulder_pan"].RangeMin, c["shoulder_pan"].RangeMax), Is.EqualTo((796, 3298)));
        // gripper: -10..100 deg = -113.8..1137.8 ticks around 2100 -> 1987..3237, minus 53.
        Assert.That((c["gripper"].RangeMin, c["gripper"].RangeMax), Is.EqualTo((1934, 3184)));
        Assert.That((c["wrist_roll"].RangeMin, c["wrist_roll"].RangeMax), Is.EqualTo((0, 4095)));
        Assert.That(File.ReadAllText(_cal), Does.StartWith("{\n    \"shoulder_pan\": {\n        \"id\": 1,"));
    }

    [Test, Order(3)]
    public void The_replayed_episodes_end_as_the_simulated_ones_did_labelled_by_the_rigs_physics()
    {
        Assert.That(_realRun.Code, Is.EqualTo(0), _realRun.Out + _realRun.Err);
        var schema = PickPlaceSchema.Generic;
        var sim = EpisodesCsvReader.Read(Path.Combine(_sim, RunDirectory.EpisodesFile), schema);
        var real = EpisodesCsvReader.Read(Path.Combine(_real, RunDirectory.EpisodesFile), schema);
        Assert.That(real.Select(r => r.Seed), Is.EqualTo(sim.Select(r => r.Seed)), "episode i of the same run seed on both");
        Assert.That(real.Select(r => r.Outcome), Is.EqualTo(sim.Select(r => r.Outcome)));
        Assert.That(real.Select(r => r.Metric(PickPlaceSchema.PickedUp)), Is.EqualTo(sim.Select(r => r.Metric(PickPlaceSchema.PickedUp))));
        for (int i = 0; i < real.Count; i++)
            Assert.That(real[i].Metric(PickPlaceSchema.MaxObjectHeightM), Is.EqualTo(sim[i].Metric(PickPlaceSchema.MaxObjectHeightM)).Within(0.01),
                "the block was carried as high as in simulation, within 1 cm");
        Assert.That(real.Select(r => r.Detail), Has.All.Contains("labelled by the rig's physics"));
    }

    [Test, Order(4)]
    public void The_real_run_has_loop_timing_inference_and_twin_prediction_error_per_episode_and_in_run_json()
    {
        var real = EpisodesCsvReader.Read(Path.Combine(_real, RunDirectory.EpisodesFile), PickPlaceSchema.Generic);
        foreach (var row in real)
        {
            Assert.That(row.Extra["period_jitter_p99_ms"], Is.Not.Null);
            Assert.That(row.Extra["deadline_misses"], Is.Not.Null);
            Assert.That(row.Extra["model_calls"], Is.GreaterThanOrEqualTo(1));
            // The rig is the twin's own physics: predictions from the measured state land within centimetres.
            Assert.That(row.Extra["twin_tracking_error_mean_m"], Is.GreaterThan(0).And.LessThan(0.03));
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_real, RunDirectory.SummaryFile)));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("complete").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("robot").GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()),
            Is.EquivalentTo(new[] { "observation.state", "action" }), "no privileged state on a real robot");
        var extra = root.GetProperty("extra");
        Assert.That(extra.GetProperty("twin_tracking_error_m").GetProperty("episodes").GetDouble(), Is.EqualTo(2));
        Assert.That(extra.GetProperty("inference_latency_ms").GetProperty("calls").GetDouble(), Is.GreaterThan(0));
        Assert.That(root.GetProperty("settings").GetProperty("other").GetProperty("robot").GetString(), Is.EqualTo("real"));
        foreach (int e in new[] { 0, 1 })
        {
            var trace = Harness.Core.Whiskers.WhiskerFiles.ReadTrace(Path.Combine(_real, "whiskers", $"episode_{e:D4}.json"));
            Assert.That(trace.Steps, Is.EqualTo(real[e].Steps));
            Assert.That(trace.Queries, Is.Not.Empty);
        }
    }

    [Test, Order(5)]
    public void The_real_run_ends_at_rest_with_torque_off()
    {
        Assert.That(_rig.Rig.Bus.Ids.Select(id => _rig.Rig.Bus.Inspect(id, s => s.TorqueOn)), Has.All.False);
        var last = _rig.Rig.Bus.Log.Writes().Where(w => w.Touches(Sts3215.TorqueEnable)).TakeLast(6).ToArray();
        Assert.That(last.Select(w => w.Id), Is.EquivalentTo(new byte[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(last.Select(w => w.Data[0]), Has.All.EqualTo(0));
    }

    [Test, Order(6)]
    public void A_dry_run_writes_no_goal_position_and_never_switches_torque_on()
    {
        _rig.Rig.Bus.Log.Clear();
        var (code, output, err) = InProcessCli.Run(RigHarness.Real("eval", "--port", _rig.Link, "--calibration", _cal, "--policy", "replay:" + _dataset,
            "--episodes", "1", "--max-steps", "30", "--out", _rig["dry"], "--auto-label", "sim", "--dry-run"));
        Assert.That(code, Is.EqualTo(0), output + err);
        Assert.That(output, Does.Contain("dry run step 29: would send ["));
        Assert.That(_rig.Rig.Bus.Log.Packets(), Is.Not.Empty, "the dry run did read the arm");
        Assert.That(_rig.Rig.Bus.Log.Wrote(Sts3215.GoalPosition), Is.False);
        Assert.That(_rig.Rig.Bus.Log.Writes().Where(w => w.Touches(Sts3215.TorqueEnable)).Select(w => w.Data[0]), Has.None.EqualTo(1));
    }

    [Test, Order(7)]
    public void A_policy_reading_privileged_state_is_refused_before_anything_is_sent_to_the_arm()
    {
        _rig.Rig.Bus.Log.Clear();
        string out_ = _rig["refused"];
        var (code, output, err) = InProcessCli.Run(RigHarness.Real("eval", "--port", _rig.Link, "--calibration", _cal,
            "--policy", "onnx:" + Path.Combine(RepoPaths.Root, "policies", "so101_state_mlp_80"), "--episodes", "2", "--out", out_, "--auto-label", "sim"));
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(err, Does.Contain("reads observation.environment_state").And.Contain("which a real robot cannot provide").And.Contain("nothing moved"));
        Assert.That(_rig.Rig.Bus.Log.Packets(), Is.Empty, "not a byte reached the servos");
        Assert.That(Directory.Exists(out_), Is.False, "a refused run leaves no run folder");
    }

    [Test, Order(8)]
    public void A_simulated_run_can_take_the_real_runs_inference_latency()
    {
        string lat = _rig["latency"];
        var (code, output, err) = InProcessCli.Run("eval", "--scene", "so101-pick-place", "--policy", "replay:" + _dataset, "--episodes", "1", "--seed", "0",
            "--out", lat, "--latency-from", _real);
        Assert.That(code, Is.EqualTo(0), output + err);
        using var real = JsonDocument.Parse(File.ReadAllText(Path.Combine(_real, RunDirectory.SummaryFile)));
        var measured = real.RootElement.GetProperty("extra").GetProperty("inference_latency_ms");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(lat, RunDirectory.SummaryFile)));
        var other = doc.RootElement.GetProperty("settings").GetProperty("other");
        Assert.That(other.GetProperty("latency_ms").GetString(), Is.EqualTo(System.FormattableString.Invariant(
            $"p50={measured.GetProperty("p50").GetDouble():0.###},p95={measured.GetProperty("p95").GetDouble():0.###}")));
        Assert.That(other.GetProperty("latency_from").GetString(), Is.EqualTo(Path.GetFullPath(_real)));
        Assert.That(other.GetProperty("async_request_at").GetString(), Is.EqualTo("0.5"));
    }

    [Test, Order(9)]
    public void The_real_run_can_be_recorded_as_a_lerobot_dataset_and_replayed()
    {
        string ds = _rig["real-ds"];
        var (code, output, err) = InProcessCli.Run(RigHarness.Real("eval", "--port", _rig.Link, "--calibration", _cal, "--policy", "replay:" + _dataset + "#0",
            "--episodes", "1", "--max-steps", "60", "--out", _rig["recorded"], "--auto-label", "sim", "--record", ds));
        Assert.That(code, Is.EqualTo(0), output + err);
        var dataset = DatasetReader.Open(ds);
        Assert.That(dataset.Episodes, Has.Count.EqualTo(1));
        Assert.That(dataset.Episodes[0].Length, Is.EqualTo(60));
        Assert.That(dataset.Fps, Is.EqualTo(30));
        Assert.That(dataset.Info.RobotType, Is.EqualTo("so101_follower"));
    }
}
