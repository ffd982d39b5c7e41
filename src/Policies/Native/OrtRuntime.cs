using System.Runtime.InteropServices;

namespace Harness.Policies.Native;

/// <summary>
/// Loads libonnxruntime once per process and hands out its API table. The library stays loaded
/// for the life of the process: ORT keeps process-wide state (thread pools, the env singleton).
/// </summary>
internal static unsafe class OrtRuntime
{
    private static readonly Lazy<OrtApi> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static OrtApi Api => Instance.Value;

    private static OrtApi Load()
    {
        string path = OrtLibraryLocator.Locate();
        IntPtr lib;
        try { lib = NativeLibrary.Load(path); }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeUnavailableException(
                $"could not load ONNX Runtime from '{path}': {ex.Message}. Re-run ./scripts/setup.sh, " +
                $"or set {OrtLibraryLocator.EnvironmentVariable} to a working libonnxruntime.so for linux-x64.", ex);
        }
        if (!NativeLibrary.TryGetExport(lib, "OrtGetApiBase", out var getBase))
            throw new OnnxRuntimeUnavailableException($"'{path}' does not export OrtGetApiBase; it is not an ONNX Runtime library.");

        // OrtApiBase = { GetApi(uint version), GetVersionString() }.
        var apiBase = (IntPtr*)((delegate* unmanaged<IntPtr>)getBase)();
        var getApi = (delegate* unmanaged<uint, IntPtr>)apiBase[0];
        var getVersion = (delegate* unmanaged<byte*>)apiBase[1];
        string version = Marshal.PtrToStringUTF8((IntPtr)getVersion()) ?? "unknown";

        // Newest table first; an older runtime only knows older tables (and says so on stderr).
        for (uint v = OrtApi.HeaderApiVersion; v >= OrtApi.MinimumApiVersion; v--)
        {
            IntPtr table = getApi(v);
            if (table != IntPtr.Zero) return new OrtApi(table, v, version, path);
        }
        throw new OnnxRuntimeUnavailableException(
            $"ONNX Runtime {version} at '{path}' offers none of the API versions {OrtApi.MinimumApiVersion}..{OrtApi.HeaderApiVersion}. " +
            $"Harness is built against ONNX Runtime 1.30; run ./scripts/setup.sh or point {OrtLibraryLocator.EnvironmentVariable} at 1.30 or newer.");
    }
}
