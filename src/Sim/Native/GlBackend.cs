namespace Harness.Sim.Native;

/// <summary>
/// How a GL context is made without a display. One backend per process: MuJoCo 2.2.2 loads its
/// GL function pointers once.
/// </summary>
public enum GlBackend
{
    /// <summary>Mesa's software rasteriser (Debian libosmesa6, libOSMesa.so.8). Works everywhere.</summary>
    OsMesa = 1,
    /// <summary>EGL without a window: a GPU through the device platform, else Mesa's surfaceless platform (Debian libegl1, libegl-mesa0).</summary>
    Egl = 2,
    /// <summary>
    /// GLFW windows on an X display (Debian libglfw3): visible windows for viewers, hidden ones as
    /// offscreen contexts in the same process. Needs DISPLAY (e.g. under xvfb-run).
    /// </summary>
    Glfw = 3,
}

public static class GlBackends
{
    /// <summary>Environment variable choosing the backend when no --gl is given: osmesa or egl.</summary>
    public const string Variable = "HARNESS_GL";

    public static IReadOnlyList<string> Names { get; } = ["osmesa", "egl", "glfw"];

    public static GlBackend Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "osmesa" => GlBackend.OsMesa,
        "egl" => GlBackend.Egl,
        "glfw" => GlBackend.Glfw,
        _ => throw new ArgumentException($"unknown GL backend '{text}'; expected one of: {string.Join(", ", Names)} (--gl or {Variable})."),
    };

    /// <summary>The explicit choice if given, else HARNESS_GL, else OSMesa.</summary>
    public static GlBackend Resolve(string? explicitChoice = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitChoice)) return Parse(explicitChoice);
        var env = Environment.GetEnvironmentVariable(Variable);
        return string.IsNullOrWhiteSpace(env) ? GlBackend.OsMesa : Parse(env);
    }

    public static string Name(this GlBackend b) => b switch { GlBackend.Egl => "egl", GlBackend.Glfw => "glfw", _ => "osmesa" };
}
