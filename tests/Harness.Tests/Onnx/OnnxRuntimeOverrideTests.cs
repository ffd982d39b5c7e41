using Harness.Policies.Native;
using Harness.Tests.Rendering;
using Harness.Tests.Support;

namespace Harness.Tests.Onnx;

/// <summary>
/// HARNESS_ONNXRUNTIME_LIB replaces the NuGet package's libonnxruntime.so for the whole process,
/// so each case runs `harness eval` in a child process.
/// </summary>
public class OnnxRuntimeOverrideTests
{
    private static (int Code, string Out, string Err) Eval(string library, string outDir) =>
        ProcessRunner.Run("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "harness.dll"), "eval", "--scene", "so101-pick-place",
             "--policy", "onnx:" + Path.Combine(RepoPaths.Root, "policies", "so101_state_mlp_80"), "--episodes", "1", "--max-steps", "5", "--out", outDir],
            new Dictionary<string, string> { [OnnxRuntimeLibrary.EnvironmentVariable] = library });

    [Test]
    public void A_copy_of_the_runtime_named_by_the_variable_is_the_one_loaded()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["lib"]);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libonnxruntime.so"), dir["lib/libonnxruntime.so"]);
        var (code, _, err) = Eval(dir["lib/libonnxruntime.so"], dir["run"]);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(File.Exists(dir["run/run.json"]), Is.True);
    }

    [Test]
    public void A_library_that_is_not_onnx_runtime_is_refused_by_name_and_no_run_starts()
    {
        using var dir = new TempDir();
        const string libm = "/usr/lib/x86_64-linux-gnu/libm.so.6";
        var (code, _, err) = Eval(libm, dir["run"]);
        Assert.That(code, Is.Not.EqualTo(0));
        Assert.That(err, Does.Contain(libm).And.Contain("does not export OrtGetApiBase").And.Contain(OnnxRuntimeLibrary.EnvironmentVariable));

        var (missingCode, _, missingErr) = Eval("/nonexistent/libonnxruntime.so", dir["run"]);
        Assert.That(missingCode, Is.Not.EqualTo(0));
        Assert.That(missingErr, Does.Contain("/nonexistent/libonnxruntime.so").And.Contain("unset it"));
        Assert.That(Directory.Exists(dir["run"]), Is.False);
    }
}
