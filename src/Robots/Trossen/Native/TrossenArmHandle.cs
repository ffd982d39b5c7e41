using System.Runtime.InteropServices;

namespace Harness.Robots.Trossen.Native;

/// <summary>An open arm (th_arm*): released with th_disconnect, which runs the driver's cleanup.</summary>
internal sealed unsafe class TrossenArmHandle : SafeHandle
{
    private readonly TrossenShimLibrary _shim;

    public TrossenArmHandle(TrossenShimLibrary shim, IntPtr arm) : base(IntPtr.Zero, ownsHandle: true)
    {
        _shim = shim;
        SetHandle(arm);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        _shim.Disconnect(handle);
        return true;
    }
}
