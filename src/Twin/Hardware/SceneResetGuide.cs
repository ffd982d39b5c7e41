using System.Globalization;
using Harness.Core.Robots;
using Harness.Robots.Cameras;
using Harness.Robots.Operators;
using Harness.Sim.Native;
using Harness.Twin.Rig;
using OpenCvSharp;

namespace Harness.Twin.Hardware;

/// <summary>
/// Tells the operator where the scene's layout puts each object for an episode seed (the same
/// positions a simulated episode with that seed starts from): coordinates in the robot's frame,
/// and each live camera image with the targets drawn, projected through the twin's camera of the
/// same name with the arm at the start pose (where the real arm is while the scene is reset).
/// </summary>
public sealed class SceneResetGuide : IResetGuide
{
    /// <summary>Radius (m) of the ring drawn around each target, about a small object's footprint.</summary>
    private const double MarkerRadiusM = 0.02;

    private readonly MujocoTwin _twin;
    private readonly Dictionary<string, MjCameraPose> _cameras = [];

    public SceneResetGuide(MujocoTwin twin)
    {
        _twin = twin;
        var env = twin.Env;
        env.Reset(0);
        foreach (var c in env.Scene.Cameras)
            _cameras[c.Name] = MjCameraPose.Of(env.Data, env.Model.RequireId(MjObject.Camera, c.MjcfCamera));
    }

    public ResetGuidance Describe(int seed, IReadOnlyDictionary<string, CameraImage> live)
    {
        var layout = _twin.Env.Parts.Layout;
        var poses = layout.Draw(seed);
        string text = LayoutText.Describe(layout, poses) + " (robot frame: origin at the base, x forward, y to the left, metres)";
        var overlays = new Dictionary<string, CameraImage>();
        foreach (var (camera, image) in live)
        {
            if (!_cameras.TryGetValue(camera, out var pose)) continue;
            using var bgr = OpenCvImages.ToBgr(image);
            for (int i = 0; i < poses.Count; i++)
                Draw(bgr, pose, poses[i], LayoutText.BodyName(layout.Bodies[i].Joint));
            overlays[camera] = OpenCvImages.FromBgr(bgr);
        }
        return new ResetGuidance(text, overlays);
    }

    private static void Draw(Mat img, MjCameraPose cam, (double X, double Y, double Z, double Yaw) p, string name)
    {
        if (cam.Project(p.X, p.Y, p.Z, img.Rows, img.Cols) is not { } c) return;
        var centre = new Point((int)Math.Round(c.Col), (int)Math.Round(c.Row));
        var target = new Scalar(0, 255, 255);
        // The ring's radius in pixels: project a point MarkerRadiusM to the side.
        int radius = cam.Project(p.X, p.Y + MarkerRadiusM, p.Z, img.Rows, img.Cols) is { } side
            ? Math.Max(4, (int)Math.Round(Math.Sqrt(Math.Pow(side.Col - c.Col, 2) + Math.Pow(side.Row - c.Row, 2))))
            : 10;
        Cv2.Circle(img, centre, radius, target, 2, LineTypes.AntiAlias);
        Cv2.DrawMarker(img, centre, target, MarkerTypes.Cross, radius, 1, LineTypes.AntiAlias);
        // Heading: a line from the centre along the object's yaw.
        if (cam.Project(p.X + MarkerRadiusM * Math.Cos(p.Yaw), p.Y + MarkerRadiusM * Math.Sin(p.Yaw), p.Z, img.Rows, img.Cols) is { } head)
            Cv2.Line(img, centre, new Point((int)Math.Round(head.Col), (int)Math.Round(head.Row)), target, 2, LineTypes.AntiAlias);
        Cv2.PutText(img, string.Create(CultureInfo.InvariantCulture, $"{name} ({p.X:0.000}, {p.Y:0.000})"),
            new Point(centre.X + radius + 4, centre.Y - radius), HersheyFonts.HersheySimplex, 0.45, target, 1, LineTypes.AntiAlias);
    }
}
