using System.Runtime.InteropServices;

namespace Harness.Sim.Native;

internal sealed class MjModelHandle() : SafeHandle(IntPtr.Zero, true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { MujocoNative.hm_delete_model(handle); return true; }
    internal static MjModelHandle Wrap(IntPtr p) { var h = new MjModelHandle(); h.SetHandle(p); return h; }
}

internal sealed class MjDataHandle() : SafeHandle(IntPtr.Zero, true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { MujocoNative.hm_delete_data(handle); return true; }
    internal static MjDataHandle Wrap(IntPtr p) { var h = new MjDataHandle(); h.SetHandle(p); return h; }
}
