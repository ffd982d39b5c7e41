using Harness.Core.Hashing;
using Harness.Core.Kinematics;
using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Perturbations;
using Harness.Sim.Scenes;
using Harness.Sim.Tasks;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Harness.Sim.Packages;

/// <summary>
/// Loads a scene package (a folder with scene.yaml and its MJCF) into a <see cref="SceneDefinition"/>,
/// checking every name against the model and every value against the contracts. All problems are
/// collected and reported together, each with the file, the key and what was expected.
/// </summary>
public static class ScenePackageLoader
{
    public const string ManifestFile = "scene.yaml";
    public const string Format = "harness.scene/1";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Reads scene.yaml only (no model): the manifest as written, or an error naming the file and line.</summary>
    public static ScenePackageManifest ReadManifest(string dir)
    {
        string file = ManifestPath(dir);
        try
        {
            return Yaml.Deserialize<ScenePackageManifest>(File.ReadAllText(file))
                ?? throw new ScenePackageException([new(file, "", "the file is empty; expected a scene description (see `harness scene export`).")]);
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            throw new ScenePackageException([new(file, $"line {e.Start.Line}, column {e.Start.Column}", $"{inner.Split(Environment.NewLine)[0]} Check the key names against `harness scene export` output.")]);
        }
    }

    public static string ManifestPath(string dir)
    {
        if (File.Exists(dir) && Path.GetFileName(dir) == ManifestFile) return Path.GetFullPath(dir);
        if (!Directory.Exists(dir))
            throw new ScenePackageException([new(dir, "", "no such folder; expected a scene package folder holding scene.yaml and its MJCF (see `harness scene export NAME DIR`).")]);
        var file = Path.Combine(Path.GetFullPath(dir), ManifestFile);
        if (!File.Exists(file))
            throw new ScenePackageException([new(dir, "", $"no {ManifestFile} in this folder; a scene package is a folder with {ManifestFile} and its MJCF (see `harness scene export NAME DIR`).")]);
        return file;
    }

