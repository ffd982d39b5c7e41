using Harness.Core.Hashing;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Native;
using Harness.Policies.Onnx.Preflight;

namespace Harness.Policies.Onnx;

/// <summary>
/// A local ONNX policy loaded from a policy package. It owns normalisation of observations and
/// de-normalisation of actions (with the package's stats.json), stacks the last n_obs_steps
/// observations when the model asks for a history (cleared by <see cref="Reset"/>), and checks
/// itself against the robot before the first episode (<see cref="Check"/>).
/// </summary>
public sealed class OnnxPolicy : IPolicy, ICheckpointInfo
{
    private readonly OnnxSession _session;
    private readonly IReadOnlyList<PolicyInputBinding> _bindings;
    private readonly FeatureNormalizer _actionNormalizer;
    private readonly Dictionary<string, Queue<Array>> _history = new(StringComparer.Ordinal);
    private long _inferTicks;

    private OnnxPolicy(PolicyPackage package, OnnxPolicyOptions options, OnnxSession session,
        IReadOnlyList<PolicyInputBinding> bindings, FeatureNormalizer actionNormalizer)
    {
        Package = package;
        Options = options;
        _session = session;
        _bindings = bindings;
        _actionNormalizer = actionNormalizer;
        Name = $"onnx:{package.Directory}";
        Inputs = new PolicyInputs(bindings.Select(b => b.EnvFeature).Distinct().ToList());
        var m = package.Manifest;
        Hint = new ExecutionHint(m.NActionSteps, m.TemporalEnsembleCoeff);
    }

