using System.Diagnostics;
using System.Runtime.InteropServices;
using Harness.Robots.Trossen.Native;

namespace Harness.Tests.Robots.Trossen;

/// <summary>
/// Builds fake_trossen_shim.c (the shim ABI, no vendor library) with gcc into a temporary .so and
/// points HARNESS_TROSSEN_SHIM at it, so the driver runs through exactly the path a real shim takes.
/// </summary>
public static class FakeTrossenShim
{
    private static readonly Lazy<string> Built = new(Build);

    public static string Path => Built.Value;

    public static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Harness.sln"))) return d.FullName;
        throw new DirectoryNotFoundException($"no Harness.sln above {AppContext.BaseDirectory}");
    }

    private static string Build()
    {
        var root = RepositoryRoot();
        var source = System.IO.Path.Combine(root, "tests/Harness.Tests/Robots/Trossen/fake_trossen_shim.c");
        var include = System.IO.Path.Combine(root, "src/Robots/Trossen/Native/shim");
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "harness-tests", "fake-trossen-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var output = System.IO.Path.Combine(dir, "libfake_trossen.so");
        var psi = new ProcessStartInfo("gcc", ["-std=c11", "-O2", "-shared", "-fPIC", "-Wall", "-Werror", "-I", include, "-o", output, source, "-lm", "-lpthread"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var gcc = Process.Start(psi)!;
        string err = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0) throw new InvalidOperationException($"gcc failed to build the fake Trossen shim:\n{err}");
        return output;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void ResetFn();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int InjectErrorFn([MarshalAs(UnmanagedType.LPStr)] string ip, int code);

    private static T Export<T>(string name) where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(NativeLibrary.Load(Path), name));

    /// <summary>Points the driver at the fake and forgets every controller's state (errors, positions).</summary>
    public static void Use()
    {
        Environment.SetEnvironmentVariable(TrossenShimLocator.ShimVariable, Path);
        Export<ResetFn>("fake_trossen_reset")();
    }

    /// <summary>The controller at <paramref name="ip"/> enters error state <paramref name="code"/> (trossen_arm::ErrorState).</summary>
    public static void InjectError(string ip, int code)
    {
        if (Export<InjectErrorFn>("fake_trossen_inject_error")(ip, code) != 0)
            throw new InvalidOperationException($"no fake controller at {ip}");
    }
}
