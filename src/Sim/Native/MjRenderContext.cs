using System.Runtime.InteropServices;

namespace Harness.Sim.Native;

internal sealed class MjRenderHandle() : SafeHandle(IntPtr.Zero, true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { MujocoNative.hm_render_free(handle); return true; }
    internal static MjRenderHandle Wrap(IntPtr p) { var h = new MjRenderHandle(); h.SetHandle(p); return h; }
}

/// <summary>
/// One GL context plus MuJoCo's abstract scene (mjvScene) and render context (mjrContext) for
/// images of a fixed size. The context is made current on the calling thread at every render,
/// so a renderer may move between threads, but it must not be used by two threads at once.
/// </summary>
public sealed unsafe class MjRenderContext : IDisposable
{
    private static long _created;
    private readonly MjRenderHandle _handle;
    private readonly object _gate = new();

    /// <summary>GL contexts created in this process so far (for checks that state-only runs make none).</summary>
    public static long ContextsCreated => Interlocked.Read(ref _created);

    public MjRenderContext(MjModel model, int height, int width, GlBackend backend, int maxGeoms)
    {
        if (height <= 0 || width <= 0 || height > 4096 || width > 4096)
            throw new ArgumentOutOfRangeException(nameof(height), $"image size must be between 1x1 and 4096x4096; got {height}x{width}.");
        GlLibrary.EnsureLoaded(backend);
        Model = model;
        Height = height;
        Width = width;
        Backend = backend;
        IntPtr p = MujocoNative.hm_render_create(model.Ptr, width, height, maxGeoms);
        if (p == IntPtr.Zero)
            throw new GlUnavailableException(
                $"could not create a {backend.Name()} rendering context for {height}x{width} images: {MujocoNative.Utf8(MujocoNative.hm_render_last_error())}. " +
                $"Try the other backend (--gl {(backend == GlBackend.OsMesa ? "egl" : "osmesa")}) or check the GL installation (./scripts/setup.sh).");
        _handle = MjRenderHandle.Wrap(p);
        Interlocked.Increment(ref _created);
    }

    public MjModel Model { get; }
    public int Height { get; }
    public int Width { get; }
    public GlBackend Backend { get; }

    /// <summary>Renders fixed camera <paramref name="cameraId"/> into <paramref name="rgb"/> (upright, HxWx3).</summary>
    public void RenderCamera(MjData data, int cameraId, Span<byte> rgb, ReadOnlySpan<double> segments, ReadOnlySpan<double> spheres)
    {
        Check(data, rgb);
        lock (_gate)
            fixed (byte* px = rgb)
            fixed (double* seg = segments)
            fixed (double* sph = spheres)
                Fail(MujocoNative.hm_render_camera(_handle.DangerousGetHandle(), data.Ptr, cameraId, px,
                    seg, segments.Length / OverlayPacking.SegmentStride, sph, spheres.Length / OverlayPacking.SphereStride));
    }

    /// <summary>
    /// Renders fixed camera <paramref name="cameraId"/> and reads its depth buffer into
    /// <paramref name="depth"/> (upright, HxW): MuJoCo's values in [0, 1] between the model's clipping
    /// planes (<see cref="MjModel.DepthClip"/> turns them into metres).
    /// </summary>
    public void RenderDepth(MjData data, int cameraId, Span<float> depth)
    {
        if (!ReferenceEquals(data.Model, Model))
            throw new ArgumentException("the mjData belongs to another model than this renderer's.");
        if (depth.Length != Height * Width)
            throw new ArgumentException($"depth buffer has {depth.Length} values; {Height}x{Width} needs {Height * Width}.");
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        lock (_gate)
            fixed (float* px = depth)
                Fail(MujocoNative.hm_render_camera_depth(_handle.DangerousGetHandle(), data.Ptr, cameraId, px));
    }

    /// <summary>Renders from a free camera orbiting a point (azimuth, elevation in degrees).</summary>
    public void RenderFree(MjData data, double lookX, double lookY, double lookZ, double distance, double azimuth, double elevation,
        Span<byte> rgb, ReadOnlySpan<double> segments, ReadOnlySpan<double> spheres)
    {
        Check(data, rgb);
        var look = stackalloc double[3] { lookX, lookY, lookZ };
        lock (_gate)
            fixed (byte* px = rgb)
            fixed (double* seg = segments)
            fixed (double* sph = spheres)
                Fail(MujocoNative.hm_render_free_camera(_handle.DangerousGetHandle(), data.Ptr, look, distance, azimuth, elevation, px,
                    seg, segments.Length / OverlayPacking.SegmentStride, sph, spheres.Length / OverlayPacking.SphereStride));
    }

    /// <summary>
    /// The benchmark baseline: <paramref name="frames"/> iterations of mjv_updateScene, mjr_render
    /// and mjr_readPixels in one native loop, with nothing else around them.
    /// </summary>
    public void RawLoop(MjData data, int cameraId, int frames)
    {
        lock (_gate) Fail(MujocoNative.hm_render_raw_loop(_handle.DangerousGetHandle(), data.Ptr, cameraId, frames));
    }

    private void Check(MjData data, Span<byte> rgb)
    {
        if (!ReferenceEquals(data.Model, Model))
            throw new ArgumentException("the mjData belongs to another model than this renderer's.");
        if (rgb.Length != Height * Width * 3)
            throw new ArgumentException($"pixel buffer has {rgb.Length} bytes; {Height}x{Width} RGB needs {Height * Width * 3}.");
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
    }

    private static void Fail(int rc)
    {
        if (rc != 0)
            throw new MujocoException("rendering failed: " + MujocoNative.Utf8(MujocoNative.hm_render_last_error()));
    }

    public void Dispose()
    {
        lock (_gate) _handle.Dispose();
    }
}

/// <summary>How overlay geometry is packed for the shim (see render.c).</summary>
public static class OverlayPacking
{
    /// <summary>x0 y0 z0 x1 y1 z1 radius r g b a.</summary>
    public const int SegmentStride = 11;
    /// <summary>x y z radius r g b a.</summary>
    public const int SphereStride = 8;
}
