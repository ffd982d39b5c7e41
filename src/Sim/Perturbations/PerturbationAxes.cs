using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Packages;
using Harness.Sim.Perturbations.Kinds;

namespace Harness.Sim.Perturbations;

/// <summary>What a kind needs to check its keys against the package (names, cameras, joints) and report problems.</summary>
public sealed record PerturbationContext(
    string Key,
    PerturbationSection Section,
    PackageNames Names,
    IReadOnlyList<JointElement> Elements,
    double ControlHz,
    Action<string, string> Problem)
{
    public MjModel Model => Names.Model;

    /// <summary>Reports a problem at <c>perturbations[i].key</c>.</summary>
    public void P(string key, string message) => Problem(key.Length == 0 ? Key : $"{Key}.{key}", message);

    /// <summary>A required, non-empty list; reports and returns null when missing.</summary>
    public IReadOnlyList<string>? Required(List<string>? list, string key, string expected)
    {
        if (list is { Count: > 0 }) return list;
        P(key, $"missing; expected {expected}.");
        return null;
    }

    /// <summary>MJCF camera names (what a perturbation moves is the model's camera); reports unknown ones.</summary>
    public IReadOnlyList<string>? MjcfCameras(List<string>? names)
    {
        var list = Required(names, "cameras", "MJCF camera names");
        if (list is null) return null;
        bool ok = true;
        for (int i = 0; i < list.Count; i++) ok &= Names.Require(MjObject.Camera, list[i], $"{Key}.cameras[{i}]") >= 0;
        return ok ? list : null;
    }
}

/// <summary>
/// Reads scene.yaml's <c>perturbations:</c> list into axes: checks the common keys (name, kind,
/// nominal, range, unit), refuses keys that do not belong to the kind, and lets the kind resolve
/// its names against the MJCF. Every problem goes to the loader's list, with its key.
/// </summary>
public static class PerturbationAxes
{
    private sealed record KindSpec(string Unit, double Nominal, bool Integer, bool Factor, string[] Keys, Func<PerturbationContext, IPerturbation?> Parse,
        Func<PerturbationContext, (double Lo, double Hi)?>? DefaultRange = null);

    private static readonly Dictionary<string, KindSpec> Kinds = new(StringComparer.Ordinal)
    {
        ["geom_scale"] = new("x", 1, false, true, ["geoms"], GeomScale.Parse),
        ["body_mass"] = new("x", 1, false, true, ["bodies"], BodyMass.Parse),
        ["geom_friction"] = new("x", 1, false, true, ["geoms"], GeomFriction.Parse),
        ["geom_colour"] = new("deg", 0, false, false, ["geoms"], GeomColour.Parse),
        ["geom_material"] = new("index", 0, true, false, ["geoms", "materials"], GeomMaterial.Parse, c => (0, c.Section.Materials?.Count ?? 0)),
        ["light_direction"] = new("deg", 0, false, false, ["lights"], LightDirection.Parse),
        ["light_intensity"] = new("x", 1, false, true, ["lights"], LightIntensity.Parse),
        ["camera_pose"] = new("m", 0, false, false, ["cameras", "tilt_deg"], CameraPose.Parse),
        ["camera_fov"] = new("deg", 0, false, false, ["cameras"], CameraFov.Parse),
        ["joint_noise"] = new("deg", 0, false, false, ["joints"], JointNoise.Parse),
        ["push"] = new("N", 0, false, false, ["body", "trigger", "duration_s", "direction"], Push.Parse),
        ["action_latency"] = new("steps", 0, true, false, [], ActionLatency.Parse),
        ["observation_noise"] = new("", 0, false, false, ["features"], ObservationNoise.Parse),
        ["prompt"] = new("index", 0, true, false, ["paraphrases"], PromptParaphrase.Parse, c => (0, c.Section.Paraphrases?.Count ?? 0)),
    };

