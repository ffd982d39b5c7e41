using System.CommandLine;
using System.Globalization;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Harness.Eval.Runs;
using Harness.Eval.Sweeps;
using Harness.Eval.Sweeps.Slurm;
using Harness.Eval.Sweeps.Stopping;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness sweep`: every checkpoint of a training run on the same seeds, one run directory each,
/// then the comparison report. Continues after an interruption, runs one shard of a larger sweep,
/// runs on Slurm as a job array, or stops adaptively once the best checkpoint is clear.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene();
        var checkpoints = new Option<string>("--checkpoints")
        {
            Description = "Checkpoints: a folder pattern (e.g. 'policies/so101_state_mlp*', 'runs/act/checkpoints/*/pretrained_model') or a text file of policy specs, one per line.",
            Required = true,
        };
        var episodes = new Option<int>("--episodes") { Description = "Episodes per checkpoint (with --until-separated: per round).", DefaultValueFactory = _ => 20 };
        var seed = CommonOptions.Seed();
        var outDir = new Option<string>("--out") { Description = "Sweep folder: sweep.json, one run directory per checkpoint, report/.", Required = true };
        var workers = new Option<int>("--workers") { Description = "Parallel workers per checkpoint (each with its own simulator and policy).", DefaultValueFactory = _ => 1 };
        var perQuery = new Option<int?>("--actions-per-query") { Description = "Actions of each chunk to execute before re-querying (default: the policy's)." };
        var ensemble = new Option<double?>("--temporal-ensemble") { Description = "ACT temporal ensembling coefficient m." };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Episode step limit (default: the scene's)." };
        var imageSize = CommonOptions.ImageSize();
        var gl = CommonOptions.Gl();
        var prompt = new Option<string?>("--prompt") { Description = "Task text sent to language-conditioned policies instead of the scene's." };
        var serveCmd = new Option<string?>("--serve-cmd")
        {
            Description = "Start one policy server per checkpoint folder with this shell command ({checkpoint}: the folder, {port}: a free port), " +
                          "wait for /healthz, evaluate over the openpi protocol, stop it. E.g. \"/usr/bin/python3 scripts/serve_lerobot.py {checkpoint} --port {port}\".",
        };
        var serveTimeout = new Option<double>("--serve-timeout") { Description = "Seconds to wait for a server's /healthz.", DefaultValueFactory = _ => 300 };
        var shard = new Option<string?>("--shard") { Description = "Run shard I/N of the (checkpoint, episode) pairs; combine shards with `harness merge`." };
        var resume = new Option<bool>("--resume") { Description = "Continue the sweep in --out (the same command continues anyway; with --resume a missing sweep is an error). With --slurm: resubmit only unfinished shards." };
        var slurm = new Option<bool>("--slurm") { Description = "Submit the sweep to Slurm as a job array (one shard per task), wait, merge and report." };
        var shards = new Option<int?>("--shards") { Description = "Number of shards (array tasks) with --slurm (default: one per checkpoint)." };
        var parallelism = new Option<int?>("--array-parallelism") { Description = "At most K array tasks at once (sbatch --array=...%K)." };
        var sbatchArgs = new Option<string?>("--sbatch-args") { Description = "Extra sbatch options, e.g. \"--partition=gpu --gres=gpu:1 --time=02:00:00\"." };
        var untilSeparated = new Option<bool>("--until-separated")
        {
            Description = "Adaptive stopping: rounds of --episodes on common seeds until the best checkpoint is separated from each other one, the remaining ones are within --margin of each other, or --max-episodes.",
        };
        var margin = new Option<double>("--margin") { Description = "Indifference margin D in success rate (0.05 = 5 points).", DefaultValueFactory = _ => 0.05 };
        var maxEpisodes = new Option<int>("--max-episodes") { Description = "Most episodes per checkpoint with --until-separated.", DefaultValueFactory = _ => 200 };
        var confidence = new Option<double>("--confidence") { Description = "Family-wise confidence over all looks and comparisons.", DefaultValueFactory = _ => 0.95 };
        var policyOptions = PolicyOptionSet.Create();

        var cmd = new Command("sweep", "Evaluate every checkpoint of a training run on the same seeds and compare them.")
        {
            scene, checkpoints, episodes, seed, outDir, workers, perQuery, ensemble, maxSteps, imageSize, gl, prompt, serveCmd, serveTimeout,
            shard, resume, slurm, shards, parallelism, sbatchArgs, untilSeparated, margin, maxEpisodes, confidence,
        };
        policyOptions.AddTo(cmd);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            // Without --image-size, cameras render at the size the checkpoints' packages declare (when they agree).
            string size = PolicyImageSize.Resolve(pr.GetValue(imageSize),
                CheckpointSources.Resolve(pr.GetValue(checkpoints)!, served: pr.GetValue(serveCmd) is not null).Select(c => c.Spec).ToArray());
            var req = new SweepRequest(pr.GetValue(scene)!, pr.GetValue(checkpoints)!, pr.GetValue(episodes), pr.GetValue(seed), pr.GetValue(outDir)!,
                pr.GetValue(workers), pr.GetValue(perQuery), pr.GetValue(ensemble), pr.GetValue(maxSteps),
                ImageOptions.From(size, pr.GetValue(gl)), size, pr.GetValue(gl), policyOptions.Read(pr), pr.GetValue(prompt),
                pr.GetValue(serveCmd), TimeSpan.FromSeconds(pr.GetValue(serveTimeout)),
                pr.GetValue(shard) is { } s ? ShardSpec.Parse(s) : null,
                pr.GetValue(untilSeparated) ? new AdaptiveOptions(pr.GetValue(confidence), pr.GetValue(margin), pr.GetValue(maxEpisodes)) : null);
            if (pr.GetValue(resume) && SweepManifest.TryRead(req.OutDir) is null)
                throw new ArgumentException($"--resume: '{req.OutDir}' holds no sweep (no {SweepManifest.FileName}); run without --resume to start one.");
            if (pr.GetValue(slurm))
            {
                if (req.Shard is not null) throw new ArgumentException("--slurm makes the shards itself; leave --shard out.");
                return RunSlurm(req, pr.GetValue(shards), pr.GetValue(parallelism), pr.GetValue(sbatchArgs));
            }
            return RunLocal(req);
        }));
        return cmd;
    }

    private static int RunLocal(SweepRequest req)
    {
        var job = new SweepJob(req);
        var manifest = job.Manifest();
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        SweepOutcome outcome;
        try
        {
            outcome = SweepProgressView.Show(p => new SweepRunner(job, p).Run(manifest, req.OutDir, cancel.Token));
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"interrupted: every finished episode is kept in {req.OutDir}; run the same command again to continue.");
            return 130;
        }
        finally { Console.CancelKeyPress -= onCancel; }
        Print(outcome);
        if (req.Shard is not null)
            Console.WriteLine($"shard {req.Shard} written to {req.OutDir}; combine all shards with: ./harness merge SHARD_DIR... --out DIR");
        else WriteReport(outcome);
        return Finish(outcome);
    }

    private static int RunSlurm(SweepRequest req, int? shardCount, int? parallelism, string? sbatchArgs)
    {
        var job = new SweepJob(req);
        var manifest = job.Manifest();
        int n = shardCount ?? manifest.Checkpoints.Count;
        if (n < 1) throw new ArgumentException($"--shards must be at least 1; got {n}.");
        if (parallelism is < 1) throw new ArgumentException($"--array-parallelism must be at least 1; got {parallelism}.");
        // Validate the shard form now (adaptive stopping cannot be sharded).
        new SweepJob(req with { Shard = new ShardSpec(0, n) }).Manifest(manifest.Checkpoints);
        SweepRunner.Prepare(manifest, req.OutDir);
        var slurm = new SlurmArrayJob(req.OutDir, new SlurmOptions(n, parallelism, sbatchArgs));
        var list = Path.Combine(slurm.Folder, SweepJob.CheckpointListFile);
        SweepJob.WriteCheckpointList(list, manifest.Checkpoints);
        slurm.WriteScript(SweepJob.HarnessBinary(), job.ShardArguments(list), Environment.CurrentDirectory);
        var todo = slurm.Unfinished();
        if (todo.Count == 0) Console.WriteLine($"all {n} shards already finished; merging.");
        else
        {
            if (todo.Count < n) Console.WriteLine($"resubmitting the {todo.Count} unfinished shard(s) of {n}: {string.Join(", ", todo)}");
            int total = manifest.Checkpoints.Count * manifest.Episodes, last = -1;
            var failed = slurm.Submit(todo, Console.WriteLine, () =>
            {
                int done = slurm.ShardDirs.Sum(EpisodesOnDisk);
                if (done != last) Console.WriteLine($"[slurm] {done}/{total} episodes done");
                last = done;
            });
            if (failed.Count > 0)
            {
                Console.Error.WriteLine($"{failed.Count} of {todo.Count} shard task(s) did not finish:");
                foreach (var f in failed)
                    Console.Error.WriteLine($"  shard {f.Index}/{n}: {f.Status}; log: {f.LogPath}\n{f.LogTail}");
                Console.Error.WriteLine("run the same command again (or with --resume) to resubmit only the unfinished shards; finished episodes are kept.");
                return 1;
            }
        }
        var outcome = ShardMerger.Merge(slurm.ShardDirs, req.OutDir);
        Print(outcome);
        WriteReport(outcome);
        return Finish(outcome);
    }

    /// <summary>Finished episodes in a shard folder's run directories (complete rows of each episodes.csv), for progress lines.</summary>
    private static int EpisodesOnDisk(string shardDir)
    {
        if (!Directory.Exists(shardDir)) return 0;
        int rows = 0;
        foreach (var csv in Directory.EnumerateFiles(shardDir, RunDirectory.EpisodesFile, SearchOption.AllDirectories))
        {
            try
            {
                var bytes = File.ReadAllBytes(csv);
                rows += Math.Max(0, bytes.AsSpan(0, (int)EpisodesCsvRecovery.CompleteLength(bytes)).Count((byte)'\n') - 1);
            }
            catch (IOException) { }
        }
        return rows;
    }

    public static void Print(SweepOutcome o)
    {
        Console.WriteLine();
        Console.WriteLine($"{"checkpoint",-28} {"step",8} {"success",9} {"rate",7}  95 % CI");
        foreach (var r in o.Runs)
        {
            if (r.Summary is not { } s) { Console.WriteLine($"{r.Checkpoint.Name,-28} {"",8} FAILED: {r.Error}"); continue; }
            string step = s.TrainingStep?.ToString(CultureInfo.InvariantCulture) ?? "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Checkpoint.Name,-28} {step,8} {s.Successes,4}/{s.Episodes,-4} {s.SuccessRate,7:P1}  [{s.Ci95[0]:P1}, {s.Ci95[1]:P1}]{(s.Complete ? "" : "  INCOMPLETE")}"));
        }
        if (o.Stop is { } stop) Console.WriteLine($"\n{stop.Text}");
    }

    public static void WriteReport(SweepOutcome o)
    {
        var dirs = o.Runs.Where(r => File.Exists(Path.Combine(r.Dir, RunDirectory.SummaryFile))).Select(r => r.Dir).ToList();
        if (dirs.Count == 0) return;
        var m = o.Manifest;
        string title = $"Checkpoint sweep: {m.Checkpoints.Count} checkpoints on {m.Scene.Name}, seed {m.Seed}" +
                       (o.Stop is { } s ? $" (adaptive: stopped after {s.Episodes} episodes, {s.Reason.Replace('_', ' ')}; best {s.Best})" : "");
        Harness.Eval.Reports.ReportSummary summary;
        try { summary = Harness.Eval.Reports.ReportWriter.Summarise(dirs, title, DateTimeOffset.UtcNow, EvalJob.HarnessVersion); }
        catch (RunDirectoryException e)
        {
            // A failed checkpoint can leave a run the report cannot read (e.g. a cut-off row not yet repaired by a resume).
            Console.Error.WriteLine($"report not written: {e.Message}");
            return;
        }
        var files = Harness.Eval.Reports.ReportWriter.Write(summary, Path.Combine(o.Dir, "report"));
        if (o.Stop is { } stop) File.WriteAllText(Path.Combine(o.Dir, "stopping.md"), StoppingNote.Markdown(stop));
        Console.WriteLine($"report: {Path.Combine(o.Dir, "report", "report.md")} ({files.Count} files)");
    }

    private static int Finish(SweepOutcome o)
    {
        if (o.Complete) return 0;
        Console.Error.WriteLine($"{o.Failed.Count} checkpoint(s) failed: {string.Join(", ", o.Failed.Select(f => f.Checkpoint.Name))}. " +
                                "Fix the cause and run the same command again: finished runs are kept, only the missing ones run.");
        return 1;
    }
}
