using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Harness.Sim.Native;
using Harness.Sim.Rendering;

namespace Harness.Cli.Commands;

/// <summary>`harness render`: a PNG still of a scene camera at the initial state of a seed.</summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene();
        var camera = new Option<string>("--camera") { Description = "Camera to render, e.g. overhead_cam, wrist_cam, front_cam.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Episode seed whose initial state is rendered (env.Reset(seed)).", DefaultValueFactory = _ => 0 };
        var outPath = new Option<string>("--out") { Description = "PNG file to write.", Required = true };
        var imageSize = CommonOptions.ImageSize();
        var gl = CommonOptions.Gl();

        var cmd = new Command("render", "Render a PNG still of a scene camera at the initial state of a seed.")
        {
            scene, camera, seed, outPath, imageSize, gl,
        };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var images = ImageOptions.From(pr.GetValue(imageSize)!, pr.GetValue(gl));
            using var env = EnvFactory.Create(SceneEntry.Resolve(pr.GetValue(scene)!), images);
            string cam = pr.GetValue(camera)!;
            // Check the camera before resetting, so a typo fails fast with the list of cameras.
            if (env.Spec.Camera(cam) is null)
                throw new ArgumentException(
                    $"scene '{env.Scene.Name}' has no camera '{cam}'; its cameras are: {string.Join(", ", env.Spec.Cameras.Select(c => c.Name))}.");
            env.Reset(pr.GetValue(seed));
            var image = env.Render(cam);
            string path = pr.GetValue(outPath)!;
            PngEncoder.Write(path, image);
            Console.WriteLine($"wrote {path} ({image.Height}x{image.Width}, {cam}, seed {pr.GetValue(seed)}, {GlLibrary.Description})");
            return 0;
        }));
        return cmd;
    }
}
