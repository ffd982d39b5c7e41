using System.Globalization;
using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Datasets.Recording;
using Harness.Eval.Evaluation;
using Harness.Cli.Commands;
using Harness.Cli.Output;
using Harness.Eval.Runs;
using Harness.Robots.Feetech;
using Harness.Robots.Cameras;
using Harness.Robots.Features;
using Harness.Robots.Operators;
using Harness.Robots.RealTime;
using Harness.Robots.So101;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Harness.Twin.Hardware;

namespace Harness.Cli.Composition;

/// <summary>Everything `harness real so101 eval` was asked to do.</summary>
public sealed record RealEvalRequest
{
    public required string Port { get; init; }
    public required string CalibrationPath { get; init; }
    public required string Policy { get; init; }
    public string Scene { get; init; } = Harness.Sim.Scenes.SceneCatalog.Default;
    public int Episodes { get; init; } = 10;
    public int Seed { get; init; }
    public required string OutDir { get; init; }
    public bool DryRun { get; init; }
    public bool AutoLabel { get; init; }
    public string? Record { get; init; }
    public string? RecordFormat { get; init; }
    public IReadOnlyList<string> Cameras { get; init; } = [];
    public string? ImageSize { get; init; }
    public int? MaxSteps { get; init; }
    public bool Overwrite { get; init; }
    public string? Prompt { get; init; }
    public double RequestAt { get; init; } = 0.5;
    public int BlendSteps { get; init; }
    public string? RestPose { get; init; }
    public double? MaxRelativeTarget { get; init; }
    public string? Gl { get; init; }
    public PolicyOptions? PolicyOptions { get; init; }
    public So101Safety? Safety { get; init; }
    public CameraSetOptions? CameraOptions { get; init; }
    public FeetechBusOptions Bus { get; init; } = FeetechBusOptions.Default;
}

/// <summary>
/// The real SO-101 evaluation: the scene package gives the simulated twin (spec, schema, task,
/// start pose, layout), the policy is refused before connecting if it needs what a real robot
/// cannot give, then the same <see cref="EvaluationRunner"/> and run files as simulation drive a
/// <see cref="So101Follower"/> through asynchronous inference, with loop timing, twin prediction
/// error and whiskers per episode, and optionally a LeRobot dataset of the real episodes.
/// </summary>
public static class RealEvalJob
{
    /// <summary>
    /// Where the arm is sent before torque goes off, unless --rest-pose says otherwise: folded
    /// down (upper arm back, forearm and wrist folded, gripper closed), in LeRobot units. The rest
    /// pose used is where the simulated twin comes to rest when driven there (limits, table, its own links).
    /// </summary>
    public static readonly IReadOnlyList<double> FoldedRestPose = [0, -100, 100, 75, 0, 0];

