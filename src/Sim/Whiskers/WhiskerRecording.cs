using Harness.Media.Images;
using Harness.Media.Video;
using Harness.Core.Robots;
using Harness.Core.Whiskers;
using Harness.Sim.Env;
using Harness.Sim.Rendering;
using Harness.Sim.Rendering.Video;

namespace Harness.Sim.Whiskers;

/// <summary>
/// A finished whisker episode ready to be looked at: the environment (it owns the model), the
/// recorded frames and a renderer. Writes the stills and the video, and feeds the viewer.
/// </summary>
public sealed class WhiskerRecording(MujocoEnv env, WhiskerFrames frames, CameraRenderer renderer, string camera) : IDisposable
{
    public MujocoEnv Env => env;
    public WhiskerFrames Frames => frames;
    public CameraRenderer Renderer => renderer;
    public string Camera => camera;
    public WhiskerTrace Trace => frames.Trace;

    public CameraImage Render(int step, bool whiskers = true) => frames.Render(renderer, step, camera, whiskers);

    /// <summary>One PNG per key moment (first_query.png, grasp.png, release.png, end.png); returns the paths.</summary>
    public IReadOnlyList<string> WriteStills(string dir)
    {
        Directory.CreateDirectory(dir);
        var paths = new List<string>();
        foreach (var m in frames.Trace.Moments)
        {
            string path = Path.Combine(dir, m.Name + ".png");
            PngEncoder.Write(path, Render(m.Step));
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>
    /// The episode as an MP4, one frame per state (the initial one, then one per control step) at
    /// the control rate, with whiskers drawn unless <paramref name="whiskers"/> is false.
    /// </summary>
    public string WriteVideo(string path, bool whiskers = true)
    {
        VideoEncoder.EnsureAvailable();
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var composer = new FrameComposer(renderer.Height, renderer.Width, [camera]);
        var frame = new byte[composer.Width * composer.Height * 3];
        string tmp = path + ".partial.mp4";
        using (var encoder = VideoEncoder.Start(tmp, composer.Width, composer.Height, env.Spec.ControlHz))
        {
            for (int k = 0; k < frames.Count; k++)
            {
                composer.Compose([Render(k, whiskers)], Caption(k), frame);
                encoder.WriteFrame(frame);
            }
            encoder.Finish();
        }
        File.Move(tmp, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// Opens the interactive viewer window (GLFW; the process must render with the glfw backend),
    /// looking through this recording's camera at first. Dispose the viewer's <see cref="WhiskerViewer.View"/> when done.
    /// </summary>
    public WhiskerViewer OpenViewer()
    {
        var t = frames.Trace;
        var view = new GlfwWindowView(env.Model, renderer.Width, renderer.Height, $"harness whiskers: {t.Policy} on {t.Scene}, seed {t.Seed}")
        {
            FixedCamera = camera,
        };
        return new WhiskerViewer(frames, view, env.Spec.ControlHz, env.Spec.Cameras.Select(c => c.Name).ToArray());
    }

    /// <summary>The caption of frame <paramref name="step"/>: step, query and, on the last frame, the outcome.</summary>
    public string Caption(int step)
    {
        // Most telling first: the caption is cut at the frame's width.
        var t = frames.Trace;
        int q = t.QueryAt(step);
        string s = $"step {step}/{t.Steps}  query {(q < 0 ? "-" : q.ToString())}";
        var moment = t.Moments.LastOrDefault(m => m.Step == step);
        if (moment is not null) s += "  " + moment.Name;
        if (step == t.Steps) s += "  " + t.Outcome;
        return s + $"  {t.Policy}  seed {t.Seed}";
    }

    public void Dispose()
    {
        renderer.Dispose();
        frames.Dispose();
        env.Dispose();
    }
}
