using System.Diagnostics;
using System.Text.Json.Nodes;
using Harness.Cli.Composition;
using Harness.Core.Robots;
using Harness.Core.Whiskers;
using Harness.Tests.Support;

namespace Harness.Tests.Whiskers;

[NonParallelizable]
public class WhiskersCommandTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    // Pixels that are clearly the whisker green / path orange (and not the scene's colours).
    internal static int Count(CameraImage img, Func<byte, byte, byte, bool> match)
    {
        int n = 0;
        for (int i = 0; i < img.Pixels.Length; i += 3)
            if (match(img.Pixels[i], img.Pixels[i + 1], img.Pixels[i + 2])) n++;
        return n;
    }

    internal static bool Green(byte r, byte g, byte b) => g > 120 && g > r + 60 && g > b + 60;
    internal static bool Orange(byte r, byte g, byte b) => r > 170 && g > 70 && g < 170 && b < 60 && r > g + 50;

    [Test]
    public void Whiskers_writes_video_stills_and_json_for_one_episode()
    {
        using var dir = new TempDir("wc");
        var (code, output, err) = Cli("whiskers", "--scene", "so101-pick-place", "--policy", "scripted", "--seed", "1",
            "--out", dir["w"], "--image-size", "120x160");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("action jump at chunk boundaries").And.Contain("gripper.pos (0-100): mean").And.Contain("wrote"));
        Assert.That(output, Does.Not.Contain("prediction error"), "zero by construction in simulation: not reported");
        foreach (var f in new[] { "whiskers.json", "whisker_metrics.json", "whiskers.mp4", "first_query.png", "grasp.png", "release.png", "end.png" })
            Assert.That(new FileInfo(dir["w/" + f]).Length, Is.GreaterThan(100), f);

        var trace = WhiskerFiles.ReadTrace(dir["w/whiskers.json"]);
        Assert.That(trace.Queries, Is.Not.Empty);
        var metrics = JsonNode.Parse(File.ReadAllText(dir["w/whisker_metrics.json"]))!;
        Assert.That((int)metrics["queries"]!, Is.EqualTo(trace.Queries.Count));

        // One video frame per state: the initial one plus one per step.
        var probe = Process.Start(new ProcessStartInfo("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", dir["w/whiskers.mp4"]]) { RedirectStandardOutput = true })!;
        string frames = probe.StandardOutput.ReadToEnd().Trim();
        probe.WaitForExit();
        Assert.That(int.Parse(frames), Is.EqualTo(trace.Steps + 1));
    }

    [Test]
    public void Samples_on_a_deterministic_policy_are_refused_before_anything_runs()
    {
        using var dir = new TempDir("wd");
        var (code, _, err) = Cli("whiskers", "--scene", "so101-pick-place", "--policy", "scripted", "--out", dir["w"], "--samples", "3");
        Assert.That(code, Is.Not.Zero);
        Assert.That(err, Does.Contain("deterministic").And.Contain("--samples"));
        Assert.That(File.Exists(dir["w/whiskers.json"]), Is.False);
    }

    [Test]
    public void An_unknown_camera_lists_the_scenes_cameras()
    {
        using var dir = new TempDir("wu");
        var (code, _, err) = Cli("whiskers", "--scene", "so101-pick-place", "--policy", "scripted", "--out", dir["w"], "--camera", "nope");
        Assert.That(code, Is.Not.Zero);
        Assert.That(err, Does.Contain("overhead_cam").And.Contain("nope"));
    }

    [Test]
    public void Stills_show_the_green_whisker_and_the_orange_path_which_the_plain_render_lacks()
    {
        using var dir = new TempDir("ws");
        // From the wrist camera, which looks down between the jaws where every chunk starts (the world cameras see
        // the official gripper's body in front of its own first chunks).
        var (result, recording) = WhiskerJob.Run(new WhiskerRequest(WhiskerFixture.Scene, "scripted", 1, dir["w"], Camera: "wrist_cam", Height: 240, Width: 320, Video: false));
        using (recording)
        {
            int first = result.Trace.Moment(WhiskerMoment.FirstQuery)!.Step, end = result.Trace.Steps;
            var withW = recording.Render(first);
            var without = recording.Render(first, whiskers: false);
            Assert.That(Count(withW, Green), Is.GreaterThan(Count(without, Green) + 20), "green whisker at the first query");
            var endW = recording.Render(end);
            var endPlain = recording.Render(end, whiskers: false);
            Assert.That(Count(endW, Orange), Is.GreaterThan(Count(endPlain, Orange) + 50), "orange tool path at the end");
            // The same step renders the same pixels: the state is restored exactly.
            Assert.That(recording.Render(first).Pixels, Is.EqualTo(withW.Pixels));
        }
    }
}
