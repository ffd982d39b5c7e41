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

/// <summary>Everything `harness real ROBOT eval` was asked to do.</summary>
public sealed record RealEvalRequest
{
    /// <summary>The robot and how it connects (an SO-101 on a serial port, a UR5e at an address).</summary>
    public required IRealRobotConnector Robot { get; init; }
    public required string Policy { get; init; }

    /// <summary>The scene of the simulated twin; null: the robot's default scene.</summary>
    public string? Scene { get; init; }
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
    public string? Gl { get; init; }
    public PolicyOptions? PolicyOptions { get; init; }
    public CameraSetOptions? CameraOptions { get; init; }
}

/// <summary>
/// The real evaluation, for every real robot: the scene package gives the simulated twin (spec,
/// schema, task, start pose, layout), the policy is refused before connecting if it needs what a
/// real robot cannot give, then the same <see cref="EvaluationRunner"/> and run files as simulation
/// drive the robot (<see cref="IRealRobotConnector"/>: an SO-101 follower, a UR5e + 2F-85) through
/// asynchronous inference, with loop timing, twin prediction error and whiskers per episode, and
/// optionally a LeRobot dataset of the real episodes.
/// </summary>
public static class RealEvalJob
{
    public static RunSummary Run(RealEvalRequest req, TextWriter log, CancellationToken cancel = default)
    {
        var scene = SceneEntry.Resolve(req.Scene ?? req.Robot.DefaultScene);
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
        IRealRobotEnv? follower = null;
        DatasetRecording? recording = null;
        bool runnerOwnsRobot = false;
        try
        {
            var policyOptions = (req.PolicyOptions ?? new PolicyOptions()) with { Cameras = sources.Count > 0 ? sources.Select(s => s.Name).ToArray() : req.PolicyOptions?.Cameras };
            policy = PolicyCatalog.Create(req.Policy, scene, policyOptions);
            var cameraSpecs = twin.Spec.Cameras.Where(c => sources.Any(s => s.Name == c.Name)).ToArray();
            // Before anything touches the arm: a policy that needs what a real robot cannot give is refused here.
            RealRobotFeatures.Require(policy, req.Robot.SpecFor(twin.Spec, cameraSpecs));

            if (req.AutoLabel) channel = OperatorChannelClient.Connect(req.Robot.OperatorLink, req.Robot.OperatorStartHint);
            IOperator op = channel is not null ? channel : ConsoleOperator.Standard();
            IOutcomeLabeler labeler = channel is not null ? new ChannelOutcomeLabeler(channel) : new ConsoleOutcomeLabeler(Console.In, Console.Out);
            if (sources.Count > 0)
            {
                cameras = CameraSet.Open(sources, twin.Spec.Cameras, twin.Spec.ControlHz, req.CameraOptions);
                foreach (var c in cameras.Specs) log.WriteLine($"camera {c.Name}: {cameras.MeasuredFps[c.Name]:0.#} frames/s at {c.Height}x{c.Width}");
            }

            var handed = cameras;
            cameras = null; // the robot owns them from here, also when connecting fails
            follower = req.Robot.Connect(new RealRobotSession(scene, twin, op, labeler, handed, req.DryRun, log, Path.Combine(req.OutDir, "resets")));
            var asyncPolicy = new AsyncChunkPolicy(policy, new AsyncInference(req.RequestAt, req.BlendSteps));
            policy = asyncPolicy; // disposing the wrapper disposes the policy

            var extra = new Dictionary<string, object>
            {
                ["real_robot"] = new Dictionary<string, object>(req.Robot.Describe())
                {
                    ["dry_run"] = req.DryRun,
                    ["labels"] = req.AutoLabel ? "virtual rig's physics (--auto-label sim)" : "operator",
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
        Other = new SortedDictionary<string, string>(req.Robot.Settings().ToDictionary(), StringComparer.Ordinal)
        {
            ["robot"] = "real",
            [RealLatencyOptions.RequestAtSetting] = req.RequestAt.ToString(CultureInfo.InvariantCulture),
            [RealLatencyOptions.BlendStepsSetting] = req.BlendSteps.ToString(CultureInfo.InvariantCulture),
            ["dry_run"] = req.DryRun ? "true" : "false",
        },
    };
}
