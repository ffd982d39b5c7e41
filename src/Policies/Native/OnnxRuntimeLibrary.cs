using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Harness.Policies.Native;

/// <summary>
/// The process's ONNX Runtime: the native library that comes with the NuGet package
/// (Microsoft.ML.OnnxRuntime, or Microsoft.ML.OnnxRuntime.Gpu.Linux in a CUDA build), or the one
/// named by <c>HARNESS_ONNXRUNTIME_LIB</c>. Configured once, before the first ORT call, because
/// both the library choice and the environment (log level) are fixed for the life of the process.
/// </summary>
public static class OnnxRuntimeLibrary
{
    public const string EnvironmentVariable = "HARNESS_ONNXRUNTIME_LIB";

    /// <summary>True when this Harness was built with -p:HarnessOnnxCuda=true (the GPU package).</summary>
    public static bool IsCudaBuild =>
#if HARNESS_ONNX_CUDA
        true;
#else
        false;
#endif

    /// <summary>The NuGet package this build links, as the user would name it.</summary>
    public static string PackageName => IsCudaBuild ? "Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0" : "Microsoft.ML.OnnxRuntime 1.31.1";

    private static readonly Lazy<Loaded> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads and configures ONNX Runtime (once); throws <see cref="OnnxRuntimeUnavailableException"/> when it cannot.</summary>
    public static void EnsureLoaded() => _ = Instance.Value;

    public static string Version => Instance.Value.Version;

    /// <summary>The libonnxruntime.so this process runs (the override, or the package's copy).</summary>
    public static string LibraryPath => Instance.Value.Path;

    /// <summary>Execution providers compiled into the loaded library (their own libraries may still be missing).</summary>
    public static IReadOnlyList<string> AvailableProviders()
    {
        EnsureLoaded();
        return OrtEnv.Instance().GetAvailableProviders();
    }

    /// <summary>
    /// The override path from <paramref name="value"/> (the environment variable's value): null when
    /// unset; a full path when it names a file; otherwise an error saying what to do.
    /// </summary>
    public static string? ResolveOverride(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (File.Exists(value)) return Path.GetFullPath(value);
        throw new OnnxRuntimeUnavailableException(
            $"{EnvironmentVariable} is set to '{value}', but no file exists there. Point it at a libonnxruntime.so " +
            $"compatible with ONNX Runtime 1.31 (the C# API of {PackageName} needs API version 31 or newer), or unset it to use the library from the NuGet package.");
    }

    private sealed record Loaded(string Version, string Path);

    private static Loaded Load()
    {
        string? custom = ResolveOverride(Environment.GetEnvironmentVariable(EnvironmentVariable));
        if (custom is not null)
        {
            // Our resolver replaces the package's: every [DllImport("onnxruntime")] binds to the user's file.
            OrtEnv.DisableDllImportResolver = true;
            NativeLibrary.SetDllImportResolver(typeof(OrtEnv).Assembly, (name, _, _) =>
                name == "onnxruntime" ? LoadOverride(custom) : IntPtr.Zero);
        }
        try
        {
            var options = new EnvironmentCreationOptions { logId = "harness", logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
            var env = OrtEnv.CreateInstanceWithOptions(ref options);
            string version = env.GetVersionString();
            return new Loaded(version, custom ?? FindLoadedLibrary() ?? "(unknown)");
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException)
        {
            var inner = ex is TypeInitializationException { InnerException: { } i } ? i : ex;
            if (inner is OnnxRuntimeUnavailableException unavailable) throw unavailable;
            throw new OnnxRuntimeUnavailableException(
                $"ONNX Runtime could not be loaded from {(custom is null ? $"the NuGet package {PackageName}" : $"'{custom}' ({EnvironmentVariable})")}: {inner.Message}. " +
                (custom is null
                    ? "Rebuild with ./scripts/setup.sh (it restores the package), and check that runtimes/linux-x64/native/libonnxruntime.so sits next to the harness binaries."
                    : $"Point {EnvironmentVariable} at a working libonnxruntime.so for linux-x64 (1.31 or newer), or unset it."), inner);
        }
    }

    private static IntPtr LoadOverride(string path)
    {
        IntPtr lib;
        try { lib = NativeLibrary.Load(path); }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeUnavailableException(
                $"could not load '{path}' ({EnvironmentVariable}): {ex.Message}. Point it at a libonnxruntime.so for linux-x64, or unset it.", ex);
        }
        if (!NativeLibrary.TryGetExport(lib, "OrtGetApiBase", out _))
            throw new OnnxRuntimeUnavailableException(
                $"'{path}' ({EnvironmentVariable}) does not export OrtGetApiBase; it is not an ONNX Runtime library. Point the variable at libonnxruntime.so, or unset it.");
        return lib;
    }

    /// <summary>Where the dynamic loader found libonnxruntime (Linux: from /proc/self/maps).</summary>
    private static string? FindLoadedLibrary()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        foreach (var line in File.ReadLines(maps))
        {
            int slash = line.IndexOf('/');
            if (slash >= 0 && line.EndsWith(".so", StringComparison.Ordinal) && line.Contains("/libonnxruntime.so", StringComparison.Ordinal))
                return line[slash..];
        }
        return null;
    }
}
