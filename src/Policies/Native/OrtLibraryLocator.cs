namespace Harness.Policies.Native;

/// <summary>
/// Finds <c>libonnxruntime.so</c>: <c>HARNESS_ONNXRUNTIME_LIB</c> wins; otherwise the copy that
/// <c>scripts/setup.sh</c> installs from the npm package onnxruntime-node under the repository root.
/// </summary>
public static class OrtLibraryLocator
{
    public const string EnvironmentVariable = "HARNESS_ONNXRUNTIME_LIB";
    public const string NpmRelativeDir = ".deps/npm/node_modules/onnxruntime-node/bin";

    public static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            if (File.Exists(fromEnv)) return Path.GetFullPath(fromEnv);
            throw new OnnxRuntimeUnavailableException(
                $"{EnvironmentVariable} is set to '{fromEnv}', but no file exists there. " +
                $"Point it at a libonnxruntime.so (1.30 or newer), or unset it to use the copy installed by ./scripts/setup.sh.");
        }

        var root = FindRepositoryRoot(AppContext.BaseDirectory);
        string searched = root is null
            ? $"<repository root>/{NpmRelativeDir} (no directory containing Harness.sln above {AppContext.BaseDirectory})"
            : Path.Combine(root, NpmRelativeDir);
        if (root is not null && Directory.Exists(Path.Combine(root, NpmRelativeDir)))
        {
            // napi-v*/linux/x64/libonnxruntime.so*; newest napi folder first.
            var found = Directory.EnumerateFiles(Path.Combine(root, NpmRelativeDir), "libonnxruntime.so*", SearchOption.AllDirectories)
                .Where(p => p.Replace('\\', '/').Contains("/linux/x64/", StringComparison.Ordinal))
                .OrderByDescending(p => p, StringComparer.Ordinal)
                .FirstOrDefault();
            if (found is not null) return found;
        }
        throw new OnnxRuntimeUnavailableException(
            $"ONNX Runtime was not found. Looked at ${EnvironmentVariable} (not set) and {searched}/**/linux/x64/libonnxruntime.so*. " +
            "Run ./scripts/setup.sh (it installs onnxruntime-node@1.30.0 into .deps/npm), " +
            $"or set {EnvironmentVariable} to the path of a libonnxruntime.so.");
    }

    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
        return null;
    }
}
