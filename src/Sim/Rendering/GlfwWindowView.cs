using Harness.Core.Robots;
using Harness.Sim.Native;

namespace Harness.Sim.Rendering;

/// <summary>
/// An interactive window drawn by MuJoCo's renderer (GLFW, on an X display): show the simulation
/// with an optional <see cref="SceneOverlay"/>, read key presses and mouse drags as records, and
/// steer a free camera with the usual controls. Use from the thread that created it. Its process
/// renders with the glfw backend (one backend per process): camera images in the same process
/// need <c>--gl glfw</c>.
/// </summary>
public sealed class GlfwWindowView : IDisposable
{
    private readonly MjWindowContext _window;
    private readonly Dictionary<string, int> _cameraIds = new(StringComparer.Ordinal);

    public GlfwWindowView(MjModel model, int width = 1280, int height = 720, string title = "harness", int overlayCapacity = CameraRenderer.DefaultOverlayCapacity)
    {
        Model = model;
        _window = new MjWindowContext(model, width, height, title, model.NGeom + overlayCapacity + 500);
    }

    public MjModel Model { get; }

    /// <summary>The free camera used when <see cref="FixedCamera"/> is null.</summary>
    public FreeCamera Camera { get; set; } = FreeCamera.Workspace;

    /// <summary>A model camera to look through instead of the free camera.</summary>
    public string? FixedCamera { get; set; }

    public (int Width, int Height) Size => _window.Size;

    /// <summary>True once the user closed the window (or it was set).</summary>
    public bool ShouldClose { get => _window.ShouldClose; set => _window.ShouldClose = value; }

    /// <summary>Processes window events; returns the key presses, button changes, drags and scrolls since the last call.</summary>
    public IReadOnlyList<ViewerInput> PollEvents()
    {
        var events = _window.PollEvents();
        var inputs = new List<ViewerInput>(events.Count);
        foreach (var e in events)
            inputs.Add(e.Kind switch
            {
                WindowEventKind.Key => new KeyPressed(e.Code, (KeyModifiers)e.Mods, e.A != 0, e.X, e.Y),
                WindowEventKind.MouseButton => new MouseButtonChanged((MouseButton)e.Code, e.A != 0, (KeyModifiers)e.Mods, e.X, e.Y),
                WindowEventKind.Drag => new MouseDragged((MouseButton)e.Code, e.A, e.B, e.X, e.Y),
                _ => new Scrolled(e.A, e.B, e.X, e.Y),
            });
        return inputs;
    }

    /// <summary>
    /// Free camera controls: left drag orbits, right drag pans, middle drag or scroll zooms.
    /// Returns the inputs it did not use (keys, clicks).
    /// </summary>
    public IReadOnlyList<ViewerInput> ApplyCameraControls(IEnumerable<ViewerInput> inputs)
    {
        var rest = new List<ViewerInput>();
        var (_, height) = Size;
        foreach (var input in inputs)
        {
            var c = Camera;
            switch (input)
            {
                case MouseDragged { Button: MouseButton.Left } d:
                    Camera = c with { Azimuth = c.Azimuth - d.Dx * 0.3, Elevation = Math.Clamp(c.Elevation - d.Dy * 0.3, -89, 89) };
                    break;
                case MouseDragged { Button: MouseButton.Right } d:
                {
                    // Move the look-at point in the view plane, scaled so the scene follows the cursor.
                    double scale = 2 * c.Distance * Math.Tan(22.5 * Math.PI / 180) / Math.Max(1, height);
                    double az = c.Azimuth * Math.PI / 180, el = c.Elevation * Math.PI / 180;
                    double rx = Math.Sin(az), ry = -Math.Cos(az);
                    double ux = -Math.Sin(el) * Math.Cos(az), uy = -Math.Sin(el) * Math.Sin(az), uz = Math.Cos(el);
                    Camera = c with
                    {
                        LookAtX = c.LookAtX - scale * (d.Dx * rx - d.Dy * ux),
                        LookAtY = c.LookAtY - scale * (d.Dx * ry - d.Dy * uy),
                        LookAtZ = c.LookAtZ + scale * d.Dy * uz,
                    };
                    break;
                }
                case MouseDragged { Button: MouseButton.Middle } d:
                    Camera = c with { Distance = Math.Clamp(c.Distance * (1 + d.Dy * 0.005), 0.05, 20) };
                    break;
                case Scrolled s:
                    Camera = c with { Distance = Math.Clamp(c.Distance * (1 - s.Dy * 0.1), 0.05, 20) };
                    break;
                default:
                    rest.Add(input);
                    break;
            }
        }
        return rest;
    }

    /// <summary>Draws the current state (and overlay) into the window and shows it.</summary>
    public void Draw(MjData data, SceneOverlay? overlay = null) => DrawCore(data, overlay, capture: false);

    /// <summary>Like <see cref="Draw"/>, and returns the frame as an upright image (screenshots, tests).</summary>
    public CameraImage DrawAndCapture(MjData data, SceneOverlay? overlay = null) => DrawCore(data, overlay, capture: true)!;

    private CameraImage? DrawCore(MjData data, SceneOverlay? overlay, bool capture)
    {
        int cam = FixedCamera is null ? -1 : CameraId(FixedCamera);
        var (seg, sph) = OverlayPacker.Pack(overlay ?? SceneOverlay.Empty);
        var (w, h) = Size;
        var pixels = capture ? new byte[w * h * 3] : [];
        var c = Camera;
        _window.Draw(data, cam, c.LookAtX, c.LookAtY, c.LookAtZ, c.Distance, c.Azimuth, c.Elevation, pixels, w, h, seg, sph);
        return capture ? new CameraImage(h, w, 3, pixels) : null;
    }

    private int CameraId(string camera)
    {
        if (_cameraIds.TryGetValue(camera, out int id)) return id;
        id = Model.Id(MjObject.Camera, camera);
        if (id < 0)
            throw new ArgumentException($"model '{Path.GetFileName(Model.Source)}' has no camera '{camera}'; its cameras are: {string.Join(", ", Model.Names(MjObject.Camera))}.");
        return _cameraIds[camera] = id;
    }

    public void Dispose() => _window.Dispose();
}
