using System.Runtime.InteropServices;

namespace Harness.Robots.Trossen.Native;

/// <summary>
/// The loaded shim: its C functions as unmanaged function pointers (the ABI of trossen_shim.h).
/// One instance per library path for the life of the process.
/// </summary>
internal sealed unsafe class TrossenShimLibrary
{
    public const int AbiVersion = 1;
    private static readonly Dictionary<string, TrossenShimLibrary> Loaded = new();

    public readonly string Path;
    public readonly delegate* unmanaged<int> AbiVersionFn;
    public readonly delegate* unmanaged<byte*> LastError;
    public readonly delegate* unmanaged<byte*, int, int, int, double, IntPtr*, int> Connect;
    public readonly delegate* unmanaged<IntPtr, int> Disconnect;
    public readonly delegate* unmanaged<IntPtr, int*, int> NumJoints;
    public readonly delegate* unmanaged<IntPtr, byte*, int, int> DriverVersion;
    public readonly delegate* unmanaged<IntPtr, byte*, int, int> ControllerVersion;
    public readonly delegate* unmanaged<IntPtr, int> SetPositionMode;
    public readonly delegate* unmanaged<IntPtr, int> TorqueOff;
    public readonly delegate* unmanaged<IntPtr, double*, double*, double*, int, int> Read;
    public readonly delegate* unmanaged<IntPtr, double*, int, double, int, int> SetPositions;
    public readonly delegate* unmanaged<IntPtr, double, double, int, int> SetGripper;
    public readonly delegate* unmanaged<IntPtr, double*, double*, double*, int, int> JointLimits;
    public readonly delegate* unmanaged<IntPtr, byte*, int, int> ErrorInformation;
    public readonly delegate* unmanaged<IntPtr, int> ClearError;

    private TrossenShimLibrary(string path, IntPtr lib)
    {
        Path = path;
        IntPtr F(string name) => NativeLibrary.TryGetExport(lib, name, out var p) ? p
            : throw new TrossenUnavailableException($"'{path}' does not export {name}; it is not a Harness Trossen shim (trossen_shim.h, ABI {AbiVersion}). Rebuild it from src/Robots/Trossen/Native/shim.");
        AbiVersionFn = (delegate* unmanaged<int>)F("th_abi_version");
        LastError = (delegate* unmanaged<byte*>)F("th_last_error");
        Connect = (delegate* unmanaged<byte*, int, int, int, double, IntPtr*, int>)F("th_connect");
        Disconnect = (delegate* unmanaged<IntPtr, int>)F("th_disconnect");
        NumJoints = (delegate* unmanaged<IntPtr, int*, int>)F("th_num_joints");
        DriverVersion = (delegate* unmanaged<IntPtr, byte*, int, int>)F("th_driver_version");
        ControllerVersion = (delegate* unmanaged<IntPtr, byte*, int, int>)F("th_controller_version");
        SetPositionMode = (delegate* unmanaged<IntPtr, int>)F("th_set_position_mode");
        TorqueOff = (delegate* unmanaged<IntPtr, int>)F("th_torque_off");
        Read = (delegate* unmanaged<IntPtr, double*, double*, double*, int, int>)F("th_read");
        SetPositions = (delegate* unmanaged<IntPtr, double*, int, double, int, int>)F("th_set_positions");
        SetGripper = (delegate* unmanaged<IntPtr, double, double, int, int>)F("th_set_gripper");
        JointLimits = (delegate* unmanaged<IntPtr, double*, double*, double*, int, int>)F("th_joint_limits");
        ErrorInformation = (delegate* unmanaged<IntPtr, byte*, int, int>)F("th_error_information");
        ClearError = (delegate* unmanaged<IntPtr, int>)F("th_clear_error");
        int abi = AbiVersionFn();
        if (abi != AbiVersion)
            throw new TrossenUnavailableException($"'{path}' implements Trossen shim ABI {abi}; this Harness needs ABI {AbiVersion}. Rebuild the shim from this checkout (src/Robots/Trossen/Native/shim).");
    }

    /// <summary>The shim that <see cref="TrossenShimLocator.Locate()"/> finds, loaded once.</summary>
    public static TrossenShimLibrary Load() => Load(TrossenShimLocator.Locate());

    public static TrossenShimLibrary Load(string path)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(path, out var l)) return l;
            IntPtr lib;
            try { lib = NativeLibrary.Load(path); }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
            {
                throw new TrossenUnavailableException(
                    $"could not load the Trossen shim '{path}': {ex.Message}. If it was built against libtrossen_arm, rebuild it on this machine " +
                    $"({TrossenShimLocator.SdkVariable}=/path/to/trossen_arm ./scripts/setup.sh).", ex);
            }
            var shim = new TrossenShimLibrary(path, lib);
            Loaded[path] = shim;
            return shim;
        }
    }

    /// <summary>The calling thread's last error text from the shim.</summary>
    public string LastErrorText() => Marshal.PtrToStringUTF8((IntPtr)LastError()) ?? "";
}
