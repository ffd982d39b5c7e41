namespace Harness.Sim.Native;

/// <summary>
/// Loads the MuJoCo shim once and checks that the library in memory is the version whose
/// headers the shim was compiled against (a mismatch would misread memory).
/// </summary>
public static class MujocoLibrary
{
    private static readonly Lazy<int> Loaded = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loaded MuJoCo version as MuJoCo prints it, e.g. "2.2.2".</summary>
    public static string Version => Format(Loaded.Value);

    public static void EnsureLoaded() => _ = Loaded.Value;

    private static string Format(int v) => $"{v / 100}.{v / 10 % 10}.{v % 10}";

    private static int Initialise()
    {
        int header, library;
        try
        {
            header = MujocoNative.hm_header_version();
            library = MujocoNative.hm_library_version();
        }
        catch (DllNotFoundException ex)
        {
            throw new MujocoException(
                "MuJoCo could not be loaded (libharness_mujoco.so or libmujoco.so.2.2.2 missing). " +
                "Run ./scripts/setup.sh (installs Debian's libmujoco-dev and builds the shim). Detail: " + ex.Message);
        }
        if (header != library)
            throw new MujocoException(
                $"MuJoCo library version {Format(library)} does not match the headers the shim was built against ({Format(header)}). " +
                "Rebuild with ./scripts/setup.sh so the shim is compiled against the installed mujoco.h.");
        MujocoNative.hm_init();
        return library;
    }
}
