using System.Globalization;
using Harness.Core.Policies;
using Harness.Eval.Runs;
using Harness.Eval.Sweeps;
using Harness.Eval.Sweeps.Serving;
using Harness.Eval.Sweeps.Stopping;

namespace Harness.Cli.Composition;

/// <summary>Everything `harness sweep` was asked to do (Slurm options aside).</summary>
public sealed record SweepRequest(
    string Scene,
    string Checkpoints,
    int Episodes,
    int Seed,
    string OutDir,
    int Workers = 1,
    int? ActionsPerQuery = null,
    double? TemporalEnsemble = null,
    int? MaxSteps = null,
    ImageOptions? Images = null,
    string ImageSize = "480x640",
    string? Gl = null,
    PolicyOptions? PolicyOptions = null,
    string? Prompt = null,
    string? ServeCommand = null,
    TimeSpan? ServeTimeout = null,
    ShardSpec? Shard = null,
    AdaptiveOptions? Adaptive = null);

/// <summary>
/// The sweep behind the CLI: resolves checkpoints and the scene into sweep.json, and runs each
/// checkpoint through <see cref="EvalJob"/> (resuming its run directory), starting and stopping a
/// policy server per checkpoint when --serve-cmd is given.
/// </summary>
public sealed class SweepJob(SweepRequest req) : ICheckpointRunner
{
    public const string CheckpointListFile = "checkpoints.txt";

    public SweepManifest Manifest(IReadOnlyList<SweepCheckpoint>? checkpoints = null)
    {
        if (req.Episodes < 1) throw new ArgumentException($"--episodes must be at least 1; got {req.Episodes}.");
        var scene = SceneEntry.Resolve(req.Scene);
        if (req.ServeCommand is { } t) ServeTemplate.Parse(t);
        checkpoints ??= CheckpointSources.Resolve(req.Checkpoints, served: req.ServeCommand is not null);
        foreach (var c in checkpoints.Where(c => !c.Served)) PolicyCatalog.Validate(c.Spec, scene);
        req.Adaptive?.Validate(req.Episodes, checkpoints.Count);
        if (req.Adaptive is not null && req.Shard is not null)
            throw new ArgumentException("--until-separated decides after each round from every checkpoint's results, so it cannot be split with --shard or --slurm; run it unsharded.");
        return new SweepManifest
        {
            Scene = scene.Identity,
            Seed = req.Seed,
            Episodes = req.Episodes,
            Checkpoints = checkpoints,
            Settings = Settings(),
            ServeCommand = req.ServeCommand,
            Adaptive = req.Adaptive,
            Shard = req.Shard?.ToString(),
            HarnessVersion = EvalJob.HarnessVersion,
        };
    }

    /// <summary>The command-line options that change results, as sweep.json records them.</summary>
    private SortedDictionary<string, string> Settings()
    {
        var s = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var o = req.PolicyOptions ?? new PolicyOptions();
        void Put(string key, object? value) { if (value is not null) s[key] = Convert.ToString(value, CultureInfo.InvariantCulture)!; }
        Put("actions_per_query", req.ActionsPerQuery);
        Put("temporal_ensemble", req.TemporalEnsemble);
        Put("max_steps", req.MaxSteps);
        Put("image_size", req.ImageSize);
        Put("prompt", req.Prompt);
        Put("device", o.Device);
        Put("layout", o.Layout);
        Put("force", o.Force ? "true" : null);
        Put("cameras", o.Cameras is { Count: > 0 } c ? string.Join(",", c) : null);
        Put("map", o.FeatureMap is { Count: > 0 } m ? string.Join(",", m.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")) : null);
        return s;
    }

    public RunSummary Run(CheckpointRun run, CancellationToken cancel)
    {
        var c = run.Checkpoint;
        var eval = new EvalRequest(req.Scene, c.Spec, run.Episodes, req.Seed, run.RunDir, req.Workers, req.ActionsPerQuery, req.TemporalEnsemble,
            req.MaxSteps, Overwrite: false, req.Images, req.PolicyOptions, Prompt: req.Prompt, Resume: true, Only: run.Only);
        if (!c.Served) return EvalJob.Run(eval, run.OnEpisode, cancel, started: run.Started);

        var folder = c.Folder!;
        var log = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(run.RunDir))!, "logs", $"{c.Name}.server.log");
        using var server = PolicyServerProcess.Start(ServeTemplate.Parse(req.ServeCommand!), folder, log, req.ServeTimeout ?? TimeSpan.FromMinutes(5), cancel);
        var identity = new CheckpointIdentity(CheckpointIdentity.Package, folder, c.Sha256, c.TrainingStep, CheckpointFamily.Of(folder),
            new Dictionary<string, string> { ["served_by"] = req.ServeCommand! });
        return EvalJob.Run(eval with { Policy = $"openpi:{server.Endpoint}", Checkpoint = identity, PolicyLabel = $"served:{folder}" },
            run.OnEpisode, cancel, started: run.Started);
    }

    /// <summary>The harness executable that Slurm tasks run: $HARNESS_BIN, else the apphost next to this assembly.</summary>
    public static string HarnessBinary()
    {
        if (Environment.GetEnvironmentVariable("HARNESS_BIN") is { Length: > 0 } bin) return Path.GetFullPath(bin);
        var host = Path.Combine(Path.GetDirectoryName(typeof(SweepJob).Assembly.Location)!, "harness");
        if (File.Exists(host)) return host;
        throw new FileNotFoundException($"no harness executable next to {typeof(SweepJob).Assembly.Location}; set HARNESS_BIN to the harness binary the Slurm tasks should run.");
    }

    /// <summary>The arguments a shard task repeats (everything but --checkpoints, --shard, --out and the Slurm options).</summary>
    public IReadOnlyList<string> ShardArguments(string checkpointList)
    {
        var a = new List<string> { "sweep", "--scene", req.Scene, "--checkpoints", checkpointList, "--episodes", Inv(req.Episodes), "--seed", Inv(req.Seed),
            "--workers", Inv(req.Workers), "--image-size", req.ImageSize };
        if (req.Gl is { } gl) a.AddRange(["--gl", gl]);
        void Opt(string name, object? v) { if (v is not null) a.AddRange([name, Convert.ToString(v, CultureInfo.InvariantCulture)!]); }
        Opt("--actions-per-query", req.ActionsPerQuery);
        Opt("--temporal-ensemble", req.TemporalEnsemble);
        Opt("--max-steps", req.MaxSteps);
        Opt("--prompt", req.Prompt);
        Opt("--serve-cmd", req.ServeCommand);
        Opt("--serve-timeout", req.ServeTimeout?.TotalSeconds);
        var o = req.PolicyOptions ?? new PolicyOptions();
        Opt("--device", o.Device);
        Opt("--layout", o.Layout);
        Opt("--api-key", o.ApiKey);
        Opt("--cameras", o.Cameras is { Count: > 0 } cams ? string.Join(",", cams) : null);
        if (o.FeatureMap is { Count: > 0 } map) foreach (var (k, v) in map) a.AddRange(["--map", $"{k}={v}"]);
        if (o.Force) a.Add("--force");
        return a;
    }

    /// <summary>Writes the resolved checkpoints as a list file (what shard tasks read instead of re-expanding the pattern).</summary>
    public static void WriteCheckpointList(string path, IReadOnlyList<SweepCheckpoint> checkpoints)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllLines(path, ["# checkpoints of this sweep, in order (written by harness sweep)", .. checkpoints.Select(c => c.Served ? c.Folder! : c.Spec)]);
    }

    private static string Inv(int v) => v.ToString(CultureInfo.InvariantCulture);
}
