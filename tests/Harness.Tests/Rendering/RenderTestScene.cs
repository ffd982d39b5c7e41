using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Harness.Sim.Scenes;

namespace Harness.Tests.Rendering;

/// <summary>The so101 scene with OSMesa-rendered cameras, plus pixel helpers for the tests.</summary>
internal static class RenderTestScene
{
    public const string Scene = "so101-pick-place";

    public static MujocoEnv CreateEnv(int height = 240, int width = 320) =>
        new(SceneCatalog.Get(Scene), new MujocoEnvOptions(height, width, CameraRenderer.Factory(GlBackend.OsMesa)));

    public static bool IsRed(CameraImage img, int row, int col) =>
        img.At(row, col, 0) > 120 && img.At(row, col, 1) < 70 && img.At(row, col, 2) < 70;

    // Yellow, lit or shaded: blue well under half of green (the wooden table keeps about 3/4).
    public static bool IsYellow(CameraImage img, int row, int col) =>
        img.At(row, col, 1) > 50 && img.At(row, col, 2) < img.At(row, col, 1) / 2 && img.At(row, col, 0) >= img.At(row, col, 1) * 3 / 4;

    /// <summary>Centroid (col, row) and count of the pixels matching a predicate.</summary>
    public static (double Col, double Row, int Count) Blob(CameraImage img, Func<CameraImage, int, int, bool> match)
    {
        double sc = 0, sr = 0;
        int n = 0;
        for (int r = 0; r < img.Height; r++)
            for (int c = 0; c < img.Width; c++)
                if (match(img, r, c)) { sc += c; sr += r; n++; }
        return n == 0 ? (double.NaN, double.NaN, 0) : (sc / n, sr / n, n);
    }

    public static int CountIn(CameraImage img, double col, double row, int radius, Func<CameraImage, int, int, bool> match)
    {
        int n = 0;
        for (int r = (int)row - radius; r <= (int)row + radius; r++)
            for (int c = (int)col - radius; c <= (int)col + radius; c++)
                if (r >= 0 && c >= 0 && r < img.Height && c < img.Width && match(img, r, c)) n++;
        return n;
    }

    public static (double X, double Y, double Z) BodyPosition(MujocoEnv env, string body)
    {
        var p = env.Data.BodyPos(env.Model.RequireId(MjObject.Body, body));
        return (p[0], p[1], p[2]);
    }

    public static (double X, double Y, double Z) GeomPosition(MujocoEnv env, string geom)
    {
        var p = env.Data.GeomPos(env.Model.RequireId(MjObject.Geom, geom));
        return (p[0], p[1], p[2]);
    }

    public static (double Col, double Row) Project(MujocoEnv env, string camera, (double X, double Y, double Z) p)
    {
        var pose = MjCameraPose.Of(env.Data, env.Model.RequireId(MjObject.Camera, camera));
        var px = pose.Project(p.X, p.Y, p.Z, env.Spec.Cameras[0].Height, env.Spec.Cameras[0].Width);
        Assert.That(px, Is.Not.Null, $"{camera} should look towards {p}");
        return px!.Value;
    }
}
