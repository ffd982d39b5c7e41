using System.Diagnostics;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// `scenes`: raw mj_step rate of the scenes built from the official robot models against the
/// primitive SO-101 scene that so101-pick-place used before (the baseline, kept as a bench
/// fixture: Fixtures/so101_primitive_scene.xml), measured in the same run, in alternating
/// rounds. Two workloads from each scene's 'home' keyframe: holding the pose with the object at
/// rest on the table, and sweeping every arm joint sinusoidally (0.3 rad, 0.5 Hz) around it.
/// Gravity compensation (constant xfrc_applied = m*g on the arm bodies) is set where the
/// environment will set it (UR5e, Trossen); it costs nothing per step.
/// </summary>
public static class SceneStepBench
{
    // The primitive scene has no keyframe: it gets the same home pose (radians) as the official one.
    private static readonly double[] So101Home = [0, -0.1745, 0.5236, 1.0472, 0, 0.5934];

    private static readonly (string Name, string File, string[] Compensated)[] Scenes =
    [
        ("so101 primitive (baseline)", PrimitiveFixture, []),
        ("so101 official", "so101-pick-place/scene.xml", []),
        ("ur5e + 2f85", "ur5e-pick-place/scene.xml", ["shoulder_link"]),
        ("trossen stationary", "trossen-transfer-cube/scene.xml", ["follower_left_base_link", "follower_right_base_link"]),
    ];

    public static int Run(double seconds = 1.0, int rounds = 5)
    {
        Console.WriteLine($"scene step bench: {Environment.ProcessorCount} cores, ~{seconds:0.#} s per measurement, {rounds} alternating rounds, medians");
        foreach (bool sweep in new[] { false, true })
        {
            var rates = Scenes.Select(_ => new List<double>()).ToArray();
            var ratios = Scenes.Select(_ => new List<double>()).ToArray();
            var sims = Scenes.Select(s => new Sim(PathOf(s.File), s.Compensated, sweep)).ToArray();
            try
            {
                for (int round = 0; round < rounds; round++)
                {
                    // Rotate the order each round so load from other processes hits all alike.
                    var order = Enumerable.Range(0, sims.Length).Select(i => (i + round) % sims.Length).ToArray();
                    var r = new double[sims.Length];
                    foreach (int i in order) r[i] = sims[i].StepsPerSecond(seconds);
                    for (int i = 0; i < sims.Length; i++) { rates[i].Add(r[i]); ratios[i].Add(r[i] / r[0]); }
                }
                BenchReport.Table($"mj_step rate, {(sweep ? "arm joints sweeping" : "holding home, object at rest")}",
                    Scenes.Select((s, i) => (s.Name, $"{Median(rates[i]):0} steps/s, x{Median(ratios[i]):0.00} of the baseline, {sims[i].Contacts} contacts at the end")));
            }
            finally
            {
                foreach (var s in sims) s.Dispose();
            }
        }
        return 0;
    }

    private static double Median(List<double> v) { v.Sort(); return v[v.Count / 2]; }

    private const string PrimitiveFixture = "Fixtures/so101_primitive_scene.xml";

    private static string PathOf(string file)
    {
        if (file == PrimitiveFixture) return Path.Combine(AppContext.BaseDirectory, file);
        int slash = file.IndexOf('/');
        return Path.Combine(EmbeddedScenes.Folder(file[..slash]), file[(slash + 1)..]);
    }

    private sealed class Sim : IDisposable
    {
        private readonly MjModel _model;
        private readonly MjData _data;
        private readonly bool _sweep;
        private readonly (int Act, double Home, double Lo, double Hi)[] _arm;

        public Sim(string file, string[] compensated, bool sweep)
        {
            _model = MjModel.LoadXml(file);
            _data = new MjData(_model);
            _sweep = sweep;
            if (_model.NKey > 0) _model.KeyQpos(0).CopyTo(_data.Qpos);
            else So101Home.CopyTo(_data.Qpos);
            var arm = new List<(int, double, double, double)>();
            for (int a = 0; a < _model.Nu; a++)
            {
                int j = _model.ActuatorJoint(a);
                // Joint-driven actuators hold their joint's keyframe position; the 2F-85's acts on a
                // tendon (its transmission id is not a joint) and stays open at 0.
                if (_model.Name(MjObject.Actuator, a) == "fingers_actuator") continue;
                double q = _data.Qpos[_model.JointQposAdr(j)];
                _data.Ctrl[a] = q;
                var (lo, hi) = _model.ActuatorCtrlRange(a);
                if (!_model.Name(MjObject.Actuator, a)!.Contains("gripper")) arm.Add((a, q, lo, hi));
            }
            _arm = [.. arm];
            var roots = compensated.Select(r => _model.RequireId(MjObject.Body, r)).ToHashSet();
            for (int b = 1; b < _model.NBody; b++)
                for (int p = b; p > 0; p = _model.BodyParent(p))
                    if (roots.Contains(p)) { _data.XfrcApplied[6 * b + 2] = _model.BodyMass(b) * 9.81; break; }
            _data.Step(200); // settle
        }

        public int Contacts => _data.ContactCount;

        public double StepsPerSecond(double seconds)
        {
            var clock = Stopwatch.StartNew();
            long steps = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                if (_sweep)
                    foreach (var (act, home, lo, hi) in _arm)
                        _data.Ctrl[act] = Math.Clamp(home + 0.3 * Math.Sin(Math.PI * _data.Time + act), lo, hi);
                _data.Step(16);
                steps += 16;
            }
            return steps / clock.Elapsed.TotalSeconds;
        }

        public void Dispose()
        {
            _data.Dispose();
            _model.Dispose();
        }
    }
}
