using System.Globalization;
using Harness.Eval.Robustness;
using Harness.Eval.Runs;
using Harness.Media.Images;
using Harness.Sim.Native;
using Harness.Sim.Perturbations;
using Harness.Sim.Rendering;

namespace Harness.Cli.Composition;

/// <summary>Everything `harness robustness` was asked to do.</summary>
public sealed record RobustnessRequest(
    string Scene,
    IReadOnlyList<string> Policies,
    IReadOnlyList<string> Axes,
    int Levels,
    int Episodes,
    int Seed,
    string OutDir,
    int Workers = 1,
    bool Overwrite = false,
    bool Stills = true,
    ImageOptions? Images = null,
    PolicyOptions? PolicyOptions = null,
    string? Gl = null,
    int StillHeight = 270,
    int StillWidth = 360);

/// <summary>
/// A robustness sweep: for every checkpoint, axis and level one run directory
/// (OUT/runs/CHECKPOINT/AXIS/level_K, an ordinary `harness eval` run of a <see cref="PerturbedEnv"/>),
/// stills of every level, robustness.json, and the report. Complete runs made with the same
/// settings are reused, so a sweep can be extended with more checkpoints or axes, or finished
/// after an interruption, without running anything twice.
/// </summary>
public static class RobustnessJob
{
    public const string StillsFolder = "stills";

    public static IReadOnlyList<string> Run(RobustnessRequest req, Func<EvalRequest, RunSummary> runEval, Action<string> log)
    {
        var scene = SceneEntry.Resolve(req.Scene);
        var def = scene.Definition;
        if (req.Policies.Count == 0) throw new ArgumentException("give at least one --policy (or --checkpoints FILE).");
        if (req.Episodes < 1) throw new ArgumentException($"--episodes must be at least 1; got {req.Episodes}.");
        PerturbationRange.CheckLevel(0, req.Levels);
        foreach (var p in req.Policies) PolicyCatalog.Validate(p, scene);
        var axes = (req.Axes.Count == 1 && req.Axes[0] == "all" ? def.Perturbations.Select(a => a.Name).ToList() : req.Axes)
            .Select(def.Perturbation).ToList();
        if (axes.Count == 0) throw new ArgumentException($"scene '{def.Name}' declares no perturbation axes; add a perturbations: section to its scene.yaml.");
        var labels = CheckpointLabels.For(req.Policies);
        string outDir = Path.GetFullPath(req.OutDir);

        var plan = Merge(Existing(outDir, scene, req), new RobustnessPlan
        {
            Scene = def.Name,
            SceneIdentity = scene.Identity,
            Seed = req.Seed,
            Episodes = req.Episodes,
            Levels = req.Levels,
            Checkpoints = labels.Zip(req.Policies, (l, p) => new CheckpointPlan(l, p)).ToList(),
            Axes = axes.Select(a => AxisPlan(a, req.Levels)).ToList(),
        });
        plan.Write(outDir);

        int total = labels.Count * axes.Count * req.Levels, done = 0;
        for (int c = 0; c < labels.Count; c++)
            foreach (var axis in axes)
                for (int level = 0; level < req.Levels; level++)
                {
                    done++;
                    string dir = Path.Combine(outDir, RobustnessPlan.RunPath(labels[c], axis.Name, level));
                    var settings = Settings(axis, level, req.Levels);
                    string what = $"[{done}/{total}] {labels[c]} · {axis.Name} level {level} ({string.Join(" / ", axis.DescribeLevel(level, req.Levels))})";
                    if (Reusable(dir, req.Policies[c], req, scene, settings)) { log($"{what}: reused the complete run in {dir}"); continue; }
                    log(what);
                    var a = axis; int k = level;
                    var summary = runEval(new EvalRequest(req.Scene, req.Policies[c], req.Episodes, req.Seed, dir, req.Workers,
                        Overwrite: req.Overwrite, Images: req.Images, PolicyOptions: req.PolicyOptions,
                        Observers: (_, _) => [new PerturbationRecorder(a)], ExtraColumns: a.Columns,
                        WrapEnv: env => new PerturbedEnv(env, a, k, req.Levels), OtherSettings: settings));
                    log($"    {summary.Successes}/{summary.Episodes} successes{(summary.Complete ? "" : " (incomplete)")}");
                }

        if (req.Stills) plan = plan with { Stills = RenderStills(def, axes, req, outDir, log, plan.Stills) };
        plan.Write(outDir);
        return RobustnessReportWriter.Write(outDir, DateTimeOffset.UtcNow, EvalJob.HarnessVersion);
    }

