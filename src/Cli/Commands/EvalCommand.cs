using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>`harness eval`: N episodes of a policy on a scene, written to a run directory.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene();
        var policy = CommonOptions.Policy();
        var episodes = new Option<int>("--episodes") { Description = "Number of episodes.", DefaultValueFactory = _ => 20 };
        var seed = CommonOptions.Seed();
        var outDir = new Option<string>("--out") { Description = "Run directory to write (run.json, episodes.csv).", Required = true };
        var workers = new Option<int>("--workers") { Description = "Parallel workers (each with its own simulator and policy).", DefaultValueFactory = _ => 1 };
        var perQuery = new Option<int?>("--actions-per-query") { Description = "Actions of each chunk to execute before re-querying (default: the whole chunk)." };
        var ensemble = new Option<double?>("--temporal-ensemble") { Description = "ACT temporal ensembling coefficient m (query every step, weights exp(-m*i))." };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Episode step limit (default: the scene's)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing run in --out." };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue the run in --out where it stopped (after Ctrl+C, a crash or kill -9): only missing episodes run; refused when its scene, checkpoint, seed or settings differ.",
        };
        var imageSize = CommonOptions.ImageSize();
        var gl = CommonOptions.Gl();
        var video = new Option<int>("--video") { Description = "Record MP4 videos of the first K episodes into OUT/videos/ (needs ffmpeg).", DefaultValueFactory = _ => 0 };
        var videoCameras = new Option<string?>("--video-cameras") { Description = "Cameras tiled side by side in videos, comma separated (default: the scene's video cameras)." };
        var whiskerMetrics = new Option<bool>("--whisker-metrics")
        {
            Description = "Forward-simulate every predicted chunk and add whisker columns (chunk consistency, action jump at chunk boundaries, sample spread) to episodes.csv.",
        };
        var prompt = new Option<string?>("--prompt") { Description = "Task text sent to language-conditioned policies instead of the scene's (recorded in run.json)." };
        var record = new Option<string?>("--record") { Description = "Also write the episodes as a LeRobot dataset into this new folder (v3.0; AV1 or H.264 videos)." };
        var recordOnly = new Option<string?>("--record-only") { Description = "Keep only some episodes in the dataset: success." };
        var recordFormat = new Option<string?>("--record-format") { Description = "Dataset layout: v3.0 (default) or v2.1 (openpi's pinned LeRobot)." };
        var recordCameras = new Option<string?>("--record-cameras") { Description = "Cameras recorded as videos, comma separated, or none (default: the scene's video cameras)." };
        var policyOptions = PolicyOptionSet.Create();
        var latency = new RealLatencyOptions();

        var cmd = new Command("eval", "Evaluate a policy on a scene for N episodes.")
        {
            scene, policy, episodes, seed, outDir, workers, perQuery, ensemble, maxSteps, overwrite, resume, imageSize, gl, video, videoCameras, whiskerMetrics, prompt,
            record, recordOnly, recordFormat, recordCameras,
        };
        policyOptions.AddTo(cmd);
        latency.AddTo(cmd);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var images = ImageOptions.From(PolicyImageSize.Resolve(pr.GetValue(imageSize), pr.GetValue(policy)!), pr.GetValue(gl));
            var videos = VideoObservers.For(pr.GetValue(scene)!, pr.GetValue(outDir)!, pr.GetValue(video), pr.GetValue(videoCameras));
            var recording = RecordObservers.For(pr.GetValue(scene)!, pr.GetValue(record), pr.GetValue(recordOnly), pr.GetValue(recordFormat), pr.GetValue(recordCameras), pr.GetValue(overwrite));
            var req = new EvalRequest(pr.GetValue(scene)!, pr.GetValue(policy)!, pr.GetValue(episodes), pr.GetValue(seed),
                pr.GetValue(outDir)!, pr.GetValue(workers), pr.GetValue(perQuery), pr.GetValue(ensemble), pr.GetValue(maxSteps),
                pr.GetValue(overwrite), images, policyOptions.Read(pr),
                Observers: Combine(videos, recording?.Observers),
                Prompt: pr.GetValue(prompt), Resume: pr.GetValue(resume));
            if (req.Resume && req.Overwrite) throw new ArgumentException("--resume continues the run in --out and --overwrite replaces it; choose one.");
            if (req.Resume && pr.GetValue(record) is not null)
                throw new ArgumentException("--record cannot be combined with --resume: the dataset would hold only this session's episodes. Record in a separate run.");
            req = latency.Apply(req, pr);
            if (pr.GetValue(whiskerMetrics)) req = WhiskerJob.WithMetrics(req);
            using var dataset = recording?.Recording;
            var summary = RunWithProgress(req);
            SummaryTable.Print(summary, req.OutDir);
            if (dataset is not null)
                Console.WriteLine(dataset.Complete() is { } root
                    ? $"recorded {dataset.Kept} episode(s) as a LeRobot dataset: {root}"
                    : "no episode was kept for the dataset (--record-only success and no success); nothing written.");
            return 0;
        }));
        return cmd;
    }

    private static Func<int, SceneEntry, IReadOnlyList<Harness.Core.Episodes.IEpisodeObserver>>? Combine(
        params Func<int, SceneEntry, IReadOnlyList<Harness.Core.Episodes.IEpisodeObserver>>?[] factories)
    {
        var present = factories.Where(f => f is not null).Select(f => f!).ToArray();
        return present.Length == 0 ? null : (w, s) => present.SelectMany(f => f(w, s)).ToArray();
    }

    public static Harness.Eval.Runs.RunSummary RunWithProgress(EvalRequest req)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            if (!AnsiConsole.Profile.Capabilities.Interactive)
            {
                // Not a terminal (CI, a pipe): a plain line every 10 % instead of a redrawn bar.
                int every = Math.Max(1, req.Episodes / 10);
                var plain = new EpisodeCounter((done, successes) =>
                {
                    if (done % every == 0 || done == req.Episodes)
                        Console.WriteLine($"[{done}/{req.Episodes}] {req.Policy} on {req.Scene}: {successes} successes");
                });
                return EvalJob.Run(req, plain.Add, cancel.Token, r => PreflightNotices.Print(r), s =>
                {
                    plain.Start(s.Episodes, s.Successes);
                    if (s.Episodes > 0) Console.WriteLine($"resuming: {s.Episodes} episode(s) already on disk ({s.Successes} successes)");
                });
            }
            Harness.Eval.Runs.RunSummary? result = null;
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"{req.Policy} on {req.Scene}", maxValue: req.Episodes);
                    var counter = new EpisodeCounter((done, successes) =>
                    {
                        task.Description = $"{req.Policy} on {req.Scene}: {successes}/{done} successes";
                        task.Value = done;
                    });
                    result = EvalJob.Run(req, counter.Add, cancel.Token, r => PreflightNotices.Print(r), s => counter.Start(s.Episodes, s.Successes));
                });
            return result!;
        }
        finally { Console.CancelKeyPress -= onCancel; }
    }
}
