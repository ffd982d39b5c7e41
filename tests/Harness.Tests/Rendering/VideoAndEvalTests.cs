using Harness.Media.Images;
using Harness.Media.Video;
using Harness.Cli.Composition;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Harness.Sim.Rendering.Video;

namespace Harness.Tests.Rendering;

public class VideoAndEvalTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), $"harness-video-{Guid.NewGuid():N}");

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private static ImageOptions Small => new(96, 128, CameraRenderer.Factory(GlBackend.OsMesa));

    private static Dictionary<int, (int Steps, string Outcome)> Episodes(string runDir)
    {
        var lines = File.ReadAllLines(Path.Combine(runDir, "episodes.csv"));
        var head = lines[0].Split(',');
        int ep = Array.IndexOf(head, "episode"), steps = Array.IndexOf(head, "steps"), outcome = Array.IndexOf(head, "outcome");
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => int.Parse(f[ep]), f => (int.Parse(f[steps]), f[outcome]));
    }

    [Test]
    public void State_only_runs_create_no_gl_context()
    {
        long before = MjRenderContext.ContextsCreated;
        EvalJob.Run(new EvalRequest(RenderTestScene.Scene, "scripted", 2, 0, _dir, Workers: 1, MaxSteps: 10, Images: Small));
        Assert.That(MjRenderContext.ContextsCreated, Is.EqualTo(before));
    }

    [Test]
    public void Video_has_one_frame_per_step_plus_the_initial_one_with_two_workers()
    {
        long before = MjRenderContext.ContextsCreated;
        var observers = VideoObservers.For(RenderTestScene.Scene, _dir, 2, "overhead_cam,wrist_cam");
        EvalJob.Run(new EvalRequest(RenderTestScene.Scene, "scripted", 3, 0, _dir, Workers: 2, MaxSteps: 12, Images: Small, Observers: observers));

        var episodes = Episodes(_dir);
        var videos = Directory.GetFiles(Path.Combine(_dir, VideoObservers.VideosFolder)).Select(Path.GetFileName).Order().ToArray();
        Assert.That(videos, Is.EqualTo(new[]
        {
            $"episode_0000_{episodes[0].Outcome}.mp4",
            $"episode_0001_{episodes[1].Outcome}.mp4",
        }), "the first two episodes only, named by outcome, no leftover temp file");
        for (int e = 0; e < 2; e++)
            Assert.That(ProcessRunner.CountFrames(Path.Combine(_dir, "videos", videos[e]!)), Is.EqualTo(episodes[e].Steps + 1));
        Assert.That(MjRenderContext.ContextsCreated - before, Is.InRange(1, 2), "one GL context per worker that recorded");
    }

    [Test]
    public void Video_frame_is_both_cameras_side_by_side_with_a_caption_bar()
    {
        var observers = VideoObservers.For(RenderTestScene.Scene, _dir, 1, null);
        EvalJob.Run(new EvalRequest(RenderTestScene.Scene, "scripted", 1, 0, _dir, MaxSteps: 3, Images: new(240, 320, CameraRenderer.Factory(GlBackend.OsMesa)), Observers: observers));
        var video = Directory.GetFiles(Path.Combine(_dir, "videos")).Single();
        var (code, output, _) = ProcessRunner.Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,pix_fmt,width,height", "-of", "csv=p=0", video]);
        Assert.That(code, Is.EqualTo(0));
        var composer = new FrameComposer(240, 320, ["overhead_cam", "wrist_cam"]);
        Assert.That(output.Trim(), Is.EqualTo($"h264,{composer.Width},{composer.Height},yuv420p"));
        Assert.That(composer.Width, Is.EqualTo(640));

        // The first frame's left tile is overhead_cam: it shows the red block.
        var rgb = ProcessRunner.DecodeRgb(video);
        int red = 0;
        for (int r = 0; r < 240; r++)
            for (int c = 0; c < 320; c++)
            {
                int o = (r * composer.Width + c) * 3;
                if (rgb[o] > 120 && rgb[o + 1] < 80 && rgb[o + 2] < 80) red++;
            }
        Assert.That(red, Is.GreaterThan(20));
        // The caption bar holds bright text pixels on black.
        int bright = 0;
        for (int r = 240; r < composer.Height; r++)
            for (int c = 0; c < composer.Width; c++)
                if (rgb[(r * composer.Width + c) * 3] > 150) bright++;
        Assert.That(bright, Is.GreaterThan(50));
    }

    [Test]
    public void Failing_ffmpeg_reports_its_stderr_and_the_run_continues_without_that_video()
    {
        Directory.CreateDirectory(_dir);
        string fake = Path.Combine(_dir, "fake-ffmpeg.sh");
        File.WriteAllText(fake, "#!/bin/sh\nif [ \"$2\" = \"-encoders\" ]; then echo ' V..... libx264'; exit 0; fi\ncat > /dev/null\necho 'x264 exploded: out of cheese' >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var old = Environment.GetEnvironmentVariable(VideoEncoder.FfmpegVariable);
        Environment.SetEnvironmentVariable(VideoEncoder.FfmpegVariable, fake);
        try
        {
            var warnings = new List<string>();
            var videos = Path.Combine(_dir, "run", "videos");
            var recorder = new VideoRecorder(new VideoOptions(videos, 1, ["overhead_cam"]), w => { lock (warnings) warnings.Add(w); });
            var summary = EvalJob.Run(new EvalRequest(RenderTestScene.Scene, "scripted", 1, 0, Path.Combine(_dir, "run"), MaxSteps: 5, Images: Small,
                Observers: (_, _) => [recorder]));
            Assert.That(Episodes(Path.Combine(_dir, "run"))[0].Outcome, Is.Not.EqualTo("ERROR"));
            Assert.That(warnings, Has.Some.Contains("out of cheese").And.Some.Contains("episode 0"));
            Assert.That(Directory.GetFiles(videos), Is.Empty, "no partial video is left behind");
        }
        finally { Environment.SetEnvironmentVariable(VideoEncoder.FfmpegVariable, old); }
    }

    [Test]
    public void Missing_ffmpeg_says_which_package_provides_it()
    {
        var old = Environment.GetEnvironmentVariable(VideoEncoder.FfmpegVariable);
        Environment.SetEnvironmentVariable(VideoEncoder.FfmpegVariable, "/nonexistent/ffmpeg");
        try
        {
            var ex = Assert.Throws<VideoUnavailableException>(() => VideoObservers.For(RenderTestScene.Scene, _dir, 1, null));
            Assert.That(ex!.Message, Does.Contain("Debian package ffmpeg").And.Contain("./scripts/setup.sh"));
        }
        finally { Environment.SetEnvironmentVariable(VideoEncoder.FfmpegVariable, old); }
    }

    [Test]
    public void Unknown_video_camera_lists_the_scene_cameras()
    {
        var ex = Assert.Throws<ArgumentException>(() => VideoObservers.For(RenderTestScene.Scene, _dir, 1, "overhead_cam,top"));
        Assert.That(ex!.Message, Does.Contain("'top'").And.Contain("overhead_cam, wrist_cam, front_cam"));
    }
}
