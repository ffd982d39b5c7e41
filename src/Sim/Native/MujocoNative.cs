using System.Runtime.InteropServices;

namespace Harness.Sim.Native;

/// <summary>
/// P/Invoke declarations for the shim (libharness_mujoco.so, compiled against the installed
/// mujoco.h at build time). Every struct field access goes through the shim; only opaque pointers
/// cross this boundary and they never leave the Native folder.
/// </summary>
internal static unsafe partial class MujocoNative
{
    private const string Shim = "harness_mujoco";

    [LibraryImport(Shim)] internal static partial int hm_header_version();
    [LibraryImport(Shim)] internal static partial int hm_library_version();
    [LibraryImport(Shim)] internal static partial void hm_init();
    [LibraryImport(Shim)] internal static partial IntPtr hm_last_error();
    [LibraryImport(Shim)] internal static partial IntPtr hm_last_warning();

    [LibraryImport(Shim, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr hm_load_xml(string path, byte* err, int errlen);

    [LibraryImport(Shim)] internal static partial void hm_delete_model(IntPtr m);
    [LibraryImport(Shim)] internal static partial void hm_delete_data(IntPtr d);
    [LibraryImport(Shim)] internal static partial IntPtr hm_make_data(IntPtr m);
    [LibraryImport(Shim)] internal static partial int hm_step(IntPtr m, IntPtr d, int substeps);
    [LibraryImport(Shim)] internal static partial int hm_forward(IntPtr m, IntPtr d);
    [LibraryImport(Shim)] internal static partial int hm_kinematics(IntPtr m, IntPtr d);
    [LibraryImport(Shim)] internal static partial int hm_reset(IntPtr m, IntPtr d);
    [LibraryImport(Shim)] internal static partial int hm_copy_data(IntPtr m, IntPtr dst, IntPtr src);
    [LibraryImport(Shim)] internal static partial int hm_jac_site(IntPtr m, IntPtr d, double* jacp, double* jacr, int site);

    [LibraryImport(Shim, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int hm_name2id(IntPtr m, int kind, string name);
    [LibraryImport(Shim)] internal static partial IntPtr hm_id2name(IntPtr m, int kind, int id);

    [LibraryImport(Shim)] internal static partial int hm_model_size(IntPtr m, int which);
    [LibraryImport(Shim)] internal static partial double hm_model_timestep(IntPtr m);
    [LibraryImport(Shim)] internal static partial void hm_model_set_timestep(IntPtr m, double dt);
    [LibraryImport(Shim)] internal static partial void hm_model_depth_clip(IntPtr m, double* out3);
    [LibraryImport(Shim)] internal static partial void* hm_model_ptr(IntPtr m, int which);
    [LibraryImport(Shim)] internal static partial int hm_ngain();
    [LibraryImport(Shim)] internal static partial int hm_nbias();
    [LibraryImport(Shim)] internal static partial IntPtr hm_copy_model(IntPtr dst, IntPtr src);
    [LibraryImport(Shim)] internal static partial int hm_model_nbuffer(IntPtr m);
    [LibraryImport(Shim)] internal static partial int hm_set_const(IntPtr m, IntPtr d);

    [LibraryImport(Shim)] internal static partial void* hm_data_ptr(IntPtr d, int which);
    [LibraryImport(Shim)] internal static partial double hm_data_time(IntPtr d);
    [LibraryImport(Shim)] internal static partial void hm_data_set_time(IntPtr d, double t);
    [LibraryImport(Shim)] internal static partial int hm_data_ncon(IntPtr d);
    [LibraryImport(Shim)] internal static partial int hm_data_warning(IntPtr d, int which);
    [LibraryImport(Shim)] internal static partial int hm_warn_badqacc();
    [LibraryImport(Shim)] internal static partial int hm_contact(IntPtr d, int i, int* geom1, int* geom2, double* dist, double* pos);
    [LibraryImport(Shim)] internal static partial int hm_contact_force(IntPtr m, IntPtr d, int i, double* result);

    internal static string? Utf8(IntPtr p) => p == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(p);
}
