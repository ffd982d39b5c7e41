using System.Diagnostics;
using System.Text.Json;
using Harness.Core.Robots;
using Harness.Policies.Native;
using Harness.Policies.Onnx;
using Harness.Policies.Onnx.Writer;
using Harness.Sim.Experts;
using Harness.Sim.Env;
using Harness.Sim.Scenes;

namespace Harness.Learning;

/// <summary>Settings of `harness distill`.</summary>
public sealed record DistillationOptions(
    int Demos,
    int Seed = 1000,
    int Hidden = 256,
    int Epochs = 60,
    double NoiseDeg = 1.0,
    int Horizon = 10,
    int ActionsPerQuery = 10,
    ulong TrainSeed = 7,
    int? CheckpointEvery = null);

/// <summary>What a distillation produced (also written as training.json in the package).</summary>
public sealed record DistillationReport(
    string Package, int Demos, int Samples, int Parameters, int Epochs, long OptimizerSteps,
    double FirstLoss, double FinalLoss, double RecordSeconds, double TrainSeconds);

/// <summary>
/// Behaviour cloning of the scripted expert into a state-based MLP: record demonstrations (with
/// small DART-style action noise, clean labels), fit the network on z-scored features, and write a
/// policy package (model.onnx + policy.json + stats.json) that the ONNX adapter runs.
/// </summary>
public static class Distiller
{
    public static readonly string[] InputFeatures = [FeatureNames.State, FeatureNames.EnvironmentState];

    public static DistillationReport Run(SceneDefinition scene, DistillationOptions o, string outDir, Action<string>? log = null)
    {
        if (o.Demos <= 0) throw new ArgumentException($"--episodes (number of demonstrations) must be at least 1; got {o.Demos}.");
        if (o.CheckpointEvery is <= 0) throw new ArgumentException($"--checkpoint-every must be a positive number of optimizer steps; got {o.CheckpointEvery}.");
        if (o.Hidden <= 0 || o.Epochs <= 0) throw new ArgumentException($"--hidden and --epochs must be positive; got {o.Hidden} and {o.Epochs}.");
        log ??= _ => { };
        var clock = Stopwatch.StartNew();
        DemonstrationSet set;
        double controlHz;
        using (var env = new MujocoEnv(scene))
        using (var teacher = scene.CreateExpert("scripted", o.Horizon))
        {
            controlHz = env.Spec.ControlHz;
            var sigma = Enumerable.Repeat(o.NoiseDeg, env.Spec.ActionDim - 1).Append(0.0).ToArray(); // no noise on the gripper
            var noisy = new ActionNoiseEnv(env, sigma, (ulong)o.Seed);
            set = new DemonstrationRecorder(noisy, teacher, InputFeatures, o.Horizon)
                .Record(o.Demos, o.Seed, (k, n) => { if (k == n || k % 10 == 0) log($"recorded {k}/{n} demonstrations"); });
        }
        double recordS = clock.Elapsed.TotalSeconds;
        log($"{set.Count} samples from {set.Episodes} demonstrations in {recordS:0.0} s");

        // Statistics per feature (LeRobot stats.json shape); actions per joint over all chunk rows.
        int a = set.ActionDim;
        var stateStats = FeatureStatistics.Of(set.Inputs, 0, set.InputSizes[0]);
        var envStats = FeatureStatistics.Of(set.Inputs, set.InputSizes[0], set.InputSizes[1]);
        var actionRows = set.Targets.SelectMany(t => Enumerable.Range(0, set.Horizon).Select(k => t[(k * a)..((k + 1) * a)])).ToArray();
        var actionStats = FeatureStatistics.Of(actionRows, 0, a);

        float[] NormIn(float[] v)
        {
            var r = new float[v.Length];
            for (int j = 0; j < v.Length; j++)
            {
                var (s, k) = j < set.InputSizes[0] ? (stateStats, j) : (envStats, j - set.InputSizes[0]);
                r[j] = (float)((v[j] - s.Mean[k]) / s.SafeStd(k));
            }
            return r;
        }
        float[] NormOut(float[] v) => v.Select((x, j) => (float)((x - actionStats.Mean[j % a]) / actionStats.SafeStd(j % a))).ToArray();
        var x = set.Inputs.Select(NormIn).ToList();
        var y = set.Targets.Select(NormOut).ToList();

        clock.Restart();
        var net = new Mlp([set.InputDim, o.Hidden, o.Hidden, set.Horizon * a], o.TrainSeed);
        var training = new TrainingOptions(Epochs: o.Epochs, Seed: o.TrainSeed);
        string name = Path.GetFileName(Path.GetFullPath(outDir).TrimEnd('/'));
        var stats = new PolicyStats(new Dictionary<string, FeatureStats>
        {
            [FeatureNames.State] = ToStats(stateStats),
            [FeatureNames.EnvironmentState] = ToStats(envStats),
            [FeatureNames.Action] = ToStats(actionStats),
        });
        string source = $"harness distill: {set.Episodes} scripted demonstrations of {scene.Name}";
        var spread = ActionStateSpread(set);
        void WritePackage(string dir, string packageName, long step, string? run)
        {
            PolicyPackageWriter.Write(dir, OnnxModelWriter.Serialize(ExportModel(net, set.InputSizes[0], set.InputSizes[1], set.Horizon, set.ActionDim, packageName)),
                Manifest(o, new CheckpointInfo(packageName, step, source, run), controlHz, spread), stats);
            Reference(set, net, stateStats, envStats, actionStats).Save(Path.Combine(dir, PolicyReference.FileName));
        }

        long steps = (long)o.Epochs * ((set.Count + training.BatchSize - 1) / training.BatchSize);
        var saved = new List<long>();
        // Intermediate checkpoints of this one training run (LeRobot's save_freq): OUT/step_000500/, ...
        void SaveStep(long step)
        {
            if (o.CheckpointEvery is not { } every || (step % every != 0 && step != steps)) return;
            string folder = $"step_{step:D6}";
            WritePackage(Path.Combine(outDir, folder), folder, step, name);
            saved.Add(step);
        }
        var losses = MlpTrainer.Train(net, x, y, training, (e, loss) => { if ((e + 1) % 10 == 0 || e == 0) log($"epoch {e + 1}/{o.Epochs}: loss {loss:0.0000}"); }, SaveStep);
        double trainS = clock.Elapsed.TotalSeconds;
        if (saved.Count > 0) log($"saved {saved.Count} intermediate checkpoints (steps {string.Join(", ", saved)}) under {outDir}/step_*");
        WritePackage(outDir, name, steps, saved.Count > 0 ? name : null);

        var report = new DistillationReport(name, set.Episodes, set.Count, net.ParameterCount, o.Epochs, steps, losses[0], losses[^1], recordS, trainS);
        File.WriteAllText(Path.Combine(outDir, "training.json"), JsonSerializer.Serialize(new { options = o, report, losses }, new JsonSerializerOptions { WriteIndented = true }));
        return report;
    }

