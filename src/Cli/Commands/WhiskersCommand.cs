using Harness.Media.Images;
using Harness.Media.Video;
using System.CommandLine;
using System.Globalization;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Harness.Core.Whiskers;
using Harness.Sim.Whiskers;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness whiskers`: one episode with every predicted chunk forward-simulated and drawn as a
/// fading path from the gripper; writes a video, stills, whiskers.json and whisker_metrics.json,
/// and optionally opens the interactive viewer.
/// </summary>
public static class WhiskersCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene();
        var policy = CommonOptions.Policy();
        var seed = CommonOptions.Seed();
        var episode = new Option<int>("--episode") { Description = "Which episode of the run seed to show (the same initial state as that episode of `harness eval`).", DefaultValueFactory = _ => 0 };
        var outDir = new Option<string>("--out") { Description = "Directory for whiskers.mp4, the stills, whiskers.json and whisker_metrics.json.", Required = true };
        var camera = new Option<string?>("--camera") { Description = "Camera the video and stills are rendered from (default: the scene's view camera)." };
        var samples = new Option<int>("--samples") { Description = "Chunks sampled per query from a stochastic policy, to measure their spread (deterministic policies refuse K > 1).", DefaultValueFactory = _ => 1 };
        var interactive = new Option<bool>("--interactive")
        {
            Description = "Open a viewer window (GLFW, needs an X display): SPACE pause/resume, LEFT/RIGHT step through the history (PAGE UP/DOWN by 10), HOME/END, W whiskers on/off, C cameras, mouse orbit/pan/zoom, ESC quits.",
        };
        var imageSize = CommonOptions.ImageSize();
        var gl = CommonOptions.Gl();
        var perQuery = new Option<int?>("--actions-per-query") { Description = "Actions of each chunk to execute before re-querying (default: the policy's choice, usually the whole chunk)." };
        var ensemble = new Option<double?>("--temporal-ensemble") { Description = "ACT temporal ensembling coefficient m (query every step, weights exp(-m*i))." };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Episode step limit (default: the scene's)." };
        var history = new Option<int>("--history") { Description = "Past predictions drawn as fading ghost trails.", DefaultValueFactory = _ => WhiskerStyle.Default.History };
        var noVideo = new Option<bool>("--no-video") { Description = "Skip whiskers.mp4 (stills and json only)." };
        var policyOptions = PolicyOptionSet.Create();

        var cmd = new Command("whiskers", "See what a policy predicts, step by step: forward-simulated action chunks drawn from the gripper.")
        {
            scene, policy, seed, episode, outDir, camera, samples, interactive, imageSize, gl, perQuery, ensemble, maxSteps, history, noVideo,
        };
        policyOptions.AddTo(cmd);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            // The policy's cameras at its declared size; the video and stills at --image-size, else 480x640.
            var (h, w) = ImageOptions.ParseSize(PolicyImageSize.Resolve(pr.GetValue(imageSize), pr.GetValue(policy)!));
            var (vh, vw) = ImageOptions.ParseSize(pr.GetValue(imageSize) ?? PolicyImageSize.Fallback);
            var req = new WhiskerRequest(pr.GetValue(scene)!, pr.GetValue(policy)!, pr.GetValue(seed), pr.GetValue(outDir)!,
                pr.GetValue(episode), pr.GetValue(camera), pr.GetValue(samples), h, w, pr.GetValue(gl), pr.GetValue(perQuery),
                pr.GetValue(maxSteps), !pr.GetValue(noVideo), pr.GetValue(interactive), WhiskerStyle.Default with { History = pr.GetValue(history) },
                PolicyOptions: policyOptions.Read(pr), TemporalEnsemble: pr.GetValue(ensemble), ViewHeight: vh, ViewWidth: vw);
            var (result, recording) = WhiskerJob.Run(req, m => Console.Error.WriteLine(m));
            using (recording)
            {
                Print(result);
                if (req.Interactive) View(recording);
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>Test and scripting hooks: close after N frames, save the last frame, press keys.</summary>
    public const string AutocloseVariable = "HARNESS_VIEWER_AUTOCLOSE_FRAMES", ScreenshotVariable = "HARNESS_VIEWER_SCREENSHOT", KeysVariable = "HARNESS_VIEWER_KEYS";

    private static void View(Harness.Sim.Whiskers.WhiskerRecording recording)
    {
        int? frames = Environment.GetEnvironmentVariable(AutocloseVariable) is { Length: > 0 } f
            ? int.TryParse(f, out int n) && n > 0 ? n : throw new ArgumentException($"{AutocloseVariable} must be a positive number of frames; got '{f}'.")
            : null;
        string? screenshot = Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } s ? s : null;
        var keys = Environment.GetEnvironmentVariable(KeysVariable) is { Length: > 0 } k ? WhiskerViewer.ParseKeys(k) : null;
        var viewer = recording.OpenViewer();
        using (viewer.View)
        {
            Console.Error.WriteLine("viewer: SPACE pause/resume, LEFT/RIGHT step (PAGE UP/DOWN 10), HOME/END, W whiskers, C cameras, mouse orbit/pan/zoom, ESC quits");
            var last = viewer.Run(frames, keys, capture: screenshot is not null);
            if (screenshot is not null && last is not null)
            {
                PngEncoder.Write(screenshot, last);
                Console.WriteLine($"wrote {screenshot} (viewer screenshot)");
            }
            Console.WriteLine($"viewer closed at step {viewer.Step} of {recording.Trace.Steps}");
        }
    }

    private static void Print(WhiskerResult r)
    {
        var t = r.Trace;
        Console.WriteLine($"{t.Policy} on {t.Scene}, episode {t.Episode} (seed {t.Seed}): {t.Outcome} after {t.Steps} steps, {t.Queries.Count} queries");
        Console.WriteLine($"  chunk consistency (m): {Stat(r.Summary.Consistency)}");
        Console.WriteLine($"  action jump at chunk boundaries (largest joint, share of its range): {Stat(r.Summary.JumpShareOfRange, "boundaries")}");
        foreach (var j in r.Summary.ActionJumps)
            Console.WriteLine($"    {j.Joint} ({j.Unit}): {Stat(j.Stat, "boundaries")}");
        Console.WriteLine($"  sample spread (m): {Stat(r.Summary.SampleSpread)}");
        Console.WriteLine($"  moments: {string.Join(", ", t.Moments.Select(m => $"{m.Name} at step {m.Step}"))}");
        foreach (var n in t.Notes) Console.WriteLine($"  note: {n}");
        foreach (var f in r.Files) Console.WriteLine($"wrote {f}");
    }

    private static string Stat(WhiskerStat s, string over = "queries") => s.N == 0
        ? "undefined (no query where it applies)"
        : string.Create(CultureInfo.InvariantCulture, $"mean {s.Mean:0.0000}, p95 {s.P95:0.0000}, max {s.Max:0.0000} over {s.N} {over}");
}