    public static RunSummary Run(RealEvalRequest req, TextWriter log, CancellationToken cancel = default)
    {
        var scene = SceneEntry.Resolve(req.Scene);
        PolicyCatalog.Validate(req.Policy, scene);
        if (req.Prompt is { } p && string.IsNullOrWhiteSpace(p))
            throw new ArgumentException("--prompt is empty; give the task text, or leave --prompt out to use the scene's.");
        var sources = CameraSource.ParseAll(req.Cameras);
        var plan = new EvaluationPlan(req.Episodes, req.Seed, 1, null, req.MaxSteps, req.Prompt);
        plan.Validate();
        var (h, w) = req.ImageSize is { } size ? ImageOptions.ParseSize(size) : (default(int?), default(int?));

        var twin = new MujocoTwin(scene.Definition, new MujocoEnvOptions(h, w, CameraRenderer.Factory(GlBackends.Resolve(req.Gl)), req.MaxSteps));
        IPolicy? policy = null;
        OperatorChannelClient? channel = null;
        CameraSet? cameras = null;
        So101Follower? follower = null;
        DatasetRecording? recording = null;
        bool runnerOwnsRobot = false;
        try
        {
            var policyOptions = (req.PolicyOptions ?? new PolicyOptions()) with { Cameras = sources.Count > 0 ? sources.Select(s => s.Name).ToArray() : req.PolicyOptions?.Cameras };
            policy = PolicyCatalog.Create(req.Policy, scene, policyOptions);
            var cameraSpecs = twin.Spec.Cameras.Where(c => sources.Any(s => s.Name == c.Name)).ToArray();
            // Before anything touches the arm: a policy that needs what a real robot cannot give is refused here.
            RealRobotFeatures.Require(policy, So101Follower.SpecFor(twin.Spec, So101Motors.Follower(), cameraSpecs));
            var calibration = CalibrationFile.Load(req.CalibrationPath);
            var rest = RestPose(req.RestPose, twin);

            if (req.AutoLabel) channel = OperatorChannelClient.Connect(req.Port);
            IOperator op = channel is not null ? channel : ConsoleOperator.Standard();
            IOutcomeLabeler labeler = channel is not null ? new ChannelOutcomeLabeler(channel) : new ConsoleOutcomeLabeler(Console.In, Console.Out);
            if (sources.Count > 0)
            {
                cameras = CameraSet.Open(sources, twin.Spec.Cameras, twin.Spec.ControlHz, req.CameraOptions);
                foreach (var c in cameras.Specs) log.WriteLine($"camera {c.Name}: {cameras.MeasuredFps[c.Name]:0.#} frames/s at {c.Height}x{c.Width}");
            }

            follower = So101Follower.Connect(new So101FollowerOptions
            {
                Port = req.Port,
                Calibration = calibration,
                TwinSpec = twin.Spec,
                Schema = twin.Env.Schema,
                TaskText = twin.Env.TaskText,
                StartPose = scene.Definition.HomePose,
                RestPose = rest,
                Operator = op,
                Labeler = labeler,
                DryRun = req.DryRun,
                Safety = (req.Safety ?? So101Safety.Default) with { MaxRelativeTarget = req.MaxRelativeTarget is { } m ? [m] : req.Safety?.MaxRelativeTarget },
                Cameras = cameras,
                Twin = twin,
                ResetGuide = new SceneResetGuide(twin),
                ResetImageDirectory = Path.Combine(req.OutDir, "resets"),
                Log = log,
                Bus = req.Bus,
            });
            cameras = null; // the follower owns them now
            var asyncPolicy = new AsyncChunkPolicy(policy, new AsyncInference(req.RequestAt, req.BlendSteps));
            policy = asyncPolicy; // disposing the wrapper disposes the policy

            var extra = new Dictionary<string, object>
            {
                ["real_robot"] = new Dictionary<string, object>
                {
                    ["robot"] = "so101_follower", ["port"] = req.Port, ["calibration"] = Path.GetFullPath(req.CalibrationPath), ["dry_run"] = req.DryRun,
                    ["labels"] = req.AutoLabel ? "sim-bus physics (--auto-label sim)" : "operator",
                    ["cameras"] = sources.ToDictionary(s => s.Name, s => s.Location),
                },
            };
            var observers = new List<IEpisodeObserver>
            {
                new LoopTimingObserver(follower.Pacer),
                new AsyncInferenceObserver(asyncPolicy, extra),
                new TwinObserver(twin, req.Policy, Path.Combine(req.OutDir, "whiskers"), extra),
            };
            if (!string.IsNullOrWhiteSpace(req.Record))
            {
                var recorded = follower.Spec.Cameras.Select(c => c.Name).ToArray();
                // Every observation, the first included, carries the recorded cameras' frames.
                follower.RequestCameras(recorded);
                recording = new DatasetRecording(new RecordingOptions(req.Record, false, RecordingOptions.ParseFormat(req.RecordFormat), recorded, req.Overwrite));
                observers.Add(new EpisodeRecorder(recording, recorded));
            }

            var header = new RunSummary
            {
                Scene = scene.Name,
                SceneIdentity = scene.Identity,
                Task = req.Prompt ?? follower.TaskText,
                Robot = follower.Spec,
                Policy = req.Policy,
                Checkpoint = asyncPolicy.Identity,
                Settings = Settings(req, asyncPolicy, policyOptions, cameraSpecs, follower.Spec),
                Seed = req.Seed,
                EpisodesRequested = req.Episodes,
                Workers = 1,
                HarnessVersion = EvalJob.HarnessVersion,
                MujocoVersion = MujocoLibrary.Version,
                StartedAt = DateTimeOffset.UtcNow,
                Extra = extra,
            };
            var columns = observers.OfType<IEpisodeMetricsObserver>().SelectMany(o => o.Columns).ToArray();
            var writer = RunDirectoryWriter.Create(req.OutDir, header, follower.Schema, columns, req.Overwrite);
            RunSummary summary;
            try
            {
                // The runner's worker owns the follower and the policy from here: it disposes them
                // (rest pose, torque off) on every exit, Ctrl-C and faults included.
                var setup = new WorkerSetup(follower, asyncPolicy, observers);
                var runner = new EvaluationRunner(_ => setup);
                runner.EpisodeFinished += r => log.WriteLine($"episode {r.Episode} (seed {r.Seed}): {r.Outcome.Label} after {r.StepCount} steps{(r.Error is { } e ? $": {e}" : "")}");
                runner.PreflightFinished += r => PreflightNotices.Print(r);
                runnerOwnsRobot = true;
                summary = runner.Run(plan, writer, cancel);
            }
            catch (EvaluationAbortedException)
            {
                writer.Abandon();
                throw;
            }
            finally { writer.Dispose(); }
            if (recording?.Complete() is { } root) log.WriteLine($"recorded {recording.Kept} real episode(s) as a LeRobot dataset: {root}");
            return summary;
        }
        finally
        {
            if (!runnerOwnsRobot)
            {
                follower?.Dispose();
                policy?.Dispose();
            }
            cameras?.Dispose();
            recording?.Dispose();
            channel?.Dispose();
            twin.Dispose();
        }
    }

