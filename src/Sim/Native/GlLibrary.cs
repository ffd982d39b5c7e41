namespace Harness.Sim.Native;

/// <summary>
/// Opens the GL library of a backend once per process (with global symbol visibility, which
/// MuJoCo's GL loader needs). Library paths can be overridden for users with their own builds.
/// </summary>
public static class GlLibrary
{
    public const string OsMesaPathVariable = "HARNESS_OSMESA_LIBRARY";
    public const string EglPathVariable = "HARNESS_EGL_LIBRARY";
    public const string GlfwPathVariable = "HARNESS_GLFW_LIBRARY";

    private static readonly object Gate = new();
    private static GlBackend? _loaded;

    /// <summary>The backend in use in this process, or null before the first renderer.</summary>
    public static GlBackend? Loaded { get { lock (Gate) return _loaded; } }

    /// <summary>What was opened, e.g. "egl 1.5, device 0 of 1, vendor NVIDIA".</summary>
    public static string Description => MujocoNative.Utf8(MujocoNative.hm_gl_describe()) ?? "";

    public static void EnsureLoaded(GlBackend backend)
    {
        MujocoLibrary.EnsureLoaded();
        lock (Gate)
        {
            if (_loaded == backend) return;
            var (variable, defaultPath, package) = backend switch
            {
                GlBackend.Egl => (EglPathVariable, "libEGL.so.1", "libegl1 and libegl-mesa0"),
                GlBackend.Glfw => (GlfwPathVariable, "libglfw.so.3", "libglfw3"),
                _ => (OsMesaPathVariable, "libOSMesa.so.8", "libosmesa6"),
            };
            var overridePath = Environment.GetEnvironmentVariable(variable);
            string path = string.IsNullOrWhiteSpace(overridePath) ? defaultPath : overridePath;
            int rc = MujocoNative.hm_gl_load((int)backend, path);
            string detail = MujocoNative.Utf8(MujocoNative.hm_render_last_error()) ?? "";
            if (rc == -2)
                throw new GlUnavailableException($"cannot switch to --gl {backend.Name()}: {detail}. Use the same --gl (or {GlBackends.Variable}) for the whole process.");
            if (rc != 0)
                throw new GlUnavailableException(
                    $"the {backend.Name()} GL backend could not be opened ({path}): {detail}. " +
                    $"It comes from the Debian package(s) {package}: run ./scripts/setup.sh (or sudo apt-get install {package.Replace(" and ", " ")}), " +
                    $"set {variable} to your own build, or choose another backend with --gl {(backend == GlBackend.OsMesa ? "egl" : "osmesa")}" +
                    (backend == GlBackend.Glfw ? "; windows also need an X display (DISPLAY set, or run under xvfb-run)." : "."));
            _loaded = backend;
        }
    }
}

/// <summary>No GL context can be made: the library is missing or refuses to create one.</summary>
public sealed class GlUnavailableException(string message) : Exception(message);