    /// <summary>Loads and checks a package; throws <see cref="ScenePackageException"/> listing every problem.</summary>
    public static SceneDefinition Load(string dir)
    {
        string file = ManifestPath(dir);
        string root = Path.GetDirectoryName(file)!;
        var m = ReadManifest(root);
        var problems = new List<ScenePackageProblem>();
        void P(string key, string msg) => problems.Add(new(file, key, msg));

        if (m.Format != Format) P("format", $"expected '{Format}'; found '{m.Format ?? "(missing)"}'.");
        if (string.IsNullOrWhiteSpace(m.Name)) P("name", "missing; expected the scene's name (used in run.json and reports).");
        if (string.IsNullOrWhiteSpace(m.Mjcf)) { P("mjcf", "missing; expected the path of the MJCF file, relative to the package folder."); throw new ScenePackageException(problems); }
        string mjcf = Path.GetFullPath(Path.Combine(root, m.Mjcf));
        if (!File.Exists(mjcf)) { P("mjcf", $"'{m.Mjcf}' does not exist in {root}."); throw new ScenePackageException(problems); }
        MjModel model;
        try { model = MjModel.LoadXml(mjcf); }
        catch (MujocoException e) { P("mjcf", $"MuJoCo cannot load '{m.Mjcf}': {e.Message}"); throw new ScenePackageException(problems); }

        try
        {
            var names = new PackageNames(model, file, problems);
            var robot = m.Robot ?? new RobotSection();
            if (m.Robot is null) P("robot", "missing; expected the robot section (type, control_hz, joints, ...).");
            if (string.IsNullOrWhiteSpace(robot.Type)) P("robot.type", "missing; expected the LeRobot robot type, e.g. so101_follower.");
            if (robot.ControlHz is not > 0) P("robot.control_hz", $"expected a control rate in Hz > 0; found {robot.ControlHz?.ToString() ?? "(missing)"}.");
            if (robot.MaxEpisodeSteps is not > 0) P("robot.max_episode_steps", $"expected a step limit > 0; found {robot.MaxEpisodeSteps?.ToString() ?? "(missing)"}.");
            if (robot.Substeps is <= 0) P("robot.substeps", $"expected >= 1; found {robot.Substeps}.");
            if (robot.SettleS is < 0) P("robot.settle_s", $"expected >= 0 seconds; found {robot.SettleS}.");

            var elements = Elements(robot.Joints, names, P);
            var home = robot.Home ?? [];
            var specs = elements.Select(e => e.Element.Spec).ToArray();
            // Only when every joint entry bound: a broken entry is reported once, not again as a length mismatch.
            if (specs.Length != (robot.Joints?.Count ?? 0)) { }
            else if (home.Count != specs.Length)
                P("robot.home", $"expected {specs.Length} values (one per joint: {string.Join(", ", specs.Select(s => s.Key))}); found {home.Count}.");
            else
                for (int i = 0; i < home.Count; i++)
                    if (home[i] < specs[i].Min || home[i] > specs[i].Max)
                        P($"robot.home[{i}]", $"{home[i]} is outside {specs[i].Key}'s limits [{specs[i].Min}, {specs[i].Max}] {specs[i].Unit}.");

            var grippers = Grippers(robot.Grippers, names, elements, P);
            var gravity = (robot.GravityCompensation ?? []).Select((b, i) => names.Require(MjObject.Body, b, $"robot.gravity_compensation[{i}]")).ToArray();
            var endEffector = EndEffector(robot.EndEffector, grippers, names, P);
            var cameras = Cameras(m.Cameras, names, P);
            // Checked against the declared names, so a camera with a bad MJCF name is reported once.
            var declared = (m.Cameras ?? []).Select(c => c.Name).Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
            var video = m.VideoCameras ?? declared.Take(2).Select(n => n!).ToList();
            for (int i = 0; i < video.Count; i++)
                if (!declared.Contains(video[i])) P($"video_cameras[{i}]", $"'{video[i]}' is not one of the package's cameras ({string.Join(", ", declared)}).");
            string view = m.ViewCamera ?? declared.FirstOrDefault() ?? "";
            if (declared.Count > 0 && !declared.Contains(view)) P("view_camera", $"'{view}' is not one of the package's cameras ({string.Join(", ", declared)}).");
            var layout = Layout(m.Layout, names, model, P);
            var privileged = Privileged(m.Privileged, names, P);

            TaskBinding? task = null;
            if (m.Task is null) P("task", $"missing; expected the task (type: one of {string.Join(", ", SceneTaskTypes.Names)}, prompt, and its parameters).");
            else if (!SceneTaskTypes.TryGet(m.Task.Type, out var type)) P("task.type", $"unknown task type '{m.Task.Type}'; task types: {string.Join(", ", SceneTaskTypes.Names)}.");
            else
            {
                if (string.IsNullOrWhiteSpace(m.Task.Prompt)) P("task.prompt", "missing; expected the task text sent to language-conditioned policies.");
                task = type!.Bind(new TaskBindingContext(file, m.Task, m.Expert, model, grippers, elements.Select(e => e.Element).ToList(), names, problems));
            }
            // Robustness axes (optional): names checked here, resolved per environment when a run binds them.
            var perturbations = PerturbationAxes.Parse(m.Perturbations, names, elements.Select(e => e.Element).ToList(), robot.ControlHz ?? 0, P);
            if (problems.Count > 0 || task is null) throw new ScenePackageException(problems);

            var hz = robot.ControlHz!.Value;
            var def = new SceneDefinition(
                m.Name!, m.Description ?? "", m.Version, root, mjcf, ContentHash.OfFolder(root),
                robot.Type!, hz, robot.Substeps, robot.MaxEpisodeSteps!.Value, robot.SettleS ?? 0.1,
                cameras, home, grippers, video, view, task.Schema, m.Task!.Prompt!,
                mdl => new SceneParts(
                    new ElementJointMap(Rebind(elements, mdl)),
                    task.Create(mdl),
                    new InitialLayout(layout.Select(b => Rebind(b, mdl)).ToArray()),
                    new PrivilegedState(privileged.Select(b => b with { BodyId = mdl.RequireId(MjObject.Body, b.Body) }).ToArray()),
                    (robot.GravityCompensation ?? []).Select(b => mdl.RequireId(MjObject.Body, b)).ToArray()));
            def = def with { EndEffector = endEffector, Perturbations = perturbations };
            return task.Experts is null ? def : def with { Experts = task.Experts(def) };
        }
        finally { model.Dispose(); }
    }