    /// <summary>Every setting that can change results, for run.json.</summary>
    private static RunSettings Settings(RealEvalRequest req, AsyncChunkPolicy policy, PolicyOptions o, IReadOnlyList<CameraSpec> cameras, RobotSpec spec) => new()
    {
        ActionsPerQuery = 1,
        MaxSteps = req.MaxSteps ?? spec.MaxEpisodeSteps,
        ImageSize = cameras.Count > 0 ? [cameras[0].Height, cameras[0].Width] : null,
        Cameras = policy.Inputs.Cameras.Any() ? policy.Inputs.Cameras.ToList() : null,
        FeatureMap = o.FeatureMap is { Count: > 0 } map ? new SortedDictionary<string, string>(map.ToDictionary(), StringComparer.Ordinal) : null,
        Force = o.Force,
        Prompt = req.Prompt,
        Device = req.Policy.StartsWith("onnx:", StringComparison.Ordinal) ? (o.Device ?? "cpu") : null,
        Layout = req.Policy.StartsWith("openpi:", StringComparison.Ordinal) ? (o.Layout ?? "lerobot") : null,
        Other = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["robot"] = "real",
            [RealLatencyOptions.RequestAtSetting] = req.RequestAt.ToString(CultureInfo.InvariantCulture),
            [RealLatencyOptions.BlendStepsSetting] = req.BlendSteps.ToString(CultureInfo.InvariantCulture),
            ["dry_run"] = req.DryRun ? "true" : "false",
            ["max_relative_target"] = req.MaxRelativeTarget?.ToString(CultureInfo.InvariantCulture) ?? "none",
        },
    };

    private static IReadOnlyList<double> RestPose(string? text, MujocoTwin twin)
    {
        var spec = twin.Spec;
        if (text is null) return spec.ClampAction(twin.Settle(FoldedRestPose).Select(v => Math.Round(v, 1)).ToArray());
        var values = text.Split(',', StringSplitOptions.TrimEntries).Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : double.NaN).ToArray();
        if (values.Length != spec.Joints.Count || values.Any(double.IsNaN))
            throw new ArgumentException($"--rest-pose needs {spec.Joints.Count} numbers ({string.Join(", ", spec.Joints.Select(j => j.Key))}); got '{text}'.");
        return values;
    }
}