    public static IReadOnlyList<string> KindNames => Kinds.Keys.ToArray();

    public static IReadOnlyList<PerturbationAxis> Parse(List<PerturbationSection>? sections, PackageNames names,
        IReadOnlyList<JointElement> elements, double controlHz, Action<string, string> problem)
    {
        var axes = new List<PerturbationAxis>();
        for (int i = 0; i < (sections?.Count ?? 0); i++)
        {
            var s = sections![i];
            var c = new PerturbationContext($"perturbations[{i}]", s, names, elements, controlHz, problem);
            if (string.IsNullOrWhiteSpace(s.Name) || !s.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-'))
            {
                c.P("name", $"expected a short name of letters, digits, '_' or '-' (used in --axes and folder names); found '{s.Name ?? "(missing)"}'.");
                continue;
            }
            if (s.Kind is null || !Kinds.TryGetValue(s.Kind, out var kind))
            {
                c.P("kind", $"expected one of {string.Join(", ", Kinds.Keys)}; found '{s.Kind ?? "(missing)"}'.");
                continue;
            }
            foreach (var k in PresentKeys(s).Where(k => !kind.Keys.Contains(k)))
                c.P(k, $"does not apply to kind {s.Kind}; its keys are name, kind, description, unit, nominal, range{string.Concat(kind.Keys.Select(x => ", " + x))}.");
            var range = Range(c, kind);
            var effect = kind.Parse(c);
            if (range is not null && effect is not null)
                axes.Add(new PerturbationAxis(s.Name, s.Description ?? "", range, effect));
        }
        var dupes = axes.GroupBy(a => a.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (dupes.Length > 0) problem("perturbations", $"axis name(s) used twice: {string.Join(", ", dupes)}.");
        return axes;
    }

    private static PerturbationRange? Range(PerturbationContext c, KindSpec kind)
    {
        var s = c.Section;
        double nominal = s.Nominal ?? kind.Nominal;
        double lo, hi;
        if (s.Range is { Count: 2 } r) (lo, hi) = (r[0], r[1]);
        else if (s.Range is null && kind.DefaultRange?.Invoke(c) is { } d) (lo, hi) = d;
        else { c.P("range", $"expected [low, high] around the nominal value {nominal}; found {(s.Range is null ? "(missing)" : $"[{string.Join(", ", s.Range)}]")}."); return null; }
        if (!(lo < hi) || nominal < lo || nominal > hi)
        { c.P("range", $"expected low < high with the nominal value {nominal} inside [low, high]; found [{lo}, {hi}]."); return null; }
        if (kind.Factor && lo <= 0) { c.P("range", $"a {s.Kind} value is a factor on the model's value; expected low > 0, found {lo}."); return null; }
        if (kind.Integer && (lo != Math.Round(lo) || hi != Math.Round(hi) || nominal != Math.Round(nominal)))
        { c.P("range", $"{s.Kind} values are whole numbers; found nominal {nominal}, range [{lo}, {hi}]."); return null; }
        return new PerturbationRange(nominal, lo, hi, s.Unit ?? kind.Unit, kind.Integer);
    }

    private static IEnumerable<string> PresentKeys(PerturbationSection s)
    {
        if (s.Geoms is not null) yield return "geoms";
        if (s.Bodies is not null) yield return "bodies";
        if (s.Lights is not null) yield return "lights";
        if (s.Cameras is not null) yield return "cameras";
        if (s.Materials is not null) yield return "materials";
        if (s.Joints is not null) yield return "joints";
        if (s.Features is not null) yield return "features";
        if (s.Paraphrases is not null) yield return "paraphrases";
        if (s.Body is not null) yield return "body";
        if (s.Trigger is not null) yield return "trigger";
        if (s.DurationS is not null) yield return "duration_s";
        if (s.Direction is not null) yield return "direction";
        if (s.TiltDeg is not null) yield return "tilt_deg";
    }
}
