using Harness.Core.Actions;
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
public sealed class OnnxPolicy : IPolicy, ICheckpointInfo, IPolicyConventions
{
    private readonly OnnxSession _session;
    private readonly BoundRun _run;
    private readonly IReadOnlyList<PolicyInputBinding> _bindings;
    private readonly FeatureNormalizer _actionNormalizer;
    private readonly FloatTensorReader<ActionChunk> _toChunk;
    // Per input with a history: the buffer holding this episode's frames (cleared by Reset; a
    // re-allocated buffer, after a shape change, starts the history again).
    private readonly Dictionary<string, Array> _history = new(StringComparer.Ordinal);
    private long _inferTicks;

    private OnnxPolicy(PolicyPackage package, OnnxPolicyOptions options, OnnxSession session,
        IReadOnlyList<PolicyInputBinding> bindings, FeatureNormalizer actionNormalizer)
    {
        Package = package;
        Options = options;
        _session = session;
        _run = session.Bind(package.Manifest.Output.Tensor);
        _toChunk = ToChunk;
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

    /// <summary>policy.json's action_space (null: the robot's absolute joints).</summary>
    public ActionRepresentation? ActionSpace => Package.Manifest.ActionSpace;

    /// <summary>policy.json's units per state/action element.</summary>
    public IReadOnlyDictionary<string, UnitDeclaration> Units => Package.Manifest.Units ?? new Dictionary<string, UnitDeclaration>();
    public OnnxPolicyOptions Options { get; }
    public OnnxModelMetadata ModelMetadata => _session.Metadata;

    /// <summary>Findings of the last pre-flight: warnings, and failures accepted because <see cref="OnnxPolicyOptions.Force"/> was set.</summary>
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
        foreach (var b in _bindings) Feed(b, observation);
        var chunk = _run.Run(_toChunk);
        _inferTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t0;
        return chunk;
    }

    /// <summary>Pre-flight against the robot alone (synthetic probes): what failed (empty = ready), without throwing.</summary>
    /// <summary>Per joint, how far the first action of a chunk may lie from the measured joints at a reset state (null: nothing to derive it from).</summary>
    public double?[] FirstActionTolerances(RobotSpec spec) => FirstActionCheck.Tolerances(this, spec);

    public IReadOnlyList<PreflightFinding> Preflight(RobotSpec spec)
    {
        PolicyPreflight.Run(this, PreflightContext.SpecOnly(spec), out var findings);
        return findings.Where(f => !f.Warning).ToList();
    }

    /// <summary>Every pre-flight check against the robot and the scene's real observations; <see cref="Warnings"/> keeps what a forced run accepted.</summary>
    public PreflightReport Preflight(PreflightContext context)
    {
        var report = PolicyPreflight.Run(this, context, out var findings);
        Warnings = findings;
        return report;
    }

    /// <summary>
    /// Pre-flight against the robot alone: refuses (<see cref="PreflightException"/> listing every
    /// failed check) unless <see cref="OnnxPolicyOptions.Force"/> is set, in which case the
    /// failures become <see cref="Warnings"/>.
    /// </summary>
    public void Check(RobotSpec spec)
    {
        var report = PolicyPreflight.Run(this, PreflightContext.SpecOnly(spec), out var findings);
        if (report.Refused) throw new PreflightException(report, findings.Where(f => !f.Warning).ToList());
        Warnings = findings;
    }

    /// <summary>
    /// Writes one observation into the model input's pre-allocated tensor. With a history
    /// (n_obs_steps > 1) the newest frame goes into the last slot after shifting the others one
    /// slot towards the oldest; the first frame of an episode fills every slot (as LeRobot's queues do).
    /// </summary>
    private void Feed(PolicyInputBinding b, Observation obs)
    {
        int n = b.NObsSteps;
        if (b.IsImage)
        {
            var img = obs.Image(b.EnvFeature);
            var size = b.ImageSizeFor(img.Height, img.Width);
            var shape = b.TensorShape(0, size, img.Channels);
            if (b.Spec.DType == TensorElementType.UInt8)
            {
                var buffer = _run.ByteInput(b.Spec.Tensor, shape);
                int frame = buffer.Length / n;
                ImagePreprocessor.ToBytes(img, size, b.Spec.Layout, Slide(b, buffer, frame));
                FillHistory(b, buffer, frame);
            }
            else
            {
                var buffer = _run.FloatInput(b.Spec.Tensor, shape);
                int frame = buffer.Length / n;
                ImagePreprocessor.ToFloat(img, size, b.Spec.Layout, b.Spec.Range ?? ValueRange.Unit, b.Normalizer, Slide(b, buffer, frame));
                FillHistory(b, buffer, frame);
            }
            return;
        }

        var v = obs.Vector(b.EnvFeature);
        if (!b.Normalizer.IsIdentity && b.Normalizer.Dim != v.Length)
            throw new InvalidDataException(
                $"'{b.EnvFeature}' has {v.Length} values; the stats for '{b.Spec.Feature}' have {b.Normalizer.Dim}.");
        var state = _run.FloatInput(b.Spec.Tensor, b.TensorShape(v.Length, new ImageSize(0, 0), 0));
        var slot = Slide(b, state, v.Length);
        for (int i = 0; i < v.Length; i++) slot[i] = (float)b.Normalizer.Normalize(v[i], i);
        FillHistory(b, state, v.Length);
    }

    /// <summary>The slot for the newest frame: the last one, after moving the history one slot back.</summary>
    private Span<T> Slide<T>(PolicyInputBinding b, T[] buffer, int frame)
    {
        if (b.NObsSteps > 1 && _history.TryGetValue(b.Spec.Tensor, out var held) && ReferenceEquals(held, buffer))
            Array.Copy(buffer, frame, buffer, 0, buffer.Length - frame);
        return buffer.AsSpan(buffer.Length - frame, frame);
    }

    /// <summary>At an episode's first observation, copies the newest frame into every older slot.</summary>
    private void FillHistory<T>(PolicyInputBinding b, T[] buffer, int frame)
    {
        if (b.NObsSteps == 1 || (_history.TryGetValue(b.Spec.Tensor, out var held) && ReferenceEquals(held, buffer))) return;
        _history[b.Spec.Tensor] = buffer;
        var newest = buffer.AsSpan(buffer.Length - frame, frame);
        for (int i = 0; i < b.NObsSteps - 1; i++) newest.CopyTo(buffer.AsSpan(i * frame, frame));
    }

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

    public void Dispose()
    {
        _run.Dispose();
        _session.Dispose();
    }
}