    /// <summary>What run.json records about the perturbation (settings.other), so runs of different levels never pair silently.</summary>
    public static IReadOnlyDictionary<string, string> Settings(PerturbationAxis axis, int level, int levels)
    {
        string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["perturbation.axis"] = axis.Name,
            ["perturbation.kind"] = axis.Kind,
            ["perturbation.level"] = level.ToString(CultureInfo.InvariantCulture),
            ["perturbation.levels"] = levels.ToString(CultureInfo.InvariantCulture),
            ["perturbation.nominal"] = N(axis.Range.Nominal),
            ["perturbation.range"] = $"{N(axis.Range.Low)}..{N(axis.Range.High)}",
            ["perturbation.unit"] = axis.Range.Unit,
            ["perturbation.values"] = string.Join(";", axis.Range.ValuesAt(level, levels).Select(N)),
            ["perturbation.applied"] = string.Join(" / ", axis.DescribeLevel(level, levels)),
        };
    }

    public static AxisPlan AxisPlan(PerturbationAxis a, int levels) => new(
        a.Name, a.Kind, a.Description, a.Range.Unit, a.Range.Nominal, a.Range.Low, a.Range.High,
        a.Effect.Still switch { StillMoment.InitialState => "initial_state", StillMoment.Event => "event", _ => "none" },
        Enumerable.Range(0, levels).Select(k => new LevelPlan(k, a.Range.ValuesAt(k, levels), string.Join(" / ", a.DescribeLevel(k, levels)))).ToList());

    // A folder that already holds a sweep: it must be the same experiment (scene files, seed, episodes, levels).
    private static RobustnessPlan? Existing(string outDir, SceneEntry scene, RobustnessRequest req)
    {
        if (!File.Exists(Path.Combine(outDir, RobustnessPlan.FileName))) return null;
        var old = RobustnessPlan.Read(outDir);
        var diffs = new List<string>();
        if (old.SceneIdentity?.Sha256 != scene.Identity.Sha256) diffs.Add($"scene files (sha256 {old.SceneIdentity?.Sha256[..12]} vs {scene.Identity.Sha256[..12]})");
        if (old.Seed != req.Seed) diffs.Add($"seed ({old.Seed} vs {req.Seed})");
        if (old.Episodes != req.Episodes) diffs.Add($"episodes ({old.Episodes} vs {req.Episodes})");
        if (old.Levels != req.Levels) diffs.Add($"levels ({old.Levels} vs {req.Levels})");
        if (diffs.Count == 0) return old;
        if (!req.Overwrite)
            throw new ArgumentException($"'{outDir}' holds a robustness sweep with other settings: {string.Join(", ", diffs)}. " +
                                        "Use another --out, the same settings to extend it, or --overwrite to replace it.");
        return null;
    }

    // Extending a sweep keeps its checkpoints and axes; the request's come after them.
    private static RobustnessPlan Merge(RobustnessPlan? old, RobustnessPlan now) => old is null ? now : now with
    {
        Checkpoints = old.Checkpoints.Concat(now.Checkpoints).GroupBy(c => c.Label).Select(g => g.Last()).ToList(),
        Axes = old.Axes.Concat(now.Axes).GroupBy(a => a.Name).Select(g => g.Last()).ToList(),
        Stills = old.Stills,
    };

    private static bool Reusable(string dir, string policy, RobustnessRequest req, SceneEntry scene, IReadOnlyDictionary<string, string> settings)
    {
        if (!File.Exists(Path.Combine(dir, RunDirectory.SummaryFile))) return false;
        var s = RunDirectoryReader.ReadSummary(dir);
        return s.Complete && s.Policy == policy && s.Seed == req.Seed && s.EpisodesRequested == req.Episodes
               && s.SceneIdentity?.Sha256 == scene.Identity.Sha256
               && settings.All(kv => s.Settings.Other?.GetValueOrDefault(kv.Key) == kv.Value);
    }

    private static IReadOnlyList<StillPlan> RenderStills(Harness.Sim.Scenes.SceneDefinition scene, IReadOnlyList<PerturbationAxis> axes, RobustnessRequest req,
        string outDir, Action<string> log, IReadOnlyList<StillPlan> kept)
    {
        var stills = kept.Where(s => axes.All(a => a.Name != s.Axis)).ToList();
        var backend = GlBackends.Resolve(req.Gl);
        foreach (var axis in axes.Where(a => a.Effect.Still != StillMoment.None))
        {
            try
            {
                for (int level = 0; level < req.Levels; level++)
                {
                    var images = PerturbationStills.Render(scene, axis, level, req.Levels, req.Seed, req.StillHeight, req.StillWidth, backend);
                    for (int i = 0; i < images.Count; i++)
                    {
                        string rel = Path.Combine(StillsFolder, $"{axis.Name}_level_{level}_{i}.png");
                        PngEncoder.Write(Path.Combine(outDir, rel), images[i].Image);
                        stills.Add(new StillPlan(axis.Name, level, rel, $"{images[i].Caption} ({images[i].Camera})"));
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stills illustrate; the measurements stand without them.
                log($"stills of '{axis.Name}' could not be rendered ({e.Message}); the report lists the values instead.");
            }
        }
        return stills;
    }
}
