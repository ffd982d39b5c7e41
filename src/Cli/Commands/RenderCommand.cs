using Harness.Media.Images;
using Harness.Media.Video;
using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness render`: a PNG still of a scene camera at the initial state of a seed, or (with
/// --window) an interactive window on that state.
/// </summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene();
        var camera = new Option<string?>("--camera") { Description = "Camera to render, e.g. overhead_cam, wrist_cam, front_cam (required for stills; windows start with the free camera)." };
        var seed = new Option<int>("--seed") { Description = "Episode seed whose initial state is rendered (env.Reset(seed)).", DefaultValueFactory = _ => 0 };
        var outPath = new Option<string?>("--out") { Description = "PNG file to write (with --window: a screenshot of the last frame)." };
        var imageSize = CommonOptions.ImageSize();
        var gl = CommonOptions.Gl();
        var window = new Option<bool>("--window") { Description = "Open an interactive window (GLFW, needs an X display): left drag orbits, right drag pans, scroll zooms, C cycles cameras, Esc or Q closes." };
        var frames = new Option<int?>("--frames") { Description = "With --window: close after this many frames (for scripted screenshots)." };
        var echoInput = new Option<bool>("--echo-input") { Description = "With --window: print every key press, click, drag and scroll the window receives." };

        var cmd = new Command("render", "Render a PNG still of a scene camera at the initial state of a seed, or view it in a window.")
        {
            scene, camera, seed, outPath, imageSize, gl, window, frames, echoInput,
        };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            bool interactive = pr.GetValue(window);
            string? cam = pr.GetValue(camera);
            string? path = pr.GetValue(outPath);
            if (!interactive && (cam is null || path is null))
                throw new ArgumentException("a still needs --camera and --out (or pass --window to view the scene interactively).");
            // A window's process draws with GLFW; offscreen cameras then share that backend.
            var images = ImageOptions.From(pr.GetValue(imageSize) ?? PolicyImageSize.Fallback, interactive ? "glfw" : pr.GetValue(gl));
            using var env = EnvFactory.Create(SceneEntry.Resolve(pr.GetValue(scene)!), images);
            // Check the camera before resetting, so a typo fails fast with the list of cameras.
            if (cam is not null && env.Spec.Camera(cam) is null)
                throw new ArgumentException(
                    $"scene '{env.Scene.Name}' has no camera '{cam}'; its cameras are: {string.Join(", ", env.Spec.Cameras.Select(c => c.Name))}.");
            env.Reset(pr.GetValue(seed));
            if (interactive) return View(env, images, cam, path, pr.GetValue(frames), pr.GetValue(echoInput));

            var image = env.Render(cam!);
            if (image.IsFloat)
            {
                // Depth: the PNG is colour-mapped for viewing; the feature holds the values.
                var spec = env.Spec.Camera(cam!)!;
                PngEncoder.Write(path!, DepthColormap.ToRgb(image, out var near, out var far));
                Console.WriteLine($"wrote {path} ({image.Height}x{image.Width}, {cam}, depth colour-mapped from {near:0.000} (yellow) to {far:0.000} (blue) " +
                                  $"{spec.Depth?.Unit ?? "m"}, seed {pr.GetValue(seed)}, {GlLibrary.Description})");
                return 0;
            }
            PngEncoder.Write(path!, image);
            Console.WriteLine($"wrote {path} ({image.Height}x{image.Width}, {cam}, seed {pr.GetValue(seed)}, {GlLibrary.Description})");
            return 0;
        }));
        return cmd;
    }

    private static int View(MujocoEnv env, ImageOptions images, string? camera, string? screenshot, int? frames, bool echo)
    {
        using var view = new GlfwWindowView(env.Model, images.Width, images.Height, $"harness: {env.Scene.Name}") { FixedCamera = camera };
        var cameras = new List<string?> { null };
        cameras.AddRange(env.Spec.Cameras.Select(c => c.Name));
        Harness.Core.Robots.CameraImage? last = null;
        for (int frame = 0; !view.ShouldClose && (frames is null || frame < frames); frame++)
        {
            var inputs = view.PollEvents();
            if (echo)
            {
                foreach (var i in inputs) Console.WriteLine(i);
                if (frame == 1) Console.WriteLine("window ready");
                Console.Out.Flush();
            }
            foreach (var input in view.ApplyCameraControls(inputs))
                if (input is KeyPressed { Repeat: false } k)
                {
                    if (k.Key == ViewerKeys.Escape || k.Char == 'Q') view.ShouldClose = true;
                    else if (k.Char == 'C') view.FixedCamera = cameras[(cameras.IndexOf(view.FixedCamera) + 1) % cameras.Count];
                }
            if (screenshot is not null) last = view.DrawAndCapture(env.Data);
            else view.Draw(env.Data);
        }
        if (screenshot is not null && last is not null)
        {
            PngEncoder.Write(screenshot, last);
            Console.WriteLine($"wrote {screenshot} ({last.Height}x{last.Width}, window, {GlLibrary.Description})");
        }
        return 0;
    }
}
