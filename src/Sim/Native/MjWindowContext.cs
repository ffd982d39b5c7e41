namespace Harness.Sim.Native;

/// <summary>
/// A visible GLFW window with its own GL context and MuJoCo scene, drawn into the window's back
/// buffer (mjFB_WINDOW). GLFW requires the thread that created the window to draw it and poll
/// its events (normally the main thread).
/// </summary>
public sealed unsafe class MjWindowContext : IDisposable
{
    private const int EventStride = 7;
    private readonly MjRenderHandle _handle;
    private readonly double[] _events = new double[256 * EventStride];

    public MjWindowContext(MjModel model, int width, int height, string title, int maxGeoms)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"window size must be positive; got {width}x{height}.");
        GlLibrary.EnsureLoaded(GlBackend.Glfw);
        Model = model;
        IntPtr p = MujocoNative.hm_window_create(model.Ptr, width, height, maxGeoms, title);
        if (p == IntPtr.Zero)
            throw new GlUnavailableException(
                $"could not open a {width}x{height} window: {MujocoNative.Utf8(MujocoNative.hm_render_last_error())}. " +
                "Windows need an X display (DISPLAY set, or run under xvfb-run) and Debian's libglfw3 (./scripts/setup.sh).");
        _handle = MjRenderHandle.Wrap(p);
    }

    public MjModel Model { get; }

    /// <summary>The framebuffer size in pixels (follows window resizes).</summary>
    public (int Width, int Height) Size
    {
        get
        {
            int w, h;
            MujocoNative.hm_window_size(_handle.DangerousGetHandle(), &w, &h);
            return (w, h);
        }
    }

    public bool ShouldClose
    {
        get => MujocoNative.hm_window_should_close(_handle.DangerousGetHandle()) != 0;
        set => MujocoNative.hm_window_set_should_close(_handle.DangerousGetHandle(), value ? 1 : 0);
    }

    /// <summary>Processes pending window events and returns the input collected since the last call.</summary>
    public IReadOnlyList<WindowEvent> PollEvents()
    {
        int n;
        fixed (double* e = _events) n = MujocoNative.hm_window_events(_handle.DangerousGetHandle(), e, _events.Length / EventStride);
        var list = new WindowEvent[n];
        for (int i = 0; i < n; i++)
        {
            var s = _events.AsSpan(i * EventStride, EventStride);
            list[i] = new WindowEvent((WindowEventKind)(int)s[0], (int)s[1], (int)s[2], s[3], s[4], s[5], s[6]);
        }
        return list;
    }

    /// <summary>
    /// Draws a frame (model camera <paramref name="cameraId"/>, or the free camera when it is
    /// negative) and shows it. With <paramref name="rgb"/> (Size, upright RGB) the frame is also read back.
    /// </summary>
    public void Draw(MjData data, int cameraId, double lookX, double lookY, double lookZ, double distance, double azimuth, double elevation,
        Span<byte> rgb, int rgbWidth, int rgbHeight, ReadOnlySpan<double> segments, ReadOnlySpan<double> spheres)
    {
        if (!ReferenceEquals(data.Model, Model)) throw new ArgumentException("the mjData belongs to another model than this window's.");
        if (!rgb.IsEmpty && rgb.Length != rgbWidth * rgbHeight * 3)
            throw new ArgumentException($"pixel buffer has {rgb.Length} bytes; {rgbHeight}x{rgbWidth} RGB needs {rgbWidth * rgbHeight * 3}.");
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var look = stackalloc double[3] { lookX, lookY, lookZ };
        int rc;
        fixed (byte* px = rgb)
        fixed (double* seg = segments)
        fixed (double* sph = spheres)
            rc = MujocoNative.hm_window_draw(_handle.DangerousGetHandle(), data.Ptr, cameraId, look, distance, azimuth, elevation,
                rgb.IsEmpty ? null : px, rgbWidth, rgbHeight, seg, segments.Length / OverlayPacking.SegmentStride, sph, spheres.Length / OverlayPacking.SphereStride);
        if (rc != 0) throw new MujocoException("drawing the window failed: " + MujocoNative.Utf8(MujocoNative.hm_render_last_error()));
    }

    public void Dispose() => _handle.Dispose();
}

public enum WindowEventKind { Key = 1, Drag = 2, Scroll = 3, MouseButton = 4 }

/// <summary>
/// One input event from a window. Code: GLFW key code or mouse button; X, Y: cursor position in
/// window pixels. A, B: key repeat flag (1 on repeats); drag dx, dy; scroll dx, dy; button pressed (1) or released (0).
/// </summary>
public readonly record struct WindowEvent(WindowEventKind Kind, int Code, int Mods, double X, double Y, double A, double B);
