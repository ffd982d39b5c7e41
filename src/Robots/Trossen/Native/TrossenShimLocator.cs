namespace Harness.Robots.Trossen.Native;

/// <summary>
/// Finds the shim library: <c>HARNESS_TROSSEN_SHIM</c> (a path) wins; otherwise <c>libharness_trossen.so</c>
/// next to this assembly, where the build puts it when <c>HARNESS_TROSSEN_SDK</c> was set.
/// </summary>
public static class TrossenShimLocator
{
    public const string ShimVariable = "HARNESS_TROSSEN_SHIM";
    public const string SdkVariable = "HARNESS_TROSSEN_SDK";
    public const string LibraryName = "libharness_trossen.so";

    public static string Locate() =>
        Locate(Environment.GetEnvironmentVariable(ShimVariable), Path.GetDirectoryName(typeof(TrossenShimLocator).Assembly.Location) ?? AppContext.BaseDirectory);

    /// <summary>The same search with its inputs given (tests use it to stand in for a machine without the SDK).</summary>
    public static string Locate(string? overridePath, string assemblyDirectory)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            if (File.Exists(overridePath)) return Path.GetFullPath(overridePath);
            throw new TrossenUnavailableException(
                $"{ShimVariable} is set to '{overridePath}', but no file exists there. Point it at a built {LibraryName}, or unset it to use the one built with the SDK.");
        }
        var beside = Path.Combine(assemblyDirectory, LibraryName);
        if (File.Exists(beside)) return beside;
        throw new TrossenUnavailableException(MissingMessage(beside));
    }

    /// <summary>What to install, and how, when the shim is not built.</summary>
    public static string MissingMessage(string lookedAt) =>
        "Trossen WidowX AI arms need Trossen Robotics' C++ driver (libtrossen_arm), which this build does not include " +
        $"(no {LibraryName} at {lookedAt}). To install it: " +
        "(1) git clone https://github.com/TrossenRobotics/trossen_arm /opt/trossen_arm (headers in include/, the library in lib/linux/x86_64/); " +
        $"(2) rebuild Harness against it: {SdkVariable}=/opt/trossen_arm ./scripts/setup.sh " +
        "(compiles src/Robots/Trossen/Native/shim/trossen_shim.cpp into " + LibraryName + " next to the Harness binaries). " +
        $"Or set {ShimVariable} to a {LibraryName} built elsewhere. The arm's controller firmware must match the driver's major.minor version.";
}

/// <summary>Trossen support is not available on this machine (the shim or the vendor driver is missing).</summary>
public sealed class TrossenUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
