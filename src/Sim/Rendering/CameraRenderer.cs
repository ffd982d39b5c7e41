using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Rendering;

/// <summary>
/// Renders a model's cameras with MuJoCo's renderer into upright RGB images, optionally with a
/// <see cref="SceneOverlay"/>. Owns one GL context, created on the first render (so environments
/// that never render never pay for one) and made current on the calling thread at each render.
/// </summary>
public sealed class CameraRenderer : ICameraRenderer
{
    /// <summary>Room for overlay geometry on top of the model's own geoms.</summary>
    public const int DefaultOverlayCapacity = 8000;

    private readonly MjModel _model;
    private readonly Dictionary<string, int> _cameraIds = new(StringComparer.Ordinal);
    private readonly int _overlayCapacity;
    private MjRenderContext? _context;

    /// <param name="backend">Null: the backend this process already uses, else HARNESS_GL, else OSMesa.</param>
    public CameraRenderer(MjModel model, int height, int width, GlBackend? backend = null, int overlayCapacity = DefaultOverlayCapacity)
    {
        if (height <= 0 || width <= 0 || height > 4096 || width > 4096)
            throw new ArgumentOutOfRangeException(nameof(height), $"image size must be between 1x1 and 4096x4096; got {height}x{width}.");
        _model = model;
        Height = height;
        Width = width;
        Backend = backend ?? GlLibrary.Loaded ?? GlBackends.Resolve();
        _overlayCapacity = overlayCapacity;
    }

    /// <summary>A factory for <see cref="MujocoEnvOptions.RendererFactory"/>.</summary>
    public static Func<MjModel, int, int, ICameraRenderer> Factory(GlBackend backend) =>
        (model, height, width) => new CameraRenderer(model, height, width, backend);

    public int Height { get; }
    public int Width { get; }
    public GlBackend Backend { get; }

    /// <summary>The names of the model's cameras, in model order.</summary>
    public IReadOnlyList<string> Cameras => _model.Names(MjObject.Camera);

    public CameraImage Render(MjData data, string camera) => Render(data, camera, SceneOverlay.Empty);

    public CameraImage Render(MjData data, string camera, SceneOverlay overlay)
    {
        int id = CameraId(camera);
        var pixels = new byte[Height * Width * 3];
        var (seg, sph) = OverlayPacker.Pack(overlay);
        Context.RenderCamera(data, id, pixels, seg, sph);
        return new CameraImage(Height, Width, 3, pixels);
    }

    /// <summary>
    /// Metric depth (metres along the camera axis, float32 HxWx1) from the depth buffer and the
    /// model's clipping planes; pixels that see nothing read as the far plane.
    /// </summary>
    public CameraImage RenderDepth(MjData data, string camera)
    {
        int id = CameraId(camera);
        var buffer = new float[Height * Width];
        Context.RenderDepth(data, id, buffer);
        var clip = _model.DepthClip;
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (float)clip.Metres(buffer[i]);
        return CameraImage.FromValues(Height, Width, 1, buffer);
    }

    public CameraImage Render(MjData data, FreeCamera camera, SceneOverlay? overlay = null)
    {
        var pixels = new byte[Height * Width * 3];
        var (seg, sph) = OverlayPacker.Pack(overlay ?? SceneOverlay.Empty);
        Context.RenderFree(data, camera.LookAtX, camera.LookAtY, camera.LookAtZ, camera.Distance, camera.Azimuth, camera.Elevation, pixels, seg, sph);
        return new CameraImage(Height, Width, 3, pixels);
    }

    /// <summary>The camera's index in the model; unknown names list the cameras that exist.</summary>
    public int CameraId(string camera)
    {
        lock (_cameraIds)
        {
            if (_cameraIds.TryGetValue(camera, out int id)) return id;
            id = _model.Id(MjObject.Camera, camera);
            if (id < 0)
                throw new ArgumentException(
                    $"model '{Path.GetFileName(_model.Source)}' has no camera '{camera}'; its cameras are: {string.Join(", ", Cameras)}.");
            _cameraIds[camera] = id;
            return id;
        }
    }

    /// <summary>The GL context, created on first use.</summary>
    internal MjRenderContext Context
    {
        get
        {
            lock (_cameraIds)
                return _context ??= new MjRenderContext(_model, Height, Width, Backend, _model.NGeom + _overlayCapacity + 500);
        }
    }

    public void Dispose()
    {
        lock (_cameraIds)
        {
            _context?.Dispose();
            _context = null;
        }
    }
}