    /// <summary>
    /// The package folder and the sha256 of its files; the training step and run from policy.json
    /// ("checkpoint.training_step", "checkpoint.run"), else from the folder's name (step_000500, ...).
    /// </summary>
    public CheckpointIdentity Identity => _identity ??= new CheckpointIdentity(
        CheckpointIdentity.Package,
        Package.Directory,
        ContentHash.OfFolder(Package.Directory),
        Package.Manifest.Checkpoint?.TrainingStep ?? CheckpointFamily.StepOf(Package.Directory),
        Package.Manifest.Checkpoint?.Run ?? CheckpointFamily.Of(Package.Directory),
        Package.Manifest.Checkpoint is { } c
            ? new Dictionary<string, string?> { ["name"] = c.Name, ["source"] = c.Source }.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!)
            : null);
    private CheckpointIdentity? _identity;

    public static OnnxPolicy Load(string packageDir, OnnxPolicyOptions? options = null)
    {
        options ??= OnnxPolicyOptions.Default;
        var package = PolicyPackage.Load(packageDir);
        var m = package.Manifest;
        var map = options.FeatureMap ?? new Dictionary<string, string>();
        var unknown = map.Keys.Where(k => m.Inputs.All(i => i.Feature != k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"--map renames {string.Join(", ", unknown)}, which the policy does not read; its features are: {string.Join(", ", m.Inputs.Select(i => i.Feature))}.");

        var session = OnnxSession.Load(package.ModelPath, options.Session);
        try
        {
            var problems = new List<string>();
            var bindings = new List<PolicyInputBinding>();
            foreach (var input in m.Inputs)
            {
                var info = session.Inputs.FirstOrDefault(i => i.Name == input.Tensor);
                if (info is null) { problems.Add($"policy.json feeds input '{input.Tensor}', which the model does not have"); continue; }
                if (info.ElementType != input.DType)
                    problems.Add($"policy.json declares '{input.Tensor}' as {input.DType.OnnxName()}, the model expects {info}");
                if (input.DType == TensorElementType.UInt8 && m.ModeFor(input.Feature) != NormalizationMode.Identity)
                    problems.Add($"'{input.Feature}' is a uint8 input, which is fed raw; it cannot also be normalised ({FeatureNormalizer.Name(m.ModeFor(input.Feature))})");
                bindings.Add(new PolicyInputBinding(input, map.TryGetValue(input.Feature, out var env) ? env : input.Feature,
                    FeatureNormalizer.Create(input.Feature, m.ModeFor(input.Feature), package.Stats.For(input.Feature)), info, m.NObsSteps));
            }
            foreach (var fed in session.Inputs.Where(i => m.Inputs.All(x => x.Tensor != i.Name)))
                problems.Add($"the model input {fed} is not declared in policy.json");
            var output = session.Outputs.FirstOrDefault(o => o.Name == m.Output.Tensor);
            if (output is null)
                problems.Add($"policy.json reads output '{m.Output.Tensor}'; the model's outputs are {string.Join(", ", session.Outputs)}");
            else if (output.Shape.Count != (m.Output.Form == OutputForm.Chunk ? 3 : 2))
                problems.Add($"policy.json declares output '{m.Output.Tensor}' as {(m.Output.Form == OutputForm.Chunk ? "[1,T,A]" : "[1,A]")}, the model reports {output}");
            if (problems.Count > 0)
                throw new InvalidDataException($"policy package '{package.Directory}' does not match its model: {string.Join("; ", problems)}. Fix policy.json (see src/Policies/Onnx/README.md).");

            var actionNorm = FeatureNormalizer.Create(m.Output.Feature, m.ModeFor(m.Output.Feature), package.Stats.For(m.Output.Feature));
            return new OnnxPolicy(package, options, session, bindings, actionNorm);
        }
        catch { session.Dispose(); throw; }
    }

    public string Name { get; }
    public PolicyInputs Inputs { get; }
    public ExecutionHint Hint { get; }
    public PolicyPackage Package { get; }
    public OnnxPolicyOptions Options { get; }
    public OnnxModelMetadata ModelMetadata => _session.Metadata;

    /// <summary>Pre-flight findings accepted because <see cref="OnnxPolicyOptions.Force"/> was set.</summary>
    public IReadOnlyList<PreflightFinding> Warnings { get; private set; } = [];

    /// <summary>Time spent in <see cref="Infer"/> and, within it, inside ORT's Run call (for overhead measurements).</summary>
    public TimeSpan InferTime => System.Diagnostics.Stopwatch.GetElapsedTime(0, _inferTicks);
    public TimeSpan NativeRunTime => _session.NativeRunTime;

    internal IReadOnlyList<PolicyInputBinding> Bindings => _bindings;
    internal FeatureNormalizer ActionNormalizer => _actionNormalizer;
    internal OnnxTensorInfo OutputTensor => _session.Outputs.First(o => o.Name == Package.Manifest.Output.Tensor);

    public void Reset() => _history.Clear();

    public ActionChunk Infer(Observation observation, string task)
    {
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var feeds = new Dictionary<string, OnnxTensor>(_bindings.Count, StringComparer.Ordinal);
        foreach (var b in _bindings) feeds[b.Spec.Tensor] = Feed(b, observation);
        var chunk = _session.Run(feeds, Package.Manifest.Output.Tensor, ToChunk);
        _inferTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t0;
        return chunk;
    }

    /// <summary>Runs every pre-flight check and returns what failed (empty = ready), without throwing.</summary>
    public IReadOnlyList<PreflightFinding> Preflight(RobotSpec spec) => PolicyPreflight.Run(this, spec);

    /// <summary>
    /// Pre-flight: refuses (<see cref="PreflightException"/> listing every failed check) unless
    /// <see cref="OnnxPolicyOptions.Force"/> is set, in which case the failures become <see cref="Warnings"/>.
    /// </summary>
    public void Check(RobotSpec spec)
    {
        var findings = Preflight(spec);
        if (findings.Count > 0 && !Options.Force) throw new PreflightException(Name, findings);
        Warnings = findings;
    }

    private OnnxTensor Feed(PolicyInputBinding b, Observation obs)
    {
        Array frame;
        int stateDim = 0, channels = 0;
        ImageSize size = new(0, 0);
        if (b.IsImage)
        {
            var img = obs.Image(b.EnvFeature);
            size = b.ImageSizeFor(img.Height, img.Width);
            channels = img.Channels;
            frame = b.Spec.DType == TensorElementType.UInt8
                ? ImagePreprocessor.ToBytes(img, size, b.Spec.Layout)
                : ImagePreprocessor.ToFloat(img, size, b.Spec.Layout, b.Spec.Range ?? ValueRange.Unit, b.Normalizer);
        }
        else
        {
            var v = obs.Vector(b.EnvFeature);
            stateDim = v.Length;
            if (!b.Normalizer.IsIdentity && b.Normalizer.Dim != v.Length)
                throw new InvalidDataException(
                    $"'{b.EnvFeature}' has {v.Length} values; the stats for '{b.Spec.Feature}' have {b.Normalizer.Dim}.");
            var f = new float[v.Length];
            for (int i = 0; i < v.Length; i++) f[i] = (float)b.Normalizer.Normalize(v[i], i);
            frame = f;
        }

        var shape = b.TensorShape(stateDim, size, channels);
        int n = b.NObsSteps;
        if (n == 1) return Tensor(b, frame, shape);

        // History: the first observation of an episode fills every slot (as LeRobot's queues do).
        if (!_history.TryGetValue(b.Spec.Tensor, out var queue))
        {
            queue = new Queue<Array>(n);
            for (int i = 0; i < n; i++) queue.Enqueue(frame);
            _history[b.Spec.Tensor] = queue;
        }
        else
        {
            queue.Enqueue(frame);
            while (queue.Count > n) queue.Dequeue();
        }
        var stacked = Array.CreateInstance(frame.GetType().GetElementType()!, frame.Length * n);
        int offset = 0;
        foreach (var f in queue) { Array.Copy(f, 0, stacked, offset, f.Length); offset += f.Length; }
        return Tensor(b, stacked, shape);
    }

    private static OnnxTensor Tensor(PolicyInputBinding b, Array data, long[] shape) => data switch
    {
        float[] f => OnnxTensor.FromFloats(f, shape),
        byte[] bytes => OnnxTensor.FromBytes(bytes, shape),
        _ => throw new InvalidOperationException($"unexpected frame type for '{b.Spec.Tensor}'."),
    };

    private ActionChunk ToChunk(ReadOnlySpan<float> values, ReadOnlySpan<long> s)
    {
        var form = Package.Manifest.Output.Form;
        bool ok = form == OutputForm.Chunk ? s.Length == 3 && s[0] == 1 : s.Length == 2 && s[0] == 1;
        if (!ok)
            throw new InvalidDataException(
                $"model output '{Package.Manifest.Output.Tensor}' has shape [{string.Join(",", s.ToArray())}]; policy.json declares {(form == OutputForm.Chunk ? "[1,T,A]" : "[1,A]")}.");
        int a = (int)s[^1], t = form == OutputForm.Chunk ? (int)s[1] : 1;
        if (!_actionNormalizer.IsIdentity && _actionNormalizer.Dim != a)
            throw new InvalidDataException($"model outputs {a} action values; the stats for '{_actionNormalizer.Feature}' have {_actionNormalizer.Dim}.");
        var rows = new double[t][];
        for (int i = 0; i < t; i++)
        {
            var row = new double[a];
            for (int j = 0; j < a; j++) row[j] = _actionNormalizer.Denormalize(values[i * a + j], j);
            rows[i] = row;
        }
        return new ActionChunk(rows);
    }

    public void Dispose() => _session.Dispose();
}
