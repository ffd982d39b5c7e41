using System.Runtime.InteropServices;

namespace Harness.Sim.Native;

/// <summary>P/Invoke declarations for the rendering part of the shim (shim/render.c).</summary>
internal static unsafe partial class MujocoNative
{
    [LibraryImport(Shim, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int hm_gl_load(int backend, string path);
    [LibraryImport(Shim)] internal static partial IntPtr hm_gl_describe();
    [LibraryImport(Shim)] internal static partial IntPtr hm_render_last_error();
    [LibraryImport(Shim)] internal static partial IntPtr hm_render_create(IntPtr m, int width, int height, int maxgeom);
    [LibraryImport(Shim)] internal static partial void hm_render_free(IntPtr r);
    [LibraryImport(Shim)]
    internal static partial int hm_render_camera(IntPtr r, IntPtr d, int camid, byte* rgb, double* seg, int nseg, double* sph, int nsph);
    [LibraryImport(Shim)]
    internal static partial int hm_render_free_camera(IntPtr r, IntPtr d, double* lookat, double distance, double azimuth, double elevation,
        byte* rgb, double* seg, int nseg, double* sph, int nsph);
    [LibraryImport(Shim)] internal static partial int hm_render_camera_depth(IntPtr r, IntPtr d, int camid, float* depth);
    [LibraryImport(Shim)] internal static partial int hm_render_raw_loop(IntPtr r, IntPtr d, int camid, int frames);

    [LibraryImport(Shim, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr hm_window_create(IntPtr m, int width, int height, int maxgeom, string title);
    [LibraryImport(Shim)] internal static partial void hm_window_size(IntPtr r, int* width, int* height);
    [LibraryImport(Shim)] internal static partial int hm_window_events(IntPtr r, double* events, int max);
    [LibraryImport(Shim)] internal static partial int hm_window_should_close(IntPtr r);
    [LibraryImport(Shim)] internal static partial void hm_window_set_should_close(IntPtr r, int value);
    [LibraryImport(Shim)]
    internal static partial int hm_window_draw(IntPtr r, IntPtr d, int camid, double* lookat, double distance, double azimuth, double elevation,
        byte* rgb, int width, int height, double* seg, int nseg, double* sph, int nsph);
}