    // Ids are the same in every model loaded from the same file; re-resolving them keeps the
    // parts independent of the model the package was checked with.
    private static IReadOnlyList<JointElement> Rebind(IReadOnlyList<(JointElement Element, string Joint, string Actuator)> elements, MjModel m) =>
        elements.Select(e => e.Element with
        {
            QposAdr = m.JointQposAdr(m.RequireId(MjObject.Joint, e.Joint)),
            Actuator = m.RequireId(MjObject.Actuator, e.Actuator),
        }).ToArray();

    private static PlacedBody Rebind(PlacedBody b, MjModel m)
    {
        int j = m.RequireId(MjObject.Joint, b.Joint);
        return b with { QposAdr = m.JointQposAdr(j), DofAdr = m.JointDofAdr(j) };
    }

    private static List<(JointElement Element, string Joint, string Actuator)> Elements(List<JointSection>? joints, PackageNames names, Action<string, string> P)
    {
        var result = new List<(JointElement, string, string)>();
        if (joints is not { Count: > 0 }) { P("robot.joints", "missing; expected one entry per state/action element (key, joint, actuator, unit)."); return result; }
        var model = names.Model;
        for (int i = 0; i < joints.Count; i++)
        {
            var j = joints[i];
            string k = $"robot.joints[{i}]";
            if (string.IsNullOrWhiteSpace(j.Key)) { P($"{k}.key", "missing; expected the LeRobot feature key, e.g. shoulder_pan.pos."); continue; }
            int jid = names.Require(MjObject.Joint, j.Joint, $"{k}.joint");
            int aid = names.Require(MjObject.Actuator, j.Actuator, $"{k}.actuator");
            if (j.Unit is null || !Units.IsKnown(j.Unit)) { P($"{k}.unit", $"expected one of {string.Join(", ", Units.All)}; found '{j.Unit ?? "(missing)"}'."); continue; }
            var kind = (j.Kind ?? "joint").ToLowerInvariant() switch
            {
                "joint" or "joint_position" => JointKind.JointPosition,
                "gripper" => JointKind.Gripper,
                var other => (JointKind?)null,
            };
            if (kind is null) { P($"{k}.kind", $"expected joint or gripper; found '{j.Kind}'."); continue; }
            if (jid < 0 || aid < 0) continue;
            var type = model.JointType(jid);
            if (type is not (MjJointType.Hinge or MjJointType.Slide)) { P($"{k}.joint", $"'{j.Joint}' is a {type} joint; state/action elements are hinge or slide joints."); continue; }
            string native = type == MjJointType.Hinge ? Units.Radians : Units.Metres;

            // feature = a * qpos + b
            double a, b;
            if (j.SimRange is not null || j.FeatureRange is not null)
            {
                if (j.SimRange is not { Count: 2 } || j.FeatureRange is not { Count: 2 }) { P($"{k}.sim_range", "sim_range and feature_range go together, two numbers each, e.g. sim_range: [-10, 100], feature_range: [0, 100]."); continue; }
                double s0 = j.SimRange[0], s1 = j.SimRange[1];
                switch (j.SimUnit ?? native)
                {
                    case "deg" when native == Units.Radians: s0 *= Math.PI / 180; s1 *= Math.PI / 180; break;
                    case var u when u == native: break;
                    case var u: P($"{k}.sim_unit", $"'{u}' does not fit a {type} joint; use {(native == Units.Radians ? "rad or deg" : "m")}."); continue;
                }
                if (s0 == s1) { P($"{k}.sim_range", "the two ends are equal; expected a non-empty range."); continue; }
                a = (j.FeatureRange[1] - j.FeatureRange[0]) / (s1 - s0);
                b = j.FeatureRange[0] - a * s0;
            }
            else
            {
                (a, b) = (j.Unit, native) switch
                {
                    ("deg", "rad") => (180 / Math.PI, 0.0),
                    var (u, n) when u == n => (1.0, 0.0),
                    _ => (double.NaN, 0.0),
                };
                if (double.IsNaN(a)) { P($"{k}.unit", $"{j.Unit} has no automatic conversion from the joint's {native}; give sim_range and feature_range."); continue; }
            }

            double min, max;
            if (j.Min is { } lo && j.Max is { } hi) (min, max) = (lo, hi);
            else if (j.FeatureRange is { Count: 2 } fr) (min, max) = (Math.Min(fr[0], fr[1]), Math.Max(fr[0], fr[1]));
            else
            {
                var (rlo, rhi) = model.JointRange(jid);
                if (rlo == 0 && rhi == 0) { P($"{k}", $"joint '{j.Joint}' has no range in the MJCF; give min and max (in {j.Unit})."); continue; }
                double f0 = a * rlo + b, f1 = a * rhi + b;
                (min, max) = (Math.Round(Math.Min(f0, f1), 6), Math.Round(Math.Max(f0, f1), 6));
            }
            if (min >= max) { P($"{k}", $"limits [{min}, {max}] are empty."); continue; }
            if (!Plausible(j.Unit, min, max)) P($"{k}.unit", $"limits [{min:0.###}, {max:0.###}] are implausible for unit {j.Unit}; check the unit and the conversion.");

            GripperSense? sense = null;
            if (kind == JointKind.Gripper)
            {
                if (j.Open is null || j.Closed is null) { P($"{k}", "a gripper element needs open and closed (the feature values of fully open and fully closed)."); continue; }
                sense = new GripperSense(j.Open.Value, j.Closed.Value);
            }

            // ctrl = c * feature + d: the joint's simulator value (position actuators), or ctrl_range.
            double c, d;
            if (j.CtrlRange is { Count: 2 } cr)
            {
                if (j.FeatureRange is not { Count: 2 } f) { P($"{k}.ctrl_range", "ctrl_range needs feature_range (which feature values the two control values correspond to)."); continue; }
                c = (cr[1] - cr[0]) / (f[1] - f[0]);
                d = cr[0] - c * f[0];
            }
            else if (j.CtrlRange is not null) { P($"{k}.ctrl_range", "expected two numbers."); continue; }
            else (c, d) = (1 / a, -b / a);

            var spec = new JointSpec(j.Key, j.Unit, min, max, kind.Value, sense);
            result.Add((new JointElement(spec, j.Joint!, 0, 0, a, b, c, d), j.Joint!, j.Actuator!));
        }
        var dupes = result.GroupBy(e => e.Item1.Spec.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (dupes.Length > 0) P("robot.joints", $"feature key(s) used twice: {string.Join(", ", dupes)}.");
        return result;
    }

    private static bool Plausible(string unit, double min, double max) => unit switch
    {
        "deg" => min >= -400 && max <= 400,
        "rad" => min >= -7 && max <= 7,
        "m" => min >= -3 && max <= 3,
        "0-1" => min >= -0.5 && max <= 1.5,
        "0-100" => min >= -50 && max <= 150,
        "-100-100" => min >= -150 && max <= 150,
        "0-255" => min >= -10 && max <= 265,
        _ => true,
    };

    private static List<GripperDescription> Grippers(List<GripperSection>? grippers, PackageNames names,
        IReadOnlyList<(JointElement Element, string Joint, string Actuator)> elements, Action<string, string> P)
    {
        var result = new List<GripperDescription>();
        for (int i = 0; i < (grippers?.Count ?? 0); i++)
        {
            var g = grippers![i];
            string k = $"robot.grippers[{i}]";
            names.Require(MjObject.Site, g.ToolSite, $"{k}.tool_site");
            names.Geoms(g.FixedJaw, $"{k}.fixed_jaw");
            names.Geoms(g.MovingJaw, $"{k}.moving_jaw");
            var bodies = g.Bodies ?? [];
            for (int b = 0; b < bodies.Count; b++) names.Require(MjObject.Body, bodies[b], $"{k}.bodies[{b}]");
            string? element = g.Element ?? elements.Where(e => e.Element.Spec.IsGripper).Select(e => e.Element.Spec.Key).Skip(i).FirstOrDefault();
            if (g.Element is not null && elements.All(e => e.Element.Spec.Key != g.Element))
                P($"{k}.element", $"'{g.Element}' is not a joint key of robot.joints ({string.Join(", ", elements.Select(e => e.Element.Spec.Key))}).");
            result.Add(new GripperDescription(g.Name ?? $"gripper{i}", g.ToolSite ?? "", g.FixedJaw ?? [], g.MovingJaw ?? [], bodies, element));
        }
        return result;
    }

    private static EndEffectorSpec? EndEffector(EndEffectorSection? e, IReadOnlyList<GripperDescription> grippers, PackageNames names, Action<string, string> P)
    {
        if (e is null) return null;
        const string k = "robot.end_effector";
        if (string.IsNullOrWhiteSpace(e.Base)) P($"{k}.base", "missing; expected the body whose frame end-effector poses are expressed in (the robot base).");
        else names.Require(MjObject.Body, e.Base, $"{k}.base");
        string? site = e.ToolSite ?? (grippers.Count > 0 ? grippers[0].ToolSite : null);
        if (string.IsNullOrWhiteSpace(site)) P($"{k}.tool_site", "missing; expected the site end-effector poses put in place (default: the first gripper's tool_site).");
        else names.Require(MjObject.Site, site, $"{k}.tool_site");
        var axis = e.ApproachAxis ?? [1, 0, 0];
        if (axis.Count != 3 || Math.Sqrt(axis.Sum(x => x * x)) < 1e-9)
            P($"{k}.approach_axis", $"expected three numbers, not all zero (the tool-site axis the approach points along); found [{string.Join(", ", axis)}].");
        var honoured = OrientationComponents.None;
        if (e.Honoured is null) P($"{k}.honoured", "missing; expected the orientation components the arm can reach: a list of roll, pitch, yaw (or [all], or [] for position only).");
        else
            try { honoured = EndEffectorSpec.ParseComponents(e.Honoured); }
            catch (ArgumentException x) { P($"{k}.honoured", x.Message); }
        var t = e.Tolerance;
        if (t?.PositionMm is not > 0 || t.OrientationDeg is not > 0)
            P($"{k}.tolerance", $"expected position_mm and orientation_deg, both > 0 (e.g. {{position_mm: 5, orientation_deg: 5}}); found {(t is null ? "(missing)" : $"position_mm {t.PositionMm?.ToString() ?? "(missing)"}, orientation_deg {t.OrientationDeg?.ToString() ?? "(missing)"}")}.");
        if (string.IsNullOrWhiteSpace(e.Base) || string.IsNullOrWhiteSpace(site) || t?.PositionMm is not > 0 || t.OrientationDeg is not > 0) return null;
        return new EndEffectorSpec(e.Base, site, axis.ToArray(), honoured, new IkTolerance(t.PositionMm.Value / 1000, t.OrientationDeg.Value));
    }

    private static List<SceneCamera> Cameras(List<CameraSection>? cameras, PackageNames names, Action<string, string> P)
    {
        var result = new List<SceneCamera>();
        for (int i = 0; i < (cameras?.Count ?? 0); i++)
        {
            var c = cameras![i];
            string k = $"cameras[{i}]";
            if (string.IsNullOrWhiteSpace(c.Name)) { P($"{k}.name", "missing; expected the camera's feature name (observation.images.<name>)."); continue; }
            string mj = c.Mjcf ?? c.Name;
            if (names.Require(MjObject.Camera, mj, c.Mjcf is null ? $"{k}.name" : $"{k}.mjcf") < 0) continue;
            var kind = (c.Kind ?? "rgb").ToLowerInvariant() switch { "rgb" => CameraKind.Rgb, "depth" => CameraKind.Depth, _ => (CameraKind?)null };
            if (kind is null) { P($"{k}.kind", $"expected rgb or depth; found '{c.Kind}'."); continue; }
            if (c.Resolution is { } r && (r.Count != 2 || r[0] <= 0 || r[1] <= 0 || r[0] > 4096 || r[1] > 4096))
            { P($"{k}.resolution", $"expected [height, width] in pixels (1..4096); found [{string.Join(", ", r)}]."); continue; }
            if (kind != CameraKind.Depth && (c.Unit ?? (object?)c.Channels ?? c.RangeM) is not null)
            { P($"{k}", "unit, channels and range_m describe depth cameras only; add kind: depth or remove them."); continue; }
            if (c.Unit is not null and not (Units.Metres or Units.Fraction)) { P($"{k}.unit", $"expected {Units.Metres} (metres) or {Units.Fraction} (scaled over range_m); found '{c.Unit}'."); continue; }
            if (c.Channels is not null and not (1 or 3)) { P($"{k}.channels", $"expected 1 or 3 (the depth replicated); found {c.Channels}."); continue; }
            if (c.RangeM is { } rm && (rm.Count != 2 || !(rm[0] >= 0 && rm[1] > rm[0]))) { P($"{k}.range_m", $"expected [near, far] metres with 0 <= near < far; found [{string.Join(", ", rm)}]."); continue; }
            result.Add(new SceneCamera(c.Name, mj, kind.Value, c.Resolution?[0], c.Resolution?[1], c.Unit, c.Channels, c.RangeM));
        }
        var dupes = result.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (dupes.Length > 0) P("cameras", $"camera name(s) used twice: {string.Join(", ", dupes)}.");
        return result;
    }

    private static List<PlacedBody> Layout(List<LayoutSection>? layout, PackageNames names, MjModel model, Action<string, string> P)
    {
        var result = new List<PlacedBody>();
        for (int i = 0; i < (layout?.Count ?? 0); i++)
        {
            var l = layout![i];
            string k = $"layout[{i}]";
            int j = names.Require(MjObject.Joint, l.Joint, $"{k}.joint");
            if (j < 0) continue;
            if (model.JointType(j) != MjJointType.Free) { P($"{k}.joint", $"'{l.Joint}' is a {model.JointType(j)} joint; placed bodies need a free joint."); continue; }
            bool Range(List<double>? r, string key, out double lo, out double hi)
            {
                (lo, hi) = (0, 0);
                if (r is null) return true;
                if (r.Count != 2 || r[0] > r[1]) { P($"{k}.{key}", $"expected [low, high] with low <= high; found [{string.Join(", ", r)}]."); return false; }
                (lo, hi) = (r[0], r[1]);
                return true;
            }
            if (!Range(l.X, "x", out var x0, out var x1) | !Range(l.Y, "y", out var y0, out var y1) | !Range(l.YawDeg, "yaw_deg", out var w0, out var w1)) continue;
            if (l.X is null || l.Y is null) { P(k, "x and y ranges are required."); continue; }
            if (l.Z is null) { P($"{k}.z", "missing; expected the height (m) of the body's origin when placed."); continue; }
            result.Add(new PlacedBody(l.Joint!, 0, 0, x0, x1, y0, y1, w0 * Math.PI / 180, w1 * Math.PI / 180, l.Z.Value));
        }
        return result;
    }

    private static List<PrivilegedBody> Privileged(List<PrivilegedSection>? privileged, PackageNames names, Action<string, string> P)
    {
        var result = new List<PrivilegedBody>();
        for (int i = 0; i < (privileged?.Count ?? 0); i++)
        {
            var p = privileged![i];
            string k = $"privileged[{i}]";
            int id = names.Require(MjObject.Body, p.Body, $"{k}.body");
            PoseParts parts = 0;
            foreach (var part in p.Parts ?? ["position", "quaternion"])
                parts |= part switch
                {
                    "position" => PoseParts.Position,
                    "quaternion" => PoseParts.Quaternion,
                    _ => Bad(part),
                };
            PoseParts Bad(string part) { P($"{k}.parts", $"unknown part '{part}'; expected position and/or quaternion."); return 0; }
            if (id >= 0 && parts != 0) result.Add(new PrivilegedBody(p.Body!, id, parts));
        }
        return result;
    }
}