    private static PolicyManifest Manifest(DistillationOptions o, CheckpointInfo checkpoint, double controlHz, double[] actionStateSpread) => new(
        [new PolicyInput("state", FeatureNames.State, InputKind.State), new PolicyInput("environment_state", FeatureNames.EnvironmentState, InputKind.State)],
        new PolicyOutput("actions", OutputForm.Chunk),
        new Dictionary<string, NormalizationMode>
        {
            [FeatureNames.State] = NormalizationMode.MeanStd,
            [FeatureNames.EnvironmentState] = NormalizationMode.MeanStd,
            [FeatureNames.Action] = NormalizationMode.MeanStd,
        },
        NActionSteps: o.ActionsPerQuery,
        Checkpoint: checkpoint,
        Fps: controlHz,
        ActionStateSpread: actionStateSpread);

    /// <summary>The network as ONNX: two inputs concatenated, Gemm (+Relu) layers, output reshaped to [batch, T, A].</summary>
    public static OnnxModel ExportModel(Mlp net, int stateDim, int envDim, int horizon, int actionDim, string name)
    {
        if (net.Sizes[0] != stateDim + envDim || net.Sizes[^1] != horizon * actionDim)
            throw new ArgumentException($"network {string.Join("-", net.Sizes)} does not map {stateDim}+{envDim} inputs to {horizon}x{actionDim} actions.");
        var g = new OnnxGraphBuilder(name);
        string s = g.Input("state", TensorElementType.Float32, "batch", stateDim);
        string e = g.Input("environment_state", TensorElementType.Float32, "batch", envDim);
        string h = g.Concat(1, [s, e]);
        for (int l = 0; l < net.Layers; l++)
        {
            // Our weights are [out, in]: Gemm with transB takes them as they are.
            h = g.Gemm(h, g.Constant($"w{l}", net.Weights[l], net.Sizes[l + 1], net.Sizes[l]), g.Constant($"b{l}", net.Biases[l], net.Sizes[l + 1]), transB: true);
            if (l < net.Layers - 1) h = g.Relu(h);
        }
        g.Reshape(h, [0, horizon, actionDim], output: "actions");
        g.Output("actions", TensorElementType.Float32, "batch", horizon, actionDim);
        return g.BuildModel(new Dictionary<string, string> { ["harness.policy"] = name, ["harness.inputs"] = string.Join(",", InputFeatures) });
    }

    /// <summary>Per joint, the largest distance between the first action of a training chunk and the state it was recorded at.</summary>
    private static double[] ActionStateSpread(DemonstrationSet set)
    {
        var spread = new double[set.ActionDim];
        foreach (var (input, target) in set.Inputs.Zip(set.Targets))
            for (int j = 0; j < spread.Length; j++) spread[j] = Math.Max(spread[j], Math.Abs(target[j] - input[j]));
        return spread;
    }

    /// <summary>
    /// The reference pair: the first recorded observation (a reset state) and the chunk the trained
    /// network gives for it, computed here in the training code and de-normalised with the
    /// statistics, so the package's ONNX pipeline must reproduce it.
    /// </summary>
    private static PolicyReference Reference(DemonstrationSet set, Mlp net, FeatureStatistics state, FeatureStatistics env, FeatureStatistics action)
    {
        var raw = set.Inputs[0];
        int ns = set.InputSizes[0], a = set.ActionDim;
        var x = raw.Select((v, j) => j < ns ? (float)((v - state.Mean[j]) / state.SafeStd(j)) : (float)((v - env.Mean[j - ns]) / env.SafeStd(j - ns))).ToArray();
        var y = net.Predict(x);
        var chunk = Enumerable.Range(0, set.Horizon)
            .Select(t => Enumerable.Range(0, a).Select(j => y[t * a + j] * action.SafeStd(j) + action.Mean[j]).ToArray()).ToList();
        var observation = new Observation(0, 0, new Dictionary<string, double[]>
        {
            [FeatureNames.State] = raw[..ns].Select(v => (double)v).ToArray(),
            [FeatureNames.EnvironmentState] = raw[ns..].Select(v => (double)v).ToArray(),
        }, new Dictionary<string, CameraImage>());
        return new PolicyReference(observation, chunk);
    }

    // Std is written floored: it is the scale the adapter divides by, so constant features stay finite.
    private static FeatureStats ToStats(FeatureStatistics s) => new(
        s.Min, s.Max, s.Mean, Enumerable.Range(0, s.Std.Length).Select(s.SafeStd).ToArray(), s.Q01, s.Q99, s.Count);
}
